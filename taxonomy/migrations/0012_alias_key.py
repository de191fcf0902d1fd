"""Aliases are unique per skill by ``key`` (taxonomy.alias_keys), no longer by lower(term).

Existing rows get their key; two aliases of one skill that the new rule calls the same (for
example "Straße" and "STRASSE", which lower() told apart) keep the older one, and the migration
prints each one it removes.
"""

from django.db import migrations, models

from taxonomy.alias_keys import alias_key


def fill_keys(apps, schema_editor):
    SkillAlias = apps.get_model("taxonomy", "SkillAlias")
    seen, changed, duplicates = set(), [], []
    for alias in SkillAlias.objects.order_by("skill_id", "pk").iterator(chunk_size=5000):
        alias.key = alias_key(alias.term)
        if (alias.skill_id, alias.key) in seen:
            duplicates.append(alias)
            continue
        seen.add((alias.skill_id, alias.key))
        changed.append(alias)
        if len(changed) >= 5000:
            SkillAlias.objects.bulk_update(changed, ["key"])
            changed = []
    SkillAlias.objects.bulk_update(changed, ["key"])
    for alias in duplicates:
        print(f"\n  removed alias {alias.term!r} of skill {alias.skill_id}: a duplicate ignoring case")
    SkillAlias.objects.filter(pk__in=[a.pk for a in duplicates]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0011_name_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="skillalias",
            name="key",
            field=models.CharField(default="", editable=False, max_length=600),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="skillalias",
            name="alias_unique_per_skill_ignoring_case",
        ),
        migrations.AddConstraint(
            model_name="skillalias",
            constraint=models.UniqueConstraint(
                fields=("skill", "key"),
                name="alias_key_unique_per_skill",
                violation_error_message="This skill already has that alias (ignoring case).",
            ),
        ),
    ]
