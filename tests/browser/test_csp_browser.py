"""The strict Content Security Policy blocks nothing the site, the admin or the API docs need."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by Playwright before any page script, so it sees every violation of the page.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def watched(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


@pytest.fixture
def watched_staff(staff_page):
    staff_page.add_init_script(RECORD_VIOLATIONS)
    return staff_page


def test_public_skill_page_runs_its_scripts_without_violations(watched, demo_data):
    watched.goto("/skills/track-one-diplomacy/")
    watched.get_by_role("heading", level=1).wait_for()
    assert violations(watched) == []


def test_admin_change_form_works_without_violations(watched_staff, demo_data):
    watched_staff.goto(reverse("admin:taxonomy_skill_changelist") + "?q=Track+One")
    watched_staff.get_by_role("link", name="Track One Diplomacy").first.click()
    expect(watched_staff.locator("#skill_form")).to_be_visible()
    # The "Add another" links exist only when the admin's own JavaScript has run.
    total = watched_staff.locator("#id_aliases-TOTAL_FORMS")
    before = int(total.input_value())
    watched_staff.locator("#aliases-group .add-row a").click()
    expect(total).to_have_value(str(before + 1))
    assert violations(watched_staff) == []


def test_admin_login_page_has_no_violations(watched, db):
    watched.goto("/admin/login/")
    expect(watched.get_by_role("button", name="Log in")).to_be_visible()
    assert violations(watched) == []


def test_api_docs_render_the_operations_without_violations(watched, db):
    watched.goto("/api/docs/")
    expect(watched.locator(".opblock").first).to_be_visible()
    assert violations(watched) == []
