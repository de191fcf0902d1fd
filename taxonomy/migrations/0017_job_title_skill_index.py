"""Skills per job title read from the index alone.

The job titles list asks, for each title, whether a published skill holds it and how many do:
with only Django's one-column index on ``jobtitle_id`` each title's links were read from the
table too (3,141 titles, 70,000 links at ESCO size: the list's count went 20 -> 11 ms).
Django creates the many-to-many table itself, so the index is plain SQL (PostgreSQL and SQLite
read it alike)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0016_merge_editorial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX taxonomy_skill_job_titles_title_skill "
            "ON taxonomy_skill_job_titles (jobtitle_id, skill_id)",
            "DROP INDEX taxonomy_skill_job_titles_title_skill",
        )
    ]
