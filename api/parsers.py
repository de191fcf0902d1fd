"""JSON request bodies, bounded: too big is a 413, malformed is a 400, never a 500.

DRF's own JSON parser reads the whole stream whatever its size; this one honours Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` and also rejects NaN/Infinity and pathologically deep nesting.
"""

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from ops.request_guard import is_text_encoding

from .errors import PayloadTooLarge, UnsupportedCharset


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        if not is_text_encoding(encoding):
            raise UnsupportedCharset(
                f"charset={encoding} is not a text encoding this API reads; send UTF-8."
            )
        try:
            return json.loads(raw.decode(encoding), parse_constant=_reject_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
