"""The main pages at a phone's, a tablet's and a desktop's width, in a real Chromium: nothing
scrolls sideways, axe finds nothing (light and dark themes), the skill page's jump links reach
their sections, and its one switch hides and shows every answer guide without a reload (the
guides are simply shown without JavaScript).

One test per width visits every page, so the demo content is loaded once per width.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKILL = "/skills/track-one-diplomacy/"
PAGES = {
    "home": "/",
    "skill": SKILL,
    "search": "/search/?q=diplomacy",
    "skills A-Z": "/skills/",
    "category": "/categories/diplomacy/",
    "job title": "/job-titles/diplomat/",
    "kit": "/kit/?skills=track-one-diplomacy,negotiation&role=Diplomat",
}
WIDTHS = {"phone": 360, "tablet": 768, "desktop": 1280}
ANSWERS = ["What is it?", "On a CV", "Job titles", "Other names", "Interview questions"]


def sized_page(browser, live_server, width, **options):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        permissions=["clipboard-read", "clipboard-write"],
        reduced_motion="reduce",  # jumps without smooth scrolling, so positions are final
        **options,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


def problems_on(page):
    """Sideways scrolling and axe violations of the page as shown, as readable lines."""
    found = []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        found.append(f"scrolls sideways by {overflow}px")
    results = Axe().run(page)
    if results.violations_count:
        found.append(results.generate_report())
    return found


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_main_page_fits_the_width_and_has_no_accessibility_violations(
    browser, live_server, demo_data, width
):
    context, page = sized_page(browser, live_server, width)
    failures = {}
    for name, path in PAGES.items():
        response = page.goto(path)
        assert response.status == 200, path
        failures[name] = problems_on(page)
    context.close()

    assert {name: found for name, found in failures.items() if found} == {}


@pytest.mark.parametrize("page_name", ["home", "skill"])
def test_dark_theme_has_no_accessibility_violations(browser, live_server, demo_data, page_name):
    context, page = sized_page(browser, live_server, 1280, color_scheme="dark")
    page.goto(PAGES[page_name])

    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert problems_on(page) == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_jump_links_reach_each_answer(browser, live_server, demo_data, width):
    context, page = sized_page(browser, live_server, width)
    page.goto(SKILL)
    jump_links = page.get_by_role("navigation", name="On this page")

    for answer in ANSWERS:
        jump_links.get_by_role("link", name=answer, exact=True).click()
        target = page.locator(page.evaluate("location.hash"))
        # The section's heading is on screen, at the top.
        expect(target.get_by_role("heading", level=2)).to_be_in_viewport()
        assert target.bounding_box()["y"] < 100, answer
    context.close()


def test_interview_questions_are_one_tap_from_the_top_on_a_phone(browser, live_server, demo_data):
    context, page = sized_page(browser, live_server, 360)
    page.goto(SKILL)
    link = page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Interview questions"
    )

    assert link.bounding_box()["y"] < 800  # visible without scrolling
    link.click()

    expect(page.get_by_role("heading", name="Interview questions")).to_be_in_viewport()
    context.close()


def test_one_switch_hides_and_shows_every_answer_guide_without_reloading(page, demo_data):
    page.goto(SKILL)
    page.evaluate("window.notReloaded = true")
    guides = page.locator(".guidance")
    switch = page.get_by_role("switch", name="Answer guides")
    expect(guides).to_have_count(6)
    expect(switch).to_be_checked()

    switch.click()

    expect(switch).not_to_be_checked()
    for index in range(6):
        expect(guides.nth(index)).to_be_hidden()
    assert page.evaluate("window.notReloaded") is True

    switch.click()

    for index in range(6):
        expect(guides.nth(index)).to_be_visible()


def test_without_javascript_the_guides_are_shown_and_no_switch_is_offered(
    browser, live_server, demo_data
):
    context, page = sized_page(browser, live_server, 360, java_script_enabled=False)
    page.goto(SKILL)

    for index in range(6):
        expect(page.locator(".guidance").nth(index)).to_be_visible()
    expect(page.get_by_role("switch")).to_have_count(0)
    expect(page.get_by_role("button", name="Copy question 1")).to_have_count(0)
    context.close()


def test_copy_button_puts_a_question_on_the_clipboard(page, demo_data):
    page.goto(SKILL)
    question = page.locator("#question-2").inner_text()

    page.get_by_role("button", name="Copy question 2").click()

    assert page.evaluate("navigator.clipboard.readText()") == question
    expect(page.locator("#question-copy-status")).to_have_text(
        "Question 2 copied to the clipboard."
    )


def test_guides_hidden_on_screen_still_print(page, demo_data):
    page.goto(SKILL)
    page.get_by_role("switch", name="Answer guides").click()
    expect(page.locator(".guidance").first).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.locator(".guidance").first).to_be_visible()
    expect(page.get_by_role("navigation", name="On this page")).to_have_count(0)
