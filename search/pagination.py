"""A page of search results and their number in one query.

Django's paginator counts, then reads the page: two queries, and for a search both find every
match (the count cannot skip the matching, the page cannot skip the ranking). Here the page's
rows carry the number of matches, ``COUNT(*) OVER ()`` computed before the LIMIT, so the
matching runs once ("design pro", 1,160 matches at ESCO size: the count alone was 8 ms).

Only for querysets that compute every matching row anyway (search results, which ``rank()``
and sort them all): on a list the database reads in index order up to the LIMIT, the window
would make it read every row. A page past the last has no row to carry the number: that
page, and "last", count as Django does.
"""

from math import inf

from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "matches_in_all_pages"


class CountingPaginator(Paginator):
    def page(self, number):
        number = self._validate_number(number, inf)
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(**{TOTAL: Window(Count("*"))})[
                bottom : bottom + self.per_page + self.orphans
            ]
        )
        if not rows and (number > 1 or not self.allow_empty_first_page):
            return super().page(number)  # counts; past the last page: EmptyPage
        self.count = getattr(rows[0], TOTAL) if rows else 0  # fills the cached_property
        if bottom + self.per_page + self.orphans < self.count:
            rows = rows[: self.per_page]  # not the last page: the orphans are the next one's
        return self._get_page(rows, number, self)
