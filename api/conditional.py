"""ETags for skill details: a 304 for an unchanged If-None-Match, a 412 for a stale If-Match.

The ETag hashes the serialized detail, so it changes whenever anything the client sees
changes (a related skill renamed, a question added), not only the skill's own timestamp.
"""

import hashlib
import json

from django.utils.http import parse_etags
from rest_framework.utils.encoders import JSONEncoder

from .errors import PreconditionFailed


def etag_for(data):
    content = json.dumps(data, cls=JSONEncoder, sort_keys=True, separators=(",", ":"))
    return f'"{hashlib.sha256(content.encode()).hexdigest()[:40]}"'


def _matches(header, etag):
    # Weak comparison: a compressing proxy may have turned our ETag into W/"...".
    return "*" in parse_etags(header) or etag.strip('"') in {
        tag.removeprefix("W/").strip('"') for tag in parse_etags(header)
    }


def is_not_modified(request, etag):
    header = request.headers.get("If-None-Match")
    return bool(header) and _matches(header, etag)


def require_current(request, etag):
    """Refuse a write made against an older version of the resource."""
    header = request.headers.get("If-Match")
    if header and not _matches(header, etag):
        raise PreconditionFailed()
