"""The public pages in a real Chromium: links, copy button, questions, drafts, print, axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKILL = "/skills/track-one-diplomacy/"
DRAFT = "/skills/science-diplomacy/"
# Home, skill, search, A-Z, category, job title and kit pages are checked at three widths in
# test_layout_browser.py; these are the other pages.
PAGES = {
    "skills A-Z filtered": "/skills/?letter=T&category=government-public-affairs",
    "job titles": "/job-titles/",
    "full classification": "/categories/",
    "not found": "/no-such-page/",
}


@pytest.fixture
def console_errors(page):
    """Console errors, which include Content-Security-Policy violations."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(page, demo_data, name):
    page.goto(PAGES[name])

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()


def test_staff_draft_preview_has_no_accessibility_violations(staff_page, demo_data):
    staff_page.goto(DRAFT)

    results = Axe().run(staff_page)

    assert results.violations_count == 0, results.generate_report()


def test_recruiter_follows_links_from_home_to_a_skill_to_a_job_title(page, demo_data):
    page.goto("/")
    page.get_by_role("navigation", name="Skills by first letter").get_by_role(
        "link", name="T", exact=True
    ).click()
    page.get_by_role("link", name="Track One Diplomacy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Track One Diplomacy")

    page.get_by_role("link", name="Diplomat", exact=True).click()

    expect(page).to_have_url(re.compile(r"/job-titles/diplomat/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Diplomat")
    expect(page.get_by_role("link", name="Track One Diplomacy", exact=True)).to_be_visible()


def test_copy_button_puts_the_sourcing_string_on_the_clipboard(page, demo_data):
    page.goto(SKILL)
    expected = page.get_by_label("Boolean search string for Track One Diplomacy").input_value()

    page.get_by_role("button", name="Copy search string").click()

    expect(page.locator("#sourcing .copy-button")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert expected.startswith('("Track One Diplomacy" OR ')


def test_draft_skill_is_not_found_for_visitors(page, demo_data):
    response = page.goto(DRAFT)

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_staff_see_a_draft_under_a_not_public_banner(staff_page, demo_data):
    response = staff_page.goto(DRAFT)

    assert response.status == 200
    expect(staff_page.locator(".banner")).to_contain_text("Draft — not public")
    expect(staff_page.get_by_role("link", name="Edit in admin")).to_be_visible()


def test_printed_skill_page_is_a_handout_with_guidance_and_no_navigation(page, demo_data):
    page.goto(SKILL)

    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(page.get_by_role("heading", name="Interview questions")).to_be_visible()
    expect(page.locator(".guidance p").first).to_be_visible()


def test_skill_page_loads_scripts_without_console_or_csp_errors(page, console_errors, demo_data):
    page.goto(SKILL)
    page.wait_for_load_state("networkidle")

    expect(page.get_by_role("button", name="Copy search string")).to_be_visible()
    assert console_errors == []
