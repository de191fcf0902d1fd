"""The REST API at /api/v1/: its one home, and the composition point of the apps.

Everything the API is lives here: serializers, filters, viewsets, writes, URLs, errors, ETags,
parsing limits, pagination and throttling. It may read ``taxonomy``, ``interviews`` and
``search`` (like the admin composes the skill form); none of them imports it. Who sees drafts
is ``Skill.objects.visible_to(user)``, as on the pages.

- ``urls.py``: router for /api/v1/, /api/schema/, /api/docs/, JSON 404 for unknown API paths
- ``skill_views.py``, ``reference_views.py``: viewsets (thin; reads come from QuerySets)
- ``skill_serializers.py``: skill list row, nested detail (read) and skill input (write)
- ``reference_serializers.py``: categories, job titles, references, interview questions
- ``filters.py``: query-string filters; ``?q=`` is the site's one search
- ``skill_writes.py``: create/update/delete a skill with its children, through the write rule
- ``conditional.py``: ETag, If-None-Match (304) and If-Match (412)
- ``errors.py``: one JSON error shape for every 4xx; ``schema.py``: those errors in OpenAPI
- ``parsers.py``, ``pagination.py``, ``throttling.py``: request limits
- ``models.py``, ``tokens.py``: API tokens (hashed, expiring, read or write) and who a request
  is; ``history_serializers.py``: a skill's history (``GET /skills/<slug>/history/``)

The schema is committed in ``docs/openapi.yaml``; a test fails when the code's schema differs,
so every change to it is deliberate and listed in ``CHANGELOG.md``.
"""
