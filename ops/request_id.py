"""A request id on every request: in the ``X-Request-ID`` response header, on every log record
written while the request runs, and on the 500/503 pages and API error bodies, so a visitor's
"it said reference 3f2a…" leads an operator to the exact log lines.

A proxy's ``X-Request-ID`` is kept when it looks like an id (letters, digits, ``-._``, at most
64), so one id follows the request through proxy and app logs; otherwise a new one is made.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
_VALID = re.compile(r"[A-Za-z0-9._-]{1,64}\Z")
_current = contextvars.ContextVar("request_id", default="")


def current_request_id():
    """The id of the request this thread is serving ("" outside a request)."""
    return _current.get()


class RequestIdMiddleware:
    """Outermost: everything below, logs included, sees the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = offered if _VALID.match(offered) else uuid.uuid4().hex
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response.headers[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record (a logging filter on the handler, see settings)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            # django.request logs a response after the middleware returned: its record
            # carries the request itself.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or current_request_id() or "-"
        return True
