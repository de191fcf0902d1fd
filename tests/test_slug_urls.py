"""Slug page addresses built without a reverse() per link are exactly reverse()'s."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from taxonomy.slug_urls import slug_url

NAMES = ["taxonomy:skill-detail", "taxonomy:jobtitle-detail", "taxonomy:category-detail"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", ["negotiation", "c-plus-plus_2", "A1"])
def test_address_is_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, args=[slug])


def test_address_follows_the_script_prefix_of_a_site_served_below_a_path():
    try:
        set_script_prefix("/atlas/")
        assert slug_url("taxonomy:skill-detail", "negotiation") == "/atlas/skills/negotiation/"
    finally:
        set_script_prefix("/")
    assert slug_url("taxonomy:skill-detail", "negotiation") == "/skills/negotiation/"


@pytest.mark.parametrize("slug", ["", "a/b", "café", "two words"])
def test_a_slug_the_pattern_refuses_raises_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("taxonomy:skill-detail", slug)
