"""Who an API request is: a hashed token with an expiry and a scope, or a verified session.

- ``HashedTokenAuthentication``: ``Authorization: Token <key>`` finds the token by the key's
  digest (``api.models.ApiToken``); an unknown or expired key is a 401 saying which.
- ``TokenScope``: a read-only token may only read (GET, HEAD, OPTIONS; the POST endpoints that
  write nothing, kits and the advert reader, allow any client); writing needs a read-write
  token and, as before, the account's model permissions.
- ``VerifiedSessionAuthentication``: the admin's session, only once it signed in as far as the
  account must (``ops.two_factor``: with its code, for accounts that can publish).
"""

from django.utils import timezone
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions, permissions

from ops.two_factor import second_factor_done

from .models import ApiToken


class HashedTokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = ApiToken.objects.for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.has_expired:
            when = timezone.localtime(token.expires)
            raise exceptions.AuthenticationFailed(
                f"This token expired on {when:%Y-%m-%d %H:%M %Z}; ask for a new one."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token's account is disabled.")
        return token.user, token


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None or not second_factor_done(found[0]):
            return None  # a session that skipped its second factor counts for nothing
        return found


class TokenScope(permissions.BasePermission):
    message = "This token is read-only: writing needs a read-write token."

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken) or token.can_write:
            return True
        return request.method in permissions.SAFE_METHODS


class VerifiedSessionScheme(SessionScheme):
    """The schema describes the verified session as the session cookie it is."""

    target_class = VerifiedSessionAuthentication
