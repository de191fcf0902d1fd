"""In Chromium: page opens are counted past the page cache, and the duplicate guard's warning
is confirmed past with its box."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from taxonomy.changes import content_changed
from taxonomy.models import Skill, SkillPageOpen

from ..factories import SkillFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def opens_of(slug):
    return sum(SkillPageOpen.objects.filter(skill__slug=slug).values_list("opens", flat=True))


def wait_for_opens(page, slug, expected):
    """The beacon is sent as the page loads; give it a moment to arrive."""
    for _ in range(50):
        if opens_of(slug) >= expected:
            break
        page.wait_for_timeout(100)
    return opens_of(slug)


def test_every_view_of_a_skill_page_is_counted_even_from_the_page_cache(page, settings):
    settings.CACHE_SECONDS = 60
    SkillFactory(name="Negotiation", slug="negotiation")

    page.goto("/skills/negotiation/")
    assert wait_for_opens(page, "negotiation", 1) == 1
    page.goto("/skills/negotiation/")  # from the page cache (or the browser's own)

    assert wait_for_opens(page, "negotiation", 2) == 2


def test_editor_confirms_a_near_duplicate_with_save_anyway(staff_page):
    existing = SkillFactory(name="Stakeholder Management", slug="stakeholder-management")
    content_changed(skills=[existing])

    staff_page.goto(reverse("admin:taxonomy_skill_add"))
    staff_page.locator("#id_name").fill("Stakeholder managment")
    staff_page.locator("#id_slug").fill("stakeholder-managment")
    staff_page.locator("input[name=_save]").click()

    expect(staff_page.get_by_text("Similar skills already exist")).to_be_visible()
    expect(staff_page.get_by_role("link", name="Stakeholder Management")).to_be_visible()
    assert staff_page.locator("#id_name").input_value() == "Stakeholder managment"
    staff_page.get_by_label("Save anyway").check()
    staff_page.locator("input[name=_save]").click()

    expect(staff_page.locator(".messagelist .success")).to_be_visible()
    assert Skill.objects.filter(name="Stakeholder managment").exists()
