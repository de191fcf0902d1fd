"""Interview kits in a real Chromium: adding with and without JavaScript, a kit from a job
title, from a pasted advert, editing in place, the printed scorecard, and axe on every kit page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKILL = "/skills/track-one-diplomacy/"
OTHER = "/skills/negotiation/"
KIT = "/kit/?skills=sql,negotiation&role=Data+analyst"
ADVERT = """Data Analyst – Retail Insights

You will excel at turning data into stories. Write SQL against our data warehouse, build
Power BI dashboards and present to senior stakeholders. Experience with Python or R is a plus.
"""


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def kit_skill_names(page):
    return page.locator(".kit-skill-name").all_inner_texts()


def test_add_to_kit_without_javascript_is_a_plain_link(no_js_page, demo_data):
    page = no_js_page
    page.goto(SKILL)
    page.get_by_role("link", name="Add to interview kit: Track One Diplomacy").click()

    expect(page).to_have_url(re.compile(r"/kit/\?skills=track-one-diplomacy$"))
    page.goto(OTHER)
    page.get_by_role("link", name="Add to interview kit: Negotiation").click()

    expect(page).to_have_url(re.compile(r"/kit/\?skills=track-one-diplomacy,negotiation$"))
    assert kit_skill_names(page) == ["Track One Diplomacy", "Negotiation"]


def test_kit_edits_without_javascript_through_the_form(no_js_page, demo_data):
    page = no_js_page
    page.goto(KIT)
    first = page.locator("#kit-skill-sql input[type=checkbox]").first
    label = page.locator("#kit-skill-sql label").first.inner_text()
    first.uncheck()
    page.get_by_role("button", name="Update kit").click()

    expect(page).to_have_url(re.compile(r"/kit/\?skills=sql,negotiation&role=Data\+analyst&q.sql="))
    expect(page.locator(".kit-summary")).to_contain_text("5 questions")
    page.get_by_role("button", name="Move down: SQL").click()

    assert kit_skill_names(page) == ["Negotiation", "SQL"]
    assert not page.get_by_label(label).is_checked()


def test_add_to_kit_with_javascript_adds_in_place_and_shows_the_size(page, demo_data):
    page.goto(SKILL)
    # The skill page shows one of its two links: at the top on phones, beside the answers here.
    link = page.locator("a[data-kit-add=track-one-diplomacy]:visible")
    expect(link).to_have_accessible_name("Add to interview kit: Track One Diplomacy")
    link.click()

    expect(page).to_have_url(re.compile(r"/skills/track-one-diplomacy/$"))
    expect(link).to_have_accessible_name("In your interview kit: Track One Diplomacy")
    expect(page.locator(".kit-nav")).to_have_text("Interview kit (1)")
    expect(page.locator("#kit-live")).to_contain_text("Added Track One Diplomacy")
    page.goto("/skills/?letter=N")
    page.get_by_role("link", name="Add to interview kit: Negotiation", exact=True).click()
    expect(page.locator(".kit-nav")).to_have_text("Interview kit (2)")

    page.locator(".kit-nav").click()

    assert kit_skill_names(page) == ["Track One Diplomacy", "Negotiation"]


def test_kit_from_a_job_title(page, demo_data):
    page.goto("/job-titles/data-analyst/")
    page.get_by_role("link", name="Interview kit for this job").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Interview kit: Data Analyst")
    expect(page).to_have_url(
        re.compile(r"/kit/\?skills=[^&]+&role=Data\+Analyst&job_title=data-analyst")
    )
    assert len(kit_skill_names(page)) == 6
    page.get_by_role("button", name=re.compile("^Add ")).first.click()
    expect(page.locator(".kit-skill")).to_have_count(7)


def test_kit_from_a_pasted_advert(page, demo_data):
    page.goto("/kit/from-text/")
    page.get_by_label("Job advert").fill(ADVERT)
    page.get_by_role("button", name="Find skills").click()

    expect(page.get_by_role("heading", name=re.compile("skills found"))).to_be_visible()
    named = page.get_by_role("group", name="Skills the advert names")
    for name in ["SQL", "Power BI", "Python", "R"]:
        expect(named.get_by_label(name, exact=True)).to_be_checked()
    expect(named.get_by_label("Microsoft Excel", exact=True)).to_have_count(0)  # "excel at"
    expect(page.locator(".advert-results")).to_contain_text("from “Power BI”")
    named.get_by_label("Python", exact=True).uncheck()
    page.get_by_role("button", name="Make the interview kit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Interview kit: Data Analyst")
    names = kit_skill_names(page)
    assert "SQL" in names and "Power BI" in names and "Python" not in names


def test_kit_edits_in_place_with_javascript(page, demo_data, console_errors):
    page.goto(KIT)
    page.locator("#kit-skill-sql input[type=checkbox]").first.uncheck()

    expect(page.locator(".kit-summary")).to_contain_text("5 questions")
    expect(page).to_have_url(re.compile(r"q\.sql="))
    down = page.get_by_role("button", name="Move down: SQL")
    down.click()

    expect(page.locator(".kit-skill-name").first).to_have_text("Negotiation")
    expect(page.get_by_role("button", name="Move up: SQL")).to_be_visible()
    expect(page.locator("#kit-live")).to_contain_text("Kit updated")
    page.get_by_role("button", name="Remove: Negotiation").click()
    expect(page.locator(".kit-skill")).to_have_count(1)
    assert console_errors == []


def test_print_view_is_a_scorecard_with_every_chosen_question_and_no_chrome(page, demo_data):
    page.goto(KIT)
    ticked = ".kit-question input:checked ~ .kit-question-body label"
    chosen = page.locator(ticked).all_inner_texts()
    page.emulate_media(media="print")

    for selector in [".site-header", ".site-footer", ".kit-editor", "h1", ".sourcing"]:
        expect(page.locator(selector).first).to_be_hidden()
    card = page.locator(".scorecard")
    expect(card).to_be_visible()
    assert len(chosen) == 6
    for question in chosen:
        expect(card.locator(".scorecard-question-text", has_text=question)).to_be_visible()
    for blank in ["Candidate", "Interviewer", "Date"]:
        expect(card.locator("dt").get_by_text(blank, exact=True)).to_be_visible()
    expect(card.locator(".scorecard-overall").first).to_contain_text("Overall for SQL")
    expect(card.locator(".scorecard-rating").first).to_contain_text("1 no evidence")
    assert page.pdf(format="A4")[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "url",
    [
        KIT,
        "/kit/",
        "/kit/?skills=no-such-skill",
        "/kit/?skills=sql,nope&q.sql=1",
        "/kit/from-text/",
    ],
)
def test_kit_pages_have_no_accessibility_violations(page, demo_data, console_errors, url):
    page.goto(url)

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()
    assert [e for e in console_errors if "404" not in e] == []


def test_kit_with_generic_questions_has_no_accessibility_violations(staff_page, demo_data):
    from taxonomy.models import Skill

    Skill.objects.create(name="negotiate price", slug="negotiate-price", status="published")
    staff_page.goto("/kit/?skills=negotiate-price,sql")

    expect(staff_page.locator(".badge--generic")).to_have_count(2)
    results = Axe().run(staff_page)
    assert results.violations_count == 0, results.generate_report()


def test_advert_results_have_no_accessibility_violations(page, demo_data):
    page.goto("/kit/from-text/")
    page.get_by_label("Job advert").fill(ADVERT)
    page.get_by_role("button", name="Find skills").click()
    expect(page.locator(".advert-results")).to_be_visible()

    results = Axe().run(page)

    assert results.violations_count == 0, results.generate_report()
