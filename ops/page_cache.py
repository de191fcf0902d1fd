"""Cache of anonymous page and API reads, made stale at once by any content write.

Every cache key carries a content *generation* number. Any content write bumps it through the
write rule (``taxonomy.changes``, which runs ``on_content_change`` via
``settings.CONTENT_CHANGE_HANDLERS``), so one cheap write retires every cached page with no key
scans. Entries also expire
after ``CACHE_SECONDS``, which bounds staleness where a bump cannot reach (the local-memory
cache is per process) and is the promise we make to visitors: never older than that.

Only anonymous GETs are cached: a request with a session cookie or an Authorization header
(editors, draft previews, API tokens) always reaches the view, and a response that sets a
cookie (a CSRF token in a form) or is not a plain 200 is never stored. The CSP nonce is
swapped out on store and a fresh one is put in on every hit, so cached pages never reuse one.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
NONCE_PLACEHOLDER = b"__page_cache_csp_nonce__"
# Paths that must always be live or are never anonymous.
NEVER_CACHED = ("/admin/", "/healthz", "/static/")
HIT_HEADER = "X-Page-Cache"


def on_content_change(change=None):
    """The page cache's part of the write rule: retire every cached page."""
    _bump_generation()
    # A reader between now and the commit could cache the old rows under the new number.
    transaction.on_commit(_bump_generation)


def _bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # never set, or evicted: start from a number no old key used
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except Exception:  # a cache outage must not fail the editor's save
        logger.exception("Could not bump the page cache generation")


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _is_cacheable_request(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NEVER_CACHED)
    )


def _is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs from the cache for up to ``CACHE_SECONDS`` (0 turns it off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.CACHE_SECONDS
        if seconds <= 0 or not _is_cacheable_request(request):
            return self.get_response(request)
        try:
            page = self._page_key(request)
        except DisallowedHost:  # CommonMiddleware answers it with a 400
            return self.get_response(request)
        try:
            key = f"page-cache:{_generation()}:{page}"
            stored = cache.get(key)
        except Exception:  # the cache is an optimisation: without it, serve from the database
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if stored is not None:
            return self._thaw(request, stored)
        response = self.get_response(request)
        if _is_cacheable_response(response):
            try:
                cache.set(key, self._freeze(request, response), seconds)
            except Exception:
                logger.exception("Could not store a page in the cache")
        return response

    @staticmethod
    def _page_key(request):
        parts = [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @staticmethod
    def _freeze(request, response):
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:  # only true once the page actually used it
            content = content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        return (response.status_code, headers, content)

    @staticmethod
    def _thaw(request, stored):
        status, headers, content = stored
        if NONCE_PLACEHOLDER in content:
            content = content.replace(NONCE_PLACEHOLDER, str(request._csp_nonce).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(content))
        response.headers[HIT_HEADER] = "hit"
        # A client that already holds this version gets a 304, as the view would answer.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
