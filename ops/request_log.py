"""One log line per request (method, path, status, duration) and a JSON formatter for it.

With ``LOG_FORMAT=json`` every log record is one JSON object per line, which log shippers
read without parsing rules; the request line carries its fields as top-level keys.
"""

import json
import logging
import time
from datetime import UTC, datetime

logger = logging.getLogger("ops.requests")

REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestLogMiddleware:
    """Outermost middleware, so the duration covers the whole stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        logger.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({f: getattr(record, f) for f in REQUEST_FIELDS if hasattr(record, f)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
