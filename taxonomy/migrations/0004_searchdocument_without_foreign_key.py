"""Drop the foreign key of taxonomy_searchdocument (PostgreSQL).

The table is not a Django-managed model, so Django's flush (used between transactional tests)
truncates taxonomy_skill without it, which PostgreSQL refuses while a foreign key points at
taxonomy_skill. Rows of deleted skills are harmless: search joins the skill table.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_foreign_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE taxonomy_searchdocument "
            "DROP CONSTRAINT IF EXISTS taxonomy_searchdocument_skill_id_fkey"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0003_searchword_gin_trigram"),
    ]

    operations = [
        migrations.RunPython(drop_foreign_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchdocument",
            name="skill",
            field=models.OneToOneField(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                primary_key=True,
                related_name="search_document",
                serialize=False,
                to="taxonomy.skill",
            ),
        ),
    ]
