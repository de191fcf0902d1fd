"""Fresh planner statistics after a bulk import.

PostgreSQL plans with table statistics that autovacuum refreshes only after a while, or never
where it is off. Straight after an import of thousands of rows the planner still believes the
tables hold a few, and picks plans that cost seconds: the job titles list took 1.1–2.3 s of SQL
on a fresh ESCO import and 22 ms after ANALYZE. So the importers refresh them when they finish.
"""

from django.db import connection

ANALYZED_APPS = ("taxonomy", "search", "interviews")


def refresh_planner_statistics():
    """ANALYZE the content tables (PostgreSQL; other engines need nothing). Takes a second or
    two at ESCO scale, outside the import's transaction."""
    if connection.vendor != "postgresql":
        return
    tables = [
        name
        for name in connection.introspection.table_names()
        if name.startswith(tuple(f"{app}_" for app in ANALYZED_APPS))
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
