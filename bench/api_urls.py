"""The product's URLs plus one trivial JSON view, the floor bench/api.py compares the API with.

Used only by bench/api.py (through bench/api_settings.py); never by the product.
"""

from django.http import JsonResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def trivial_json(request, size):
    """A JSON body of about ``size`` bytes: no database, no DRF, no serializer."""
    return JsonResponse({"padding": "x" * max(0, size - 15)})


urlpatterns = [path("bench/trivial-json/<int:size>/", trivial_json), *product_urlpatterns]
