"""No parallel workers for scans of taxonomy_searchdocument (PostgreSQL only).

A search reads a few hundred rows through the GIN index; the planner still planned a parallel
bitmap scan for them, and starting the worker cost more than the scan (page query 12-16 ms with a
worker, 4 ms without, at 100,000 skills: bench/search.py). A table storage parameter, so nothing
else in the database changes.
"""

from django.db import migrations

from ops.vendor_sql import vendor_sql

FORWARDS = ["ALTER TABLE taxonomy_searchdocument SET (parallel_workers = 0)"]
BACKWARDS = ["ALTER TABLE taxonomy_searchdocument RESET (parallel_workers)"]


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0005_searchdocument_heading"),
    ]

    operations = [vendor_sql({"postgresql": FORWARDS}, {"postgresql": BACKWARDS})]
