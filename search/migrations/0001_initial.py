"""Takes over the search tables' state from taxonomy (its migrations 0002-0007 made the tables).

State only: ``db_table`` names keep the existing tables; no SQL runs.
"""

import django.db.models.deletion
from django.db import migrations, models

import ops.db_fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("taxonomy", "0007_search_tables_move_to_search_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "skill",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                primary_key=True,
                                related_name="search_document",
                                serialize=False,
                                to="taxonomy.skill",
                            ),
                        ),
                    ],
                    options={"db_table": "taxonomy_searchdocument", "managed": False},
                ),
                migrations.CreateModel(
                    name="SearchWord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("word", ops.db_fields.ByteOrderedTextField()),
                    ],
                    options={
                        "db_table": "taxonomy_searchword",
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
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("name", "Name"), ("alias", "Alias")], max_length=5
                            ),
                        ),
                        (
                            "term",
                            models.CharField(
                                help_text="The name or alias as written.", max_length=200
                            ),
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
                        "db_table": "taxonomy_searchterm",
                        "indexes": [
                            models.Index(fields=["norm"], name="searchterm_norm"),
                            models.Index(fields=["skill"], name="searchterm_skill"),
                        ],
                    },
                ),
            ]
        )
    ]
