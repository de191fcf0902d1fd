"""Absolute URLs for canonical links, Open Graph, JSON-LD and robots.txt.

``SITE_URL`` wins when set, so pages served behind a proxy or on several host names all
name one canonical address; otherwise the request's own scheme and host are used.
"""

from django.conf import settings


def absolute_url(request, path):
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path)
