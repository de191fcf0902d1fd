"""The search index tables now belong to the ``search`` app (search migration 0001).

State only: the tables keep their names and rows; no SQL runs.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0006_searchdocument_no_parallel_scans"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SearchDocument"),
                migrations.DeleteModel(name="SearchTerm"),
                migrations.DeleteModel(name="SearchWord"),
            ]
        )
    ]
