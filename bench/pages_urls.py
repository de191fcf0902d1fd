"""The product's URLs plus one trivial view, the floor bench/pages.py compares pages with.

Used only by bench/pages.py (through bench/pages_settings.py); never by the product.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def trivial(request, size):
    """As many bytes as the page being measured, with no database and no template."""
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/trivial/<int:size>/", trivial), *product_urlpatterns]
