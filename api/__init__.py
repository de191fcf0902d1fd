"""The REST API at /api/v1/: the composition point of ``taxonomy`` and ``interviews``.

Each app describes its own data (``taxonomy/api/``: serializers, filters, visibility;
``interviews/api.py``: question serializers and filter). This package is the HTTP layer that
may see both, like the admin: viewsets, the skill detail and skill writes that nest interview
questions, URLs, the error shape, ETags, parsing limits, pagination and throttling.

- ``urls.py``: router for /api/v1/, /api/schema/, /api/docs/, JSON 404 for unknown API paths
- ``skill_views.py``, ``reference_views.py``: viewsets (thin; reads come from QuerySets)
- ``skill_serializers.py``: nested skill detail (read) and skill input (write)
- ``skill_writes.py``: create/update/delete a skill with its children, atomically
- ``conditional.py``: ETag, If-None-Match (304) and If-Match (412)
- ``errors.py``: one JSON error shape for every 4xx; ``schema.py``: those errors in OpenAPI
- ``parsers.py``, ``pagination.py``, ``throttling.py``: request limits
"""
