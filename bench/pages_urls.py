"""The product's URLs plus the floors bench/pages.py compares pages with.

The trivial view is what this server does at all. ``--floor`` adds the rungs between it and a
page, so a page's ratio can be read against the cheapest page that could exist: one ORM read,
the site's frame (base.html) with no read, and the frame around one skill read by slug.

Used only by bench/pages.py (through bench/pages_settings.py); never by the product.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns
from taxonomy.models import Skill

FRAME = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}{{ skill.name|default:"Floor" }}{% endblock %}'
    "{% block content %}<h1>{{ skill.name }}</h1><p>{{ skill.definition }}</p>{% endblock %}"
)


def trivial(request, size):
    """As many bytes as the page being measured, with no database and no template."""
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


def one_read(request, size, slug):
    """The trivial view plus one ORM read of a published skill by slug."""
    get_object_or_404(Skill.objects.published().only("name"), slug=slug)
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


def frame(request):
    """base.html (header, search box, footer, context processors) around nothing; no read."""
    return TemplateResponse(request, FRAME, {})


def frame_with_skill(request, slug):
    """The cheapest real page: the frame around one skill's name and definition, one read."""
    skill = get_object_or_404(Skill.objects.published().only("name", "definition"), slug=slug)
    return TemplateResponse(request, FRAME, {"skill": skill})


urlpatterns = [
    path("bench/trivial/<int:size>/", trivial),
    path("bench/floor/read/<int:size>/<slug:slug>/", one_read),
    path("bench/floor/frame/", frame),
    path("bench/floor/frame/<slug:slug>/", frame_with_skill),
    *product_urlpatterns,
]
