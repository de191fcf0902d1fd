"""Cache of anonymous page and API reads; a content write retires only the pages that show it.

A view says what its page shows with ``depends_on(request, *tags)`` (tags are short strings such
as ``"skill:12"``; ``taxonomy.cached_pages`` names them and maps each write to the tags it
touches). The page is stored with the *version* of each tag, and a hit is served only while
every one is unchanged. ``retire(tags)`` (run by the write rule, ``taxonomy.changes``, through
``settings.CONTENT_CHANGE_HANDLERS``) bumps those versions, so an edit to one skill retires that
skill's page and the lists that include it while every other page stays cached. No key scans.

A hit costs one ``get_many``: the page, the counter value it was last checked at ("seen") and
the counter. While the counter has not moved since, no tag can have been bumped, so the page is
served without reading its tags' versions (an A-Z page depends on 50-odd tags: reading them on
every hit held the cached A-Z page to 0.65x the trivial view). After a write moves the counter,
the next hit of each page compares its tags' versions once and, if they are unchanged, records
the counter value read *before* that comparison as seen. A bump takes its version from the
counter, writes the tags, then moves the counter once more: a page checked while the tags were
being written is always checked again.

- A page that declares nothing depends on ``ANY_CHANGE``, which every write bumps: home (its
  "recently updated"), job title and API lists, search results (a write shows in search at
  once), sitemaps...
- Every page depends on ``EVERYTHING``, which a write too large to list (a full import) bumps.
- Entries also expire after ``CACHE_SECONDS``, which bounds staleness where a bump cannot reach
  (the local-memory cache is per process) and is the promise we make to visitors.
- A reader that rendered rows a write was about to replace must not store them under the new
  versions: versions are numbers from one counter (``EPOCH_KEY``); the middleware reads the
  counter before the view runs and does not store a page if any of its tags was bumped since.
  Writers bump inside their transaction and again once it commits.

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

EPOCH_KEY = "page-cache:epoch"
VERSION_PREFIX = "page-cache:v:"
ANY_CHANGE = "any-change"
EVERYTHING = "everything"
NONCE_PLACEHOLDER = b"__page_cache_csp_nonce__"
# Paths that must always be live or are never anonymous.
NEVER_CACHED = ("/admin/", "/healthz", "/static/")
HIT_HEADER = "X-Page-Cache"
_TAGS_ATTRIBUTE = "_page_cache_tags"


def depends_on(request, *tags):
    """Declare that this request's page shows what ``tags`` name (call it from the view)."""
    request = getattr(request, "_request", request)  # a REST framework Request wraps it
    declared = getattr(request, _TAGS_ATTRIBUTE, None)
    if declared is None:
        declared = set()
        setattr(request, _TAGS_ATTRIBUTE, declared)
    declared.update(tags)


def retire(tags):
    """Retire every cached page that depends on one of ``tags`` (and on ``ANY_CHANGE``); again
    once the current transaction commits, for readers that rendered the rows before it did."""
    tags = {ANY_CHANGE, *tags}
    _bump(tags)
    transaction.on_commit(lambda: _bump(tags))


def retire_everything():
    retire({EVERYTHING})


def _version_key(tag):
    return VERSION_PREFIX + tag


def _bump(tags):
    try:
        epoch = _advance_counter()
        cache.set_many({_version_key(tag): epoch for tag in tags}, None)
        # Past every version just written: a page checked (and marked seen) while they were
        # being written no longer matches the counter, so it is checked again.
        _advance_counter()
    except Exception:  # a cache outage must not fail the editor's save
        logger.exception("Could not retire cached pages")


def _advance_counter():
    """The counter, one up; when it was never set or was evicted (a full local-memory cache
    culls keys, even while the versions are being written), restarted at a number no old
    version used (microseconds: exact in a double, which some cache clients decode numbers into)."""
    try:
        return cache.incr(EPOCH_KEY)
    except ValueError:
        epoch = time.time_ns() // 1000
        cache.set(EPOCH_KEY, epoch, None)
        return epoch


def _start_counter():
    """The counter, set when missing (never bumped, or evicted) to a number past every value it
    held before (microseconds, as in _bump): a page marked seen at an old value is checked."""
    cache.add(EPOCH_KEY, time.time_ns() // 1000, None)
    return cache.get(EPOCH_KEY)


def _versions(tags):
    """{tag: version}; a tag never bumped (or evicted) is 0, which no bump ever writes."""
    found = cache.get_many([_version_key(tag) for tag in tags])
    return {tag: found.get(_version_key(tag), 0) for tag in tags}


def _page_tags(request):
    declared = getattr(request, _TAGS_ATTRIBUTE, None)
    return {EVERYTHING, *(declared if declared is not None else {ANY_CHANGE})}


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
            page_key = self._page_key(request)
        except DisallowedHost:  # CommonMiddleware answers it with a 400
            return self.get_response(request)
        key, seen_key = f"page-cache:page:{page_key}", f"page-cache:seen:{page_key}"
        try:
            found = cache.get_many([key, seen_key, EPOCH_KEY])
            stored, epoch = found.get(key), found.get(EPOCH_KEY)
            if epoch is None:
                epoch = _start_counter()
            if stored is not None:
                if found.get(seen_key) == epoch:  # nothing was bumped since it was checked
                    return self._thaw(request, stored)
                if _versions(stored[0]) == stored[0]:
                    cache.set(seen_key, epoch, seconds)
                    return self._thaw(request, stored)
        except Exception:  # the cache is an optimisation: without it, serve from the database
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        response = self.get_response(request)
        if _is_cacheable_response(response):
            try:
                versions = _versions(_page_tags(request))
                if max(versions.values()) <= epoch:  # no write touched it while we rendered
                    frozen = self._freeze(request, response, versions)
                    cache.set_many({key: frozen, seen_key: epoch}, seconds)
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
    def _freeze(request, response, versions):
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:  # only true once the page actually used it
            content = content.replace(str(nonce).encode(), NONCE_PLACEHOLDER)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        return (versions, response.status_code, headers, content)

    @staticmethod
    def _thaw(request, stored):
        _, status, headers, content = stored
        if NONCE_PLACEHOLDER in content:
            content = content.replace(NONCE_PLACEHOLDER, str(request._csp_nonce).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(content))
        response.headers[HIT_HEADER] = "hit"
        # A client that already holds this version gets a 304, as the view would answer.
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
