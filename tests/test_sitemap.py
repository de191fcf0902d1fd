"""Crawlers find every public page through /sitemap.xml and are pointed at it by robots.txt."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from taxonomy.models import Skill

from .factories import CategoryFactory, JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_skills_categories_and_job_titles(client):
    skill = SkillFactory(slug="track-one-diplomacy")
    category = CategoryFactory(slug="diplomacy")
    title = JobTitleFactory(slug="diplomats")

    response = client.get("/sitemap.xml")

    assert response["Content-Type"].startswith("application/xml")
    for obj in (skill, category, title):
        assertContains(response, f"<loc>http://testserver{obj.get_absolute_url()}</loc>")


def test_sitemap_leaves_out_draft_and_archived_skills(client):
    SkillFactory(slug="unreleased", status=Skill.Status.DRAFT)
    SkillFactory(slug="retired", status=Skill.Status.ARCHIVED)

    response = client.get("/sitemap.xml")

    assertNotContains(response, "/skills/unreleased/")
    assertNotContains(response, "/skills/retired/")


def test_sitemap_gives_skills_their_last_modified_date(client):
    skill = SkillFactory()

    response = client.get("/sitemap.xml")

    assertContains(response, f"<lastmod>{skill.updated.date().isoformat()}</lastmod>")


def test_sitemap_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://atlas.example.com"
    SkillFactory(slug="track-one-diplomacy")

    response = client.get("/sitemap.xml")

    assertContains(response, "<loc>https://atlas.example.com/skills/track-one-diplomacy/</loc>")


def test_robots_txt_points_crawlers_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assertContains(response, f"Sitemap: http://testserver{reverse('sitemap')}")


def test_robots_txt_keeps_crawlers_out_of_admin_api_and_search(client):
    response = client.get("/robots.txt")

    for path in ("/admin/", "/api/", reverse("taxonomy:search")):
        assertContains(response, f"Disallow: {path}\n")
