"""The duplicate guard's name keys (taxonomy.duplicates), filled for the rows already there."""

from django.db import migrations, models

from taxonomy.names import name_key


def fill_name_keys(apps, schema_editor):
    for model_name in ("Skill", "JobTitle"):
        model = apps.get_model("taxonomy", model_name)
        rows = list(model.objects.only("name"))
        for row in rows:
            row.name_key = name_key(row.name)[:200]
        model.objects.bulk_update(rows, ["name_key"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0011_name_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobtitle",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
