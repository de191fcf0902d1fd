"""When the database is unreachable, say so politely with a 503 instead of a 500.

Visitors get the friendly ``503.html`` page, API clients a JSON body; both carry
``Retry-After``. The site needs no restart afterwards: Django discards a connection that
raised (``errors_occurred`` + ``CONN_HEALTH_CHECKS``), so the next request reconnects.
"""

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .error_pages import request_id_of, wants_json

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15
OUTAGE_MESSAGE = "Skill Atlas is briefly unavailable: the database is not answering."
FALLBACK_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Back soon · Skill Atlas</title>"
    "<h1>Back in a moment</h1><p>Skill Atlas cannot reach its database right now. "
    "Please try again in a few seconds.</p></html>"
)


def outage_response(request):
    """The 503 a visitor or API client sees while the database is down."""
    if wants_json(request):  # the API, and autocomplete, whose script expects JSON
        response = JsonResponse(
            {
                "status": 503,
                "code": "database_unavailable",
                "detail": OUTAGE_MESSAGE,
                "retry_after_seconds": RETRY_AFTER_SECONDS,
                "request_id": request_id_of(request),
            },
            status=503,
        )
    else:
        response = HttpResponse(_page(request), status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(request):
    # Rendered without context processors: they may read the session, i.e. the database.
    try:
        return render_to_string(
            "503.html",
            {
                "request": request,
                "csp_nonce": getattr(request, "_csp_nonce", ""),
                "retry_after": RETRY_AFTER_SECONDS,
                "request_id": request_id_of(request),
            },
        )
    except Exception:
        logger.exception("The 503 page could not be rendered; sending the plain one")
        return FALLBACK_PAGE


class Unreachable:
    """Per process: after a connect timeout, answer 503 at once for ``DB_UNREACHABLE_HOLD``
    seconds instead of letting every queued request wait out its own timeout (with 2 sync
    workers and 8 waiting clients the last one waited 4 timeouts). /healthz still asks."""

    until = 0.0

    @classmethod
    def note(cls, error):
        if "timeout expired" in str(error).lower():
            cls.until = time.monotonic() + settings.DB_UNREACHABLE_HOLD

    @classmethod
    def holding(cls):
        return time.monotonic() < cls.until


class DatabaseOutageMiddleware:
    """Turns ``OperationalError``/``InterfaceError`` from a view into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if Unreachable.holding() and request.path != "/healthz":
            return outage_response(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        Unreachable.note(exception)
        logger.error("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return outage_response(request)
