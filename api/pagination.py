"""Page-numbered lists: 20 by default, ``page_size`` up to 100 (larger values are clamped)."""

from rest_framework.pagination import PageNumberPagination


class SkillAtlasPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
