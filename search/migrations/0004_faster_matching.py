"""Full-text matching at ESCO size: indexes always, and headings small enough to stay in the row.

1. The planner costs ``document @@ query`` like any cheap operator and scanned the whole table
   for common words (8-13 ms at ESCO size, per use) where the GIN index answers in 1-4 ms.
   ``search_document_matches`` and ``search_heading_matches`` are planned apart with
   ``enable_seqscan = off`` (a SET clause keeps a function from being inlined), so only these
   lookups are steered to the indexes.
2. A skill's heading (name, aliases, job titles) held a position for every repeat of a word
   across hundreds of job titles: 2.2 KB on average, stored out of line, so each of the five
   tests the word score makes on it fetched it again from the TOAST table (~4 us a time, 20 ms
   for a query matching 1,000 skills). Only which words sit in which field matters to those
   tests, so the heading is now built from each field's distinct words
   (``taxonomy_search_distinct_words``); the document keeps every position for ``ts_rank``.
"""

from django.db import migrations

from ops.vendor_sql import vendor_sql

_MATCHES = """
CREATE OR REPLACE FUNCTION {name}(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off
AS $$ SELECT skill_id FROM taxonomy_searchdocument WHERE {column} @@ query $$
"""
_DISTINCT_WORDS = """
CREATE OR REPLACE FUNCTION taxonomy_search_distinct_words(words text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(string_agg(DISTINCT w, ' '), '') FROM unnest(string_to_array(words, ' ')) AS w $$
"""


def rebuild_documents(apps, schema_editor):
    # Current code on purpose: the index is derived data, always built by today's rules.
    from search.indexing import rebuild_documents

    rebuild_documents()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_unanswered_searches"),
    ]

    operations = [
        vendor_sql(
            {
                "postgresql": [
                    _MATCHES.format(name="search_document_matches", column="document"),
                    _MATCHES.format(name="search_heading_matches", column="heading"),
                    _DISTINCT_WORDS,
                ]
            },
            {
                "postgresql": [
                    "DROP FUNCTION IF EXISTS search_document_matches(tsquery)",
                    "DROP FUNCTION IF EXISTS search_heading_matches(tsquery)",
                    "DROP FUNCTION IF EXISTS taxonomy_search_distinct_words(text)",
                ]
            },
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]
