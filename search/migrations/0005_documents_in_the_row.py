"""Keep skills' search rows in the table row, where the word score reads them without a TOAST fetch.

PostgreSQL moves a row's large values to the TOAST table once the row passes 2 KB, and fetches
them back on every use. A search scores each skill matching its words with five tests on the
heading and two reads of the document (``ranking._PostgreSQL.lexical_score``), so a skill whose
values were moved out paid seven fetches. At ESCO size the heading (distinct words of name,
aliases and job titles) passes 1.9 KB for one skill in five, and the document for most; a
common word ("design pro": 1,160 skills) spent most of its 32 ms there.

- ``heading`` gets storage MAIN: kept in the row unless the row cannot fit a page;
- ``toast_tuple_target = 8160`` (the most allowed): rows are left whole up to a page, so the
  median skill's document (1.3 KB) stays in the row too; only long ones still move out.

The table grows from 4 to 12 MB at ESCO size; the search page's own time on 200 varied ESCO
queries went from p50/p95 25.6/38.5 ms to 22.8/34.2 ms. Every document is then built again, so
existing rows follow the new storage rules and the fixed order of aliases, job titles and resume
lines (``indexing``: an order left to the plan made ts_rank differ between databases), and the
table is vacuumed: the rewrite left every old row dead and the GIN indexes' new entries in their
pending lists, which each search would otherwise scan (autovacuum, where it runs, gets there
later; p50 29 ms before it did). VACUUM cannot run inside a transaction, so this migration has
none: each step commits alone, and running it again is harmless.
"""

from django.db import migrations

from ops.vendor_sql import vendor_sql


def rebuild_documents(apps, schema_editor):
    # Current code on purpose, as in 0004: the index is derived data, built by today's rules.
    from search.indexing import rebuild_documents

    rebuild_documents()


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0004_faster_matching"),
    ]

    operations = [
        vendor_sql(
            {
                "postgresql": [
                    "ALTER TABLE taxonomy_searchdocument ALTER COLUMN heading SET STORAGE MAIN,"
                    " SET (toast_tuple_target = 8160)",
                ]
            },
            {
                "postgresql": [
                    "ALTER TABLE taxonomy_searchdocument ALTER COLUMN heading SET STORAGE EXTENDED,"
                    " RESET (toast_tuple_target)",
                ]
            },
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
        vendor_sql({"postgresql": ["VACUUM ANALYZE taxonomy_searchdocument"]}, {}),
    ]
