"""Request rates per anonymous client (IP) and per user, from API_THROTTLE_ANON/_USER.

DRF's throttles copy the rates once at import; these read them per request, so a changed
setting (a test's ``settings`` fixture, for one) takes effect.

Who "a client" is follows the login lockout's rule (``ops.client_ip``, ``TRUSTED_PROXY_COUNT``):
DRF's own ``get_ident`` believed a client's made-up ``X-Forwarded-For`` when ``NUM_PROXIES`` was
unset, so a new header per request dodged the anonymous rate entirely.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from ops.client_ip import client_ip


class ClientIdentity:
    """The client's IP as the login lockout sees it: our proxies' view, never the client's."""

    def get_ident(self, request):
        return client_ip(request) or "unknown"


class AnonymousClientThrottle(ClientIdentity, AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AuthenticatedClientThrottle(ClientIdentity, UserRateThrottle):
    """Counts signed-in users only; DRF's UserRateThrottle would also count anonymous clients
    by IP, holding them to the user rate as well as their own."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)


class ExtractThrottle(ClientIdentity, ScopedRateThrottle):
    """The job advert reader's own, tighter rate (``API_THROTTLE_EXTRACT``), per user or IP:
    each request reads up to 20,000 characters."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
