"""Refuse, before any view runs, requests no view can answer sensibly.

- A NUL character in the query string: PostgreSQL cannot store or compare it, so a
  filter such as ``?category=%00`` (pages, admin, API) would end in a driver error, a 500.
  It is a 400 here whatever the view.
- A ``charset`` that is no text encoding (``rot13``, ``base64``, ``hex``, ``zlib_codec``): Django
  accepts any codec name, then decoding the query string or body raises LookupError. A 415.
- ``TRACE``, ``TRACK`` and ``CONNECT``: never meaningful for this site (TRACE echoes the request,
  a cross-site tracing aid); a 405 with the methods a site page allows.
"""

import codecs

from django.http import HttpResponse, JsonResponse

from .error_pages import request_id_of, wants_json

REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}
ALLOWED = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE"


def is_text_encoding(name):
    """A charset naming a text codec (utf-8, latin-1...), not a bytes-to-bytes or str-to-str one
    that ``bytes.decode`` refuses."""
    try:
        return codecs.lookup(name)._is_text_encoding
    except (LookupError, TypeError, ValueError):
        return False


NUL_MESSAGE = "Contains a NUL character (%00), which no field accepts."


def _nul_parameters(request):
    """The query parameters holding a NUL (a NUL in the path matches no URL: a 404 already)."""
    return [
        key.replace("\x00", "\\x00")
        for key, values in request.GET.lists()
        if "\x00" in key or any("\x00" in value for value in values)
    ]


def _refuse(request, status, code, detail, errors=None):
    if wants_json(request):
        body = {"status": status, "code": code, "detail": detail}
        if errors:
            body["errors"] = errors
        response = JsonResponse({**body, "request_id": request_id_of(request)}, status=status)
    else:
        response = HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            response = _refuse(
                request, 405, "method_not_allowed", f"{request.method} is not allowed here."
            )
            response.headers["Allow"] = ALLOWED
            return response
        if request.encoding and not is_text_encoding(request.encoding):
            return _refuse(
                request,
                415,
                "unsupported_media_type",
                f"charset={request.encoding} is not a text encoding; send UTF-8.",
            )
        refused = _nul_parameters(request)
        if refused:
            return _refuse(
                request,
                400,
                "invalid",
                "The address contains a NUL character (%00), which no field accepts.",
                {name: [NUL_MESSAGE] for name in refused},
            )
        return self.get_response(request)
