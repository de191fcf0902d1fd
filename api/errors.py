"""One JSON error shape for every API error: ``{"status", "code", "detail", "errors"?}``.

``errors`` appears on validation failures and holds a list of messages per field (nested
for list items). Django's own request limits (body too big, too many fields) are turned into
the same shape instead of an HTML page.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import IntegrityError, OperationalError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from ops.request_id import current_request_id

from .conflicts import conflict_errors, is_retryable


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class UnsupportedCharset(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "The request body's charset is not a text encoding; send UTF-8."
    default_code = "unsupported_media_type"


class Conflict(exceptions.APIException):
    """A write lost a race in the database (see ``conflicts``); ``errors`` names the field."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Another change reached the database first; nothing was saved."
    default_code = "conflict"

    def __init__(self, errors):
        super().__init__()
        self.errors = errors


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The skill changed since you read it (If-Match does not match its ETag). "
        "Fetch it again and reapply your change."
    )
    default_code = "precondition_failed"


class FieldPermissionDenied(exceptions.PermissionDenied):
    """A 403 that names the field the account may not set (e.g. ``status``: publishing)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field_errors = {field: [message]}


class DuplicateName(exceptions.APIException):
    """409: the name (or an alias) is an existing skill's name; ``existing`` says which."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "duplicate"

    def __init__(self, detail, *, field, existing):
        super().__init__(detail)
        self.extra = {"field": field, "existing": existing}


def error_body(status_code, code, detail, errors=None):
    body = {"status": status_code, "code": code, "detail": str(detail)}
    if errors is not None:
        body["errors"] = _printable(errors)
    body["request_id"] = current_request_id()
    return body


def _printable(value):
    """Messages may quote the input; a lone surrogate in it cannot be encoded as UTF-8 JSON."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v) for v in value]
    return value


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(str(exc) or "The request was malformed.")
    elif isinstance(exc, IntegrityError):
        exc = Conflict(conflict_errors(exc))
    elif isinstance(exc, OperationalError) and is_retryable(exc):
        exc = Conflict(
            {
                "non_field_errors": [
                    "Another write to the same skills collided with this one "
                    "several times; nothing was saved. Retry."
                ]
            }
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Conflict):
        response.data = error_body(409, exc.default_code, exc.default_detail, exc.errors)
    elif isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(
            response.status_code, "invalid", "Some fields are invalid; see errors.", errors
        )
    else:
        code = getattr(exc, "default_code", "error")
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = error_body(
            response.status_code,
            code,
            _printable(str(detail or exc)),
            getattr(exc, "field_errors", None),
        )
        response.data.update(getattr(exc, "extra", {}))
    if getattr(exc, "location", None):
        response["Location"] = exc.location
    return response


@csrf_exempt  # nothing is written here; a 404 must not turn into a CSRF 403 page
def not_found(request, *args, **kwargs):
    """Any /api/ path that matches no endpoint."""
    return JsonResponse(
        error_body(404, "not_found", "There is no API endpoint at this address."), status=404
    )
