"""The autocomplete combobox in a real Chromium: keyboard, mouse and ARIA state."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_box(page, demo_data):
    page.goto("/search/")
    box = page.locator("#search-q")
    box.press_sequentially("diplo")
    expect(suggestions(page, box)).to_be_visible()
    return box


def suggestions(page, box):
    """The listbox this combobox controls (the page has other option lists, e.g. categories)."""
    expect(box).to_have_attribute("aria-controls", re.compile(r".+"))
    return page.locator(f"#{box.get_attribute('aria-controls')}")


def test_typing_shows_suggestions_as_an_expanded_combobox(page, search_box):
    expect(search_box).to_have_attribute("role", "combobox")
    expect(search_box).to_have_attribute("aria-expanded", "true")
    expect(suggestions(page, search_box).get_by_role("option").first).to_have_text(
        "Diplomatic Protocol"
    )


def test_arrow_keys_move_the_highlight_and_enter_opens_that_skill(page, search_box):
    search_box.press("ArrowDown")
    search_box.press("ArrowDown")
    second = suggestions(page, search_box).get_by_role("option").nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(search_box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    name = second.locator(".autocomplete-name").inner_text()

    search_box.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_arrow_up_from_the_top_wraps_to_the_last_suggestion(page, search_box):
    search_box.press("ArrowDown")
    search_box.press("ArrowUp")

    expect(suggestions(page, search_box).get_by_role("option").last).to_have_attribute(
        "aria-selected", "true"
    )


def test_escape_closes_the_suggestions(page, search_box):
    search_box.press("Escape")

    expect(suggestions(page, search_box)).to_be_hidden()
    expect(search_box).to_have_attribute("aria-expanded", "false")


def test_enter_without_a_highlight_submits_the_search(page, search_box):
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=diplo"))


def test_clicking_a_suggestion_opens_the_skill(page, search_box):
    suggestions(page, search_box).get_by_role("option", name="Track One Diplomacy").click()

    expect(page).to_have_url(re.compile(r"/skills/track-one-diplomacy/$"))


def test_suggestion_found_by_alias_shows_the_alias(page, demo_data):
    page.goto("/")
    box = page.locator("input[data-autocomplete-url]").first
    box.press_sequentially("k8")

    first = suggestions(page, box).get_by_role("option").first
    expect(first).to_contain_text("K8s")
    expect(first).to_contain_text("another name for Kubernetes")


def test_suggestions_come_in_labelled_groups_with_job_titles_and_categories(page, search_box):
    listbox = suggestions(page, search_box)

    expect(listbox.get_by_role("group", name="Skills")).to_be_visible()
    titles = listbox.get_by_role("group", name="Job titles")
    expect(titles.get_by_role("option").first).to_contain_text("job title")
    expect(listbox.get_by_role("group", name="Categories").get_by_role("option")).to_have_text(
        re.compile("Diplomacy")
    )


def test_arrow_keys_reach_a_job_title_and_enter_opens_its_page(page, search_box):
    listbox = suggestions(page, search_box)
    options = listbox.get_by_role("option")
    skills = listbox.get_by_role("group", name="Skills").get_by_role("option").count()
    for _ in range(skills + 1):
        search_box.press("ArrowDown")
    name = options.nth(skills).locator(".autocomplete-alias").inner_text()
    assert name.startswith("job title")

    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/job-titles/[\w-]+/$"))


def test_a_typo_still_suggests_the_skill(page, demo_data):
    page.goto("/")
    box = page.locator("input[data-autocomplete-url]").first
    box.press_sequentially("kubrn")

    expect(suggestions(page, box).get_by_role("option").first).to_have_text("Kubernetes")
