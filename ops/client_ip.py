"""The visitor's IP address behind our own reverse proxies, for login lockouts.

Behind a proxy on the same host every request comes from 127.0.0.1, so a lockout "per
username and IP" would let anyone lock an editor out. With ``TRUSTED_PROXY_COUNT`` = n, the
address is the n-th entry from the right of X-Forwarded-For: the one our outermost proxy saw.
Entries further left are written by the client and never trusted.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
