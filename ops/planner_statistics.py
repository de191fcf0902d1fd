"""Fresh planner statistics, and tables cleared of dead rows, after a bulk import.

PostgreSQL plans with table statistics that autovacuum refreshes only after a while, or never
where it is off. Straight after an import of thousands of rows the planner still believes the
tables hold a few, and picks plans that cost seconds: the job titles list took 1.1–2.3 s of SQL
on a fresh ESCO import and 22 ms after ANALYZE. So the importers refresh them when they finish.

They VACUUM too, where they can (outside a transaction): an ESCO import writes each skill four
times, leaving three dead versions of every row for each page to step over, and pages that
VACUUM has not marked all-visible make an index-only scan read the table anyway. At ESCO size,
until autovacuum came by: the job titles list 22 -> 15 ms of SQL, the API list 3.5 -> 1.2 ms.
"""

from django.db import connection

ANALYZED_APPS = ("taxonomy", "search", "interviews")


def refresh_planner_statistics():
    """VACUUM and ANALYZE the content tables (PostgreSQL; other engines need nothing); only
    ANALYZE inside a transaction, where VACUUM cannot run. Under a second at ESCO scale."""
    if connection.vendor != "postgresql":
        return
    tables = [
        name
        for name in connection.introspection.table_names()
        if name.startswith(tuple(f"{app}_" for app in ANALYZED_APPS))
    ]
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
