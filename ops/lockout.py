"""The login lockout's answer (django-axes): a 429 that says when to try again.

axes' own response has no ``Retry-After``; clients and proxies that honour it back off for the
cool-off period instead of retrying into the lock.
"""

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.http import HttpResponse


def lockout_response(request, original_response=None, credentials=None):
    response = HttpResponse(get_lockout_message(), status=settings.AXES_HTTP_RESPONSE_CODE)
    cool_off = get_cool_off(request)
    if cool_off:
        response.headers["Retry-After"] = str(max(1, int(cool_off.total_seconds())))
    response.headers["Cache-Control"] = "no-store"
    return response
