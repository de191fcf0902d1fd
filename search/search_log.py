"""What recruiters looked for and did not find: searches with few results, counted per day.

The search page (``views.SearchView``) calls ``log_search`` when a query found ``FEW_RESULTS`` or
fewer skills. Only the query text is kept, and only as much of it as a skill name needs: folded
to lower case with its spacing collapsed, cut at ``MAX_LENGTH`` characters (people paste
candidate names and whole CV lines into search boxes), and not at all when it looks like contact
details (an e-mail address, a phone or other long number). Never who searched: no IP, no user,
no session, no time of day; a row is (day, query, searches, results). Rows older than
``settings.SEARCH_LOG_DAYS`` (environment, default 90) are deleted by
``manage.py purge_search_log`` (run it daily, e.g. from cron).

The page cache must not hide repeated searches, so the view only marks such a page (the
``FOUND_LITTLE_HEADER`` response header, kept with the page in the cache) and
``SearchLogMiddleware``, which sits outside the page cache (settings.MIDDLEWARE), counts every
response carrying it, served from the cache or not, and removes the header. The editors'
dashboard reads ``dashboard_panel``.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Min, Sum
from django.utils import timezone

from .models import UnansweredSearch

FEW_RESULTS = 3
FOUND_LITTLE_HEADER = "X-Search-Found-Little"
MAX_LENGTH = UnansweredSearch._meta.get_field("query").max_length
DASHBOARD_DAYS = 30
DASHBOARD_ROWS = 25
# An e-mail address, or five digits in a row (phone numbers, IDs, postcodes with numbers).
_CONTACT_DETAILS = re.compile(r"@|\d[\d\s().+-]{3,}\d")


def loggable(text):
    """The query as it may be kept, or "" when it must not be."""
    query = " ".join((text or "").casefold().split())
    if not query or _CONTACT_DETAILS.search(query):
        return ""
    return query[:MAX_LENGTH].rstrip()


def log_search(text, results, day=None):
    """Count one search for ``text`` that found ``results`` skills: two queries, whether or not
    today's row exists (insert it if missing, then count)."""
    query = loggable(text)
    if not query:
        return
    day = day or timezone.now().date()
    UnansweredSearch.objects.bulk_create(
        [UnansweredSearch(day=day, query=query, searches=0, results=results)],
        ignore_conflicts=True,
    )
    UnansweredSearch.objects.filter(day=day, query=query).update(
        searches=F("searches") + 1, results=results
    )


class SearchLogMiddleware:
    """Counts searches that found little, cached page or not; before the page cache in
    ``settings.MIDDLEWARE``. Editors' own searches are not counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        found = response.headers.get(FOUND_LITTLE_HEADER)
        if found is not None:
            del response[FOUND_LITTLE_HEADER]
        user = getattr(request, "user", None)  # absent on a cache hit: an anonymous visitor
        if found is not None and not (user is not None and user.is_staff):
            log_search(request.GET.get("q", ""), int(found))
        return response


def purge(today=None):
    """Delete the rows older than ``SEARCH_LOG_DAYS``; returns how many went."""
    today = today or timezone.now().date()
    cutoff = today - timedelta(days=settings.SEARCH_LOG_DAYS)
    deleted, _ = UnansweredSearch.objects.filter(day__lt=cutoff).delete()
    return deleted


def dashboard_panel(request):
    """The editors' dashboard's list: the last 30 days' searches that found little, most
    searched first (one query)."""
    since = timezone.now().date() - timedelta(days=DASHBOARD_DAYS)
    rows = (
        UnansweredSearch.objects.filter(day__gte=since)
        .values("query")
        .annotate(total=Sum("searches"), fewest=Min("results"))
        .order_by("-total", "query")[:DASHBOARD_ROWS]
    )
    return {
        "template": "search/_dashboard_unanswered.html",
        "unanswered_searches": list(rows),
        "unanswered_days": DASHBOARD_DAYS,
        "few_results": FEW_RESULTS,
    }
