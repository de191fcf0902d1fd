"""Addresses of the slug pages (skill, job title, category) without a ``reverse()`` per link.

A list page links every card, tag and related skill: ``reverse()`` matched the URL patterns
afresh each time (~23 µs), 50-100 times a page (1-2 ms of the A-Z index's ~12 ms). The address
is the same around every slug, so it is reversed once per URL name (and URL conf and script
prefix, which tests and deployments may change) and the slug set between its two halves.
A slug the ``<slug:>`` pattern would refuse goes through ``reverse()``, which raises as before.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # django.urls.converters.SlugConverter's
MARKER = "slug-marker-0"


@lru_cache(maxsize=64)
def _halves(name, urlconf, script_prefix):
    before, after = reverse(name, args=[MARKER], urlconf=urlconf).split(MARKER)
    return before, after


def slug_url(name, slug):
    """``reverse(name, args=[slug])``, for a URL whose one argument is a slug."""
    if not SLUG.fullmatch(slug):
        return reverse(name, args=[slug])
    before, after = _halves(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return before + slug + after
