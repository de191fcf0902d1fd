"""The 500 answer: a page (or JSON under /api/ and for JSON endpoints) naming the request id.

Django's handler500 runs after the error was logged (``django.request``, with the same request
id on the record); the page says nothing about the error itself.
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .request_id import current_request_id

logger = logging.getLogger(__name__)

JSON_PATHS = ("/api/", "/search/suggest/", "/healthz")
SERVER_ERROR = "Something went wrong on our side; it has been logged."


def wants_json(request):
    """API clients and the JSON endpoints get JSON errors; people get pages."""
    return request.path.startswith(JSON_PATHS)


def request_id_of(request):
    return getattr(request, "request_id", "") or current_request_id()


def server_error(request, *args, **kwargs):
    request_id = request_id_of(request)
    if wants_json(request):
        body = {"status": 500, "code": "server_error", "detail": SERVER_ERROR}
        response = JsonResponse({**body, "request_id": request_id}, status=500)
    else:
        try:
            page = render_to_string(
                "500.html",
                {
                    "request": request,
                    "request_id": request_id,
                    "csp_nonce": getattr(request, "_csp_nonce", ""),
                },
            )
        except Exception:
            logger.exception("The 500 page could not be rendered; sending the plain one")
            page = (
                "<!doctype html><html lang=en><meta charset=utf-8><title>Server error</title>"
                f"<h1>Something went wrong</h1><p>Reference: {request_id}</p></html>"
            )
        response = HttpResponse(page, status=500)
    response.headers["Cache-Control"] = "no-store"
    return response
