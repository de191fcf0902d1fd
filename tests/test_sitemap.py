"""Crawlers find every public page through /sitemap.xml and are pointed at it by robots.txt."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from taxonomy.models import Skill

from .factories import CategoryFactory, JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def section(client, name):
    return client.get(reverse("sitemap-section", args=[name]))


def test_sitemap_index_lists_a_section_per_kind_of_page(client):
    response = client.get("/sitemap.xml")

    assert response["Content-Type"].startswith("application/xml")
    for name in ("pages", "skills", "categories", "job-titles"):
        assertContains(response, f"<loc>http://testserver/sitemap-{name}.xml</loc>")


def test_sitemap_sections_list_published_skills_categories_and_job_titles(client):
    skill = SkillFactory(slug="track-one-diplomacy")
    category = CategoryFactory(slug="diplomacy")
    title = JobTitleFactory(slug="diplomats")

    for name, obj in (("skills", skill), ("categories", category), ("job-titles", title)):
        response = section(client, name)
        assert response["Content-Type"].startswith("application/xml")
        assertContains(response, f"<loc>http://testserver{obj.get_absolute_url()}</loc>")


def test_sitemap_index_pages_a_section_past_the_limit(client, monkeypatch):
    from taxonomy.sitemaps import SkillSitemap

    monkeypatch.setattr(SkillSitemap, "limit", 2)
    first, second, third = SkillFactory.create_batch(3)

    index = client.get("/sitemap.xml")
    assertContains(index, "<loc>http://testserver/sitemap-skills.xml?p=2</loc>")
    page_two = client.get(reverse("sitemap-section", args=["skills"]), {"p": 2})
    assertContains(page_two, f"<loc>http://testserver{third.get_absolute_url()}</loc>")


def test_sitemap_leaves_out_draft_and_archived_skills(client):
    SkillFactory(slug="unreleased", status=Skill.Status.DRAFT)
    SkillFactory(slug="retired", status=Skill.Status.ARCHIVED)

    response = section(client, "skills")

    assertNotContains(response, "/skills/unreleased/")
    assertNotContains(response, "/skills/retired/")


def test_sitemap_gives_skills_their_last_modified_date(client):
    skill = SkillFactory()

    response = section(client, "skills")

    assertContains(response, f"<lastmod>{skill.updated.date().isoformat()}</lastmod>")


def test_sitemap_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://atlas.example.com"
    SkillFactory(slug="track-one-diplomacy")

    response = section(client, "skills")

    assertContains(response, "<loc>https://atlas.example.com/skills/track-one-diplomacy/</loc>")


def test_robots_txt_points_crawlers_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assertContains(response, f"Sitemap: http://testserver{reverse('sitemap')}")


def test_robots_txt_keeps_crawlers_out_of_admin_api_and_search(client):
    response = client.get("/robots.txt")

    for path in ("/admin/", "/api/", reverse("search:results")):
        assertContains(response, f"Disallow: {path}\n")
