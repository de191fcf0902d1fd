"""Page-numbered lists: 20 by default, ``page_size`` up to 100 (larger values are clamped).

``page`` and ``page_size`` are whole numbers or a 400: DRF's own paginator quietly ignored a
``page_size`` it could not read, so a client's typo went unnoticed. Search results (``?q=``) are
counted in the page's own query (``search.pagination``).
"""

import re

from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from search.pagination import CountingPaginator
from search.ranking import is_search_result

WHOLE_NUMBER = re.compile(r"-?[0-9]+\Z")


class SkillAtlasPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        if not WHOLE_NUMBER.match(raw) or int(raw) < 1:
            raise ValidationError(
                {"page_size": [f"Must be a whole number from 1 to {self.max_page_size}."]}
            )
        return min(int(raw), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "")
        if raw and not WHOLE_NUMBER.match(raw):
            raise ValidationError({"page": ["Must be a whole number (1 is the first page)."]})
        # ?q= results: the page and the number of matches in one query, not two.
        self.django_paginator_class = CountingPaginator if is_search_result(queryset) else Paginator
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] += f" At most {self.max_page_size}; larger is clamped."
        return parameters
