"""Template tags for the head of every page: canonical and Open Graph URLs."""

from django import template

from taxonomy.absolute_urls import absolute_url as build_absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """The absolute form of ``path`` (default: the current path, without its query string)."""
    request = context["request"]
    return build_absolute_url(request, path or request.path)
