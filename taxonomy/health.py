"""/healthz for load balancers and uptime checks: is the app up and can it reach its database?"""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ops.db_timeouts import describe
from ops.outage import Unreachable

logger = logging.getLogger(__name__)


@never_cache
@require_safe  # HEAD too: uptime checks often send it
def healthz(request):
    """200 when the database answers a trivial query, 503 with the reason when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The full error names hosts and ports: it goes to the log, not to the public.
        logger.warning("Health check: the database did not answer: %s", error)
        Unreachable.note(error)
        reason = describe(error, settings)
        return JsonResponse({"status": "unavailable", "reason": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
