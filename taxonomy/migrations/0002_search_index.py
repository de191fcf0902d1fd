"""Search index tables (now the search app's: search/models.py), per database.

PostgreSQL: pg_trgm and unaccent, an IMMUTABLE normalising function (unaccent() itself is only
STABLE), the tsvector table with its GIN index, and trigram indexes for typos and suggestions.
SQLite: an FTS5 table with the same four weighted fields. Each RunPython step checks the vendor,
so the migration runs cleanly on both.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

import ops.db_fields
from ops.vendor_sql import vendor_sql

POSTGRESQL_FORWARDS = [
    """
    CREATE FUNCTION taxonomy_search_norm(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT btrim(regexp_replace(
            lower(public.unaccent('public.unaccent'::regdictionary, $1)),
            '[^a-z0-9]+', ' ', 'g'))
    $$
    """,
    """
    CREATE TABLE taxonomy_searchdocument (
        skill_id bigint PRIMARY KEY
            REFERENCES taxonomy_skill (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX searchdocument_document ON taxonomy_searchdocument USING gin (document)",
    "CREATE INDEX searchterm_norm_trgm ON taxonomy_searchterm USING gin (norm gin_trgm_ops)",
    "CREATE INDEX searchword_word_trgm ON taxonomy_searchword USING gist (word gist_trgm_ops)",
]
POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS searchword_word_trgm",
    "DROP INDEX IF EXISTS searchterm_norm_trgm",
    "DROP TABLE IF EXISTS taxonomy_searchdocument",
    "DROP FUNCTION IF EXISTS taxonomy_search_norm(text)",
]
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE taxonomy_searchfts USING fts5("
    "name, aliases, titles, body, tokenize='porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARDS = ["DROP TABLE IF EXISTS taxonomy_searchfts"]


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "skill",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="taxonomy.skill",
                    ),
                ),
            ],
            options={
                "db_table": "taxonomy_searchdocument",
                "managed": False,
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", ops.db_fields.ByteOrderedTextField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("word",), name="searchword_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(choices=[("name", "Name"), ("alias", "Alias")], max_length=5),
                ),
                (
                    "term",
                    models.CharField(help_text="The name or alias as written.", max_length=200),
                ),
                (
                    "norm",
                    ops.db_fields.ByteOrderedTextField(
                        help_text="Normalised words of the term from one word position on."
                    ),
                ),
                (
                    "is_start",
                    models.BooleanField(
                        help_text="True for the whole term, false for a later word."
                    ),
                ),
                (
                    "skill",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_terms",
                        to="taxonomy.skill",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["norm"], name="searchterm_norm"),
                    models.Index(fields=["skill"], name="searchterm_skill"),
                ],
            },
        ),
        vendor_sql(
            {"postgresql": POSTGRESQL_FORWARDS, "sqlite": SQLITE_FORWARDS},
            {"postgresql": POSTGRESQL_BACKWARDS, "sqlite": SQLITE_BACKWARDS},
        ),
    ]
