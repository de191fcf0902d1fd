"""Database field types the apps share (migrations of several apps name them)."""

from django.db import models


class ByteOrderedTextField(models.TextField):
    """Text compared byte by byte on PostgreSQL (the "C" collation), so one btree serves =,
    LIKE 'x%' and ORDER BY. The database default collation (C.UTF-8 here, or a locale) does not
    allow prefix scans. Meant for normalised ASCII keys, such as search terms."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
