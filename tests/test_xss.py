"""Content is text: markup typed into any field is shown as text, never run, on every output."""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from taxonomy.changes import content_changed

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
CLOSE = "</script>"
SKILL_NAME = f"Negotiation {SCRIPT}"


class PageParts(HTMLParser):
    """The tags, attributes, script bodies and text of an HTML page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text = [], [], []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = {"attrs": attrs, "body": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"] += data
        else:
            self.text.append(data)


def assert_inert(html):
    """No injected element, handler or script; every inline script is JSON data."""
    parts = PageParts(html)
    for tag, attrs in parts.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (tag == "img" and attrs.get("src") == "x"), (tag, attrs)
    for script in parts.scripts:
        if "src" in script["attrs"]:
            assert not script["body"].strip()
        else:
            assert script["attrs"].get("type") == "application/ld+json"
            json.loads(script["body"])  # a "</script>" inside would have cut it short
    return parts


@pytest.fixture
def hostile():
    """A published skill, its category and job title, with markup in every text field."""
    category = CategoryFactory(name=f"Diplomacy {IMG}", slug="diplomacy", description=SCRIPT)
    title = JobTitleFactory(name=f"Mediator {CLOSE}{SCRIPT}", slug="mediator")
    skill = SkillFactory(
        name=SKILL_NAME,
        slug="negotiation",
        summary=f"Agreement {IMG}",
        definition=f"First {CLOSE} paragraph.\n\nSecond {SCRIPT} paragraph.",
        category=category,
        job_titles=[title],
    )
    SkillAliasFactory(skill=skill, term=f"Bargaining {IMG}")
    ResumeExampleFactory(skill=skill, text=f"Closed deals {CLOSE}{SCRIPT}")
    InterviewQuestionFactory(skill=skill, question=f"Tell me {IMG}?", guidance=f"Shows {CLOSE}")
    other = SkillFactory(name=f"Mediation {IMG}", slug="mediation", category=category)
    other.related.add(skill)
    content_changed(skills=[skill.pk, other.pk])
    return skill


PAGES = {
    "skill page": "/skills/negotiation/",
    "A-Z": "/skills/",
    "search": "/search/?q=negotiation",
    "category": "/categories/diplomacy/",
    "job title": "/job-titles/mediator/",
    "job titles": "/job-titles/",
    "home": "/",
}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_markup_in_content_renders_inert(client, hostile, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_inert(response.text)


@pytest.mark.parametrize("path", ["/skills/negotiation/", "/skills/", "/search/?q=negotiation"])
def test_markup_in_content_is_shown_as_text(client, hostile, path):
    text = "".join(assert_inert(client.get(path).text).text)
    assert SKILL_NAME in text


def test_skill_page_shows_every_hostile_field_as_text(client, hostile):
    text = "".join(assert_inert(client.get("/skills/negotiation/").text).text)
    for shown in (f"Agreement {IMG}", f"Closed deals {CLOSE}{SCRIPT}", f"Tell me {IMG}?"):
        assert shown in text


def test_json_ld_carries_the_text_exactly_without_breaking_out(client, hostile):
    parts = assert_inert(client.get("/skills/negotiation/").text)
    (json_ld,) = [s["body"] for s in parts.scripts if "src" not in s["attrs"]]
    assert "<" not in json_ld
    data = json.loads(json_ld)
    assert data["name"] == SKILL_NAME
    assert f"Bargaining {IMG}" in data["alternateName"]


def test_markup_in_the_search_query_renders_inert(client, hostile):
    response = client.get("/search/", {"q": f"{CLOSE}{IMG}{SCRIPT}"})
    assert response.status_code == 200
    assert_inert(response.text)


def test_sitemap_stays_well_formed_xml(client, hostile):
    response = client.get(reverse("sitemap-section", args=["skills"]))
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/skills/negotiation/" in locations


def test_api_returns_the_text_exactly_as_json(client, hostile):
    response = client.get(reverse("api:skill-detail", args=["negotiation"]))
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    assert data["name"] == SKILL_NAME
    assert data["summary"] == f"Agreement {IMG}"


def test_autocomplete_returns_the_text_exactly_as_json(client, hostile):
    response = client.get(reverse("search:autocomplete"), {"q": "nego"})
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["results"][0]["name"] == SKILL_NAME
