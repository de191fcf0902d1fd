"""Raw SQL for one database engine inside migrations that run on PostgreSQL and SQLite alike."""

from django.db import migrations


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def vendor_sql(forwards, backwards):
    """A migration step running ``{vendor: [statements]}`` for the engine it meets, else nothing.

    Statements go through ``schema_editor.execute``, which %-formats: write a literal % as %%.
    """
    return migrations.RunPython(_run(forwards), _run(backwards))
