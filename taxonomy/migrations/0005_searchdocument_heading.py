"""A small GIN-indexed "heading" vector per skill (name, aliases, job titles: weights A-C).

Ranking reads the full document only for skills whose heading holds a query word; skills that
match in their summary, definition or resume lines alone (thousands for a common word at 100,000
skills) all rank 1 and need no document read. Also turns JIT off for this database: it cost about
50 ms of compilation per large search and saves nothing on queries this size. PostgreSQL only.
"""

from django.db import migrations

from ops.vendor_sql import vendor_sql

FORWARDS = [
    "ALTER TABLE taxonomy_searchdocument ADD COLUMN heading tsvector",
    "UPDATE taxonomy_searchdocument SET heading = ts_filter(document, '{a,b,c}')",
    "ALTER TABLE taxonomy_searchdocument ALTER COLUMN heading SET NOT NULL",
    "CREATE INDEX searchdocument_heading ON taxonomy_searchdocument USING gin (heading)",
    """
    DO $$ BEGIN
        EXECUTE format('ALTER DATABASE %%I SET jit = off', current_database());
    END $$
    """,
]
BACKWARDS = [
    "ALTER TABLE taxonomy_searchdocument DROP COLUMN heading",
    """
    DO $$ BEGIN
        EXECUTE format('ALTER DATABASE %%I RESET jit', current_database());
    END $$
    """,
]


# Run through schema_editor.execute, which formats with %: the format() placeholder is %%I.


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0004_searchdocument_without_foreign_key"),
    ]

    operations = [vendor_sql({"postgresql": FORWARDS}, {"postgresql": BACKWARDS})]
