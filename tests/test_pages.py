"""Recruiters read the public pages without logging in: what each page shows and hides."""

import json
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from taxonomy.models import Skill, digest

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

ESCO_CREDIT = "Contains ESCO classification data, © European Union"


def skill_url(skill):
    return reverse("taxonomy:skill-detail", args=[skill.slug])


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.text, re.S
    )
    return json.loads(match.group(1))


# Home


def test_home_counts_published_skills_of_a_category_and_its_subcategories(client):
    government = CategoryFactory(name="Government")
    diplomacy = CategoryFactory(name="Diplomacy", parent=government)
    SkillFactory.create_batch(2, category=diplomacy, question_count=4)
    SkillFactory(category=government)
    SkillFactory(category=diplomacy, status=Skill.Status.DRAFT, question_count=4)

    response = client.get("/")

    assertContains(
        response,
        f'<li><a class="area" href="{government.get_absolute_url()}">'
        '<span class="area-name">Government</span> '
        '<span class="count">3 skills · 2 with interview guides</span></a></li>',
        html=True,
    )


def test_home_areas_are_ours_and_esco_groups_sit_behind_the_full_classification(client):
    CategoryFactory(name="Government")
    CategoryFactory(name="attitudes and values", external_id="http://data.europa.eu/esco/skill/A")

    response = client.get("/")

    assertContains(response, '<span class="area-name">Government</span>', html=True)
    assertNotContains(response, "attitudes and values")
    assertContains(
        response,
        f'<a href="{reverse("taxonomy:classification")}">Browse the full classification</a>',
        html=True,
    )


def test_full_classification_lists_esco_groups_holding_skills_and_credits_esco(client):
    CategoryFactory(name="Government")
    held = CategoryFactory(name="attitudes and values", external_id="http://data.europa.eu/esco/A")
    CategoryFactory(name="attitudes and values", external_id="http://data.europa.eu/esco/x")
    SkillFactory(category=held)

    response = client.get(reverse("taxonomy:classification"))

    assertContains(response, '<span class="area-name">Government</span>', html=True)
    assertContains(response, f'<a href="{held.get_absolute_url()}">Attitudes and values</a>', 1)
    assertContains(response, ESCO_CREDIT)


def test_home_offers_complete_skills_and_never_stubs_or_drafts(client):
    SkillFactory(name="Track One Diplomacy", is_complete=True, question_count=6)
    SkillFactory(name="Dependency on drugs")
    SkillFactory(name="Secret Draft", status=Skill.Status.DRAFT, is_complete=True)

    response = client.get("/")

    assertContains(response, "Complete skill guides")
    assertContains(response, "Track One Diplomacy")
    assertNotContains(response, "Dependency on drugs")
    assertNotContains(response, "Secret Draft")


def test_home_puts_skills_other_skills_point_to_first(client):
    SkillFactory(name="Aardvark Handling", is_complete=True)
    central = SkillFactory(name="Stakeholder Management", is_complete=True)
    central.related.set(SkillFactory.create_batch(2))

    html = client.get("/").text

    assert html.index("Stakeholder Management") < html.index("Aardvark Handling")


def test_home_without_complete_skills_shows_no_empty_heading(client):
    SkillFactory(name="Dependency on drugs")

    assertNotContains(client.get("/"), "Complete skill guides")


def test_home_opens_on_the_search_box_and_the_three_jobs(client):
    response = client.get("/")

    html = response.text
    assert html.index('id="home-search"') < html.index("Look up a skill")
    assertContains(response, f'href="{reverse("interviews:kit")}">From skills</a>')
    assertContains(response, f'href="{reverse("taxonomy:jobtitle-list")}">From a job title</a>')
    assertContains(response, f'href="{reverse("interviews:kit-from-text")}">Paste a job advert</a>')


def test_home_search_form_sends_q_to_search_and_offers_autocomplete(client):
    response = client.get("/")

    # The home page's own search box replaces the header's.
    assertContains(response, f'action="{reverse("search:results")}"', count=1)
    assertContains(response, f'data-autocomplete-url="{reverse("search:autocomplete")}"', count=1)
    assertContains(response, '<label for="home-search">Find a skill, alias or job title</label>')


def test_pages_carry_a_site_icon_served_by_the_site(client):
    html = client.get("/").content.decode()

    icon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert icon.startswith("/static/img/favicon.")
    assert client.get(icon).status_code == 200


def test_every_search_box_on_the_results_page_keeps_what_was_typed(client):
    response = client.get(reverse("search:results"), {"q": "negotiaton <b>"})

    boxes = re.findall(r'<input type="search" name="q"[^>]*>', response.content.decode())
    assert len(boxes) == 2
    assert all('value="negotiaton &lt;b&gt;"' in box for box in boxes)


# A-Z index


def test_skill_index_narrows_to_a_letter(client):
    SkillFactory(name="Kubernetes")
    SkillFactory(name="Python Programming")

    response = client.get("/skills/?letter=k")

    assertContains(response, "Kubernetes")
    assertNotContains(response, "Python Programming")


def test_skill_index_hash_gathers_names_not_starting_with_a_letter(client):
    SkillFactory(name="3D Modelling")
    SkillFactory(name="Python Programming")

    response = client.get("/skills/?letter=%23")

    assertContains(response, "3D Modelling")
    assertNotContains(response, "Python Programming")


def test_skill_index_links_only_letters_that_have_skills(client):
    SkillFactory(name="Kubernetes")

    response = client.get("/skills/")

    assertContains(response, '<a href="/skills/?letter=K">K</a>', html=True)
    assertContains(response, '<span class="letter-empty">Q</span>', html=True)


def linked_letters(response):
    """The letters the bar links, "#" included (its link reads "# Other characters")."""
    bar = re.search(r'<nav class="letter-bar".*?</nav>', response.text, re.S).group()
    return re.findall(r'letter=[^"]*">(?:<span aria-hidden="true">)?(.)', bar)


def test_letter_bar_links_the_first_and_last_letters_and_hash_for_other_initials(client):
    SkillFactory(name="Active listening")
    SkillFactory(name="Zoning law")
    SkillFactory(name="3D Modelling")
    SkillFactory(name="Écriture inclusive")

    assert linked_letters(client.get("/skills/")) == ["A", "Z", "#"]


def test_letter_bar_has_no_hash_when_every_name_starts_with_a_letter(client):
    SkillFactory(name="Negotiation")
    SkillFactory(name="Zoning law")

    assert linked_letters(client.get("/")) == ["N", "Z"]


def test_letter_bar_counts_only_skills_in_the_filters_the_visitor_may_see(client):
    technology = CategoryFactory(name="Technology", slug="technology")
    SkillFactory(name="Kubernetes", category=technology)
    SkillFactory(name="Python", category=technology, status=Skill.Status.DRAFT)
    SkillFactory(name="Mediation")

    assert linked_letters(client.get("/skills/", {"category": "technology"})) == ["K"]
    assert linked_letters(client.get("/skills/")) == ["K", "M"]


def test_skill_index_letters_keep_the_category_and_guide_filters_and_start_at_page_one(client):
    technology = CategoryFactory(name="Technology", slug="technology")
    SkillFactory(name="Kubernetes", category=technology, question_count=3)

    response = client.get("/skills/", {"category": "technology", "guide": "1", "page": "1"})

    letter_k = re.search(r'<a href="([^"]+)">K</a>', response.text).group(1)
    assert letter_k == "/skills/?category=technology&amp;guide=1&amp;letter=K"


def test_skill_index_category_filter_includes_subcategories(client):
    technology = CategoryFactory(name="Technology")
    cloud = CategoryFactory(
        name="Cloud", parent=CategoryFactory(name="Software", parent=technology)
    )
    SkillFactory(name="Kubernetes", category=cloud)
    SkillFactory(name="Track One Diplomacy")

    response = client.get(f"/skills/?category={technology.slug}")

    assertContains(response, "Kubernetes")
    assertNotContains(response, "Track One Diplomacy")


def category_filter_options(response):
    form = re.search(r'<select id="category-filter".*?</select>', response.text, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', form)


def test_skill_index_filter_offers_curated_areas_not_every_imported_category(client):
    area = CategoryFactory(name="Diplomacy", slug="diplomacy")
    esco_root = CategoryFactory(slug="esco-skills", external_id="http://data.europa.eu/esco/s")
    esco_groups = CategoryFactory.create_batch(30, parent=esco_root, external_id="")
    SkillFactory(category=esco_groups[0])

    assert category_filter_options(client.get("/skills/")) == ["", area.slug]
    # A category chosen elsewhere (its page, a link) still shows as the chosen option.
    chosen = client.get(f"/skills/?category={esco_groups[3].slug}")
    assert sorted(category_filter_options(chosen)) == sorted(["", area.slug, esco_groups[3].slug])
    assertContains(chosen, f'<option value="{esco_groups[3].slug}" selected>', html=False)


def test_skill_index_with_unknown_category_is_not_found(client):
    assert client.get("/skills/?category=no-such-category").status_code == 404


def test_skill_index_shows_fifty_skills_a_page(client):
    SkillFactory.create_batch(51)

    first, second = client.get("/skills/"), client.get("/skills/?page=2")

    assert len(first.context["skill_list"]) == 50
    assert len(second.context["skill_list"]) == 1
    assertContains(first, 'rel="next"')


def test_skill_index_hides_drafts(client):
    SkillFactory(name="Secret Draft", status=Skill.Status.DRAFT)

    assertNotContains(client.get("/skills/"), "Secret Draft")


# Skill page


def test_skill_page_answers_the_five_recruiter_questions(client):
    skill = SkillFactory(
        name="Track One Diplomacy",
        summary="Official diplomacy between governments.",
        definition="First paragraph.\n\nSecond paragraph.",
    )
    ResumeExampleFactory(skill=skill, text="Coordinated ministerial talks")
    skill.job_titles.set([JobTitleFactory(name="Diplomats", slug="diplomats")])
    SkillAliasFactory(skill=skill, term="Track 1 diplomacy")
    skill.related.set([SkillFactory(name="Track Two Diplomacy", slug="track-two-diplomacy")])
    InterviewQuestionFactory(skill=skill, question="How do you prepare?", guidance="Research.")

    response = client.get(skill_url(skill))

    assertContains(response, '<h1 id="skill-name">Track One Diplomacy</h1>', html=True)
    assertContains(response, "Official diplomacy between governments.")
    assertContains(response, "<p>First paragraph.</p><p>Second paragraph.</p>", html=True)
    assertContains(response, "<li>Coordinated ministerial talks</li>", html=True)
    assertContains(response, '<a href="/job-titles/diplomats/">Diplomats</a>', html=True)
    assertContains(response, "<li>Track 1 diplomacy</li>", html=True)
    assertContains(
        response, '<a href="/skills/track-two-diplomacy/">Track Two Diplomacy</a>', html=True
    )
    assertContains(
        response,
        '<div class="guidance"><p class="guidance-label">What to look for</p>'
        "<p>Research.</p></div>",
        html=True,
    )
    assertContains(response, "Last updated <time")
    assertNotContains(response, "Not written yet")


def test_skill_page_shows_its_category_path_as_breadcrumb(client):
    diplomacy = CategoryFactory(name="Diplomacy", parent=CategoryFactory(name="Government"))
    skill = SkillFactory(category=diplomacy)

    response = client.get(skill_url(skill))

    assertContains(
        response,
        f'<a href="{diplomacy.parent.get_absolute_url()}">Government</a>',
        html=True,
    )
    assertContains(response, f'<a href="{diplomacy.get_absolute_url()}">Diplomacy</a>', html=True)


def test_draft_skill_is_hidden_from_visitors(client):
    skill = SkillFactory(status=Skill.Status.DRAFT)

    response = client.get(skill_url(skill))

    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


def test_staff_preview_a_draft_skill_under_a_banner(client):
    skill = SkillFactory(status=Skill.Status.DRAFT)
    client.force_login(make_editor())

    response = client.get(skill_url(skill))

    assertContains(response, "Draft — not public.")
    assertContains(response, '<meta name="robots" content="noindex">')


def test_published_skill_has_no_draft_banner(client):
    client.force_login(make_editor())

    assertNotContains(client.get(skill_url(SkillFactory())), "not public")


def test_staff_get_an_edit_in_admin_link(client):
    skill = SkillFactory()
    client.force_login(make_editor())

    response = client.get(skill_url(skill))

    edit_url = reverse("admin:taxonomy_skill_change", args=[skill.pk])
    assertContains(response, f'<a href="{edit_url}">Edit in admin</a>', html=True)


def test_visitors_get_no_edit_in_admin_link(client):
    assertNotContains(client.get(skill_url(SkillFactory())), "Edit in admin")


def test_draft_related_skill_is_not_linked_from_a_public_page(client):
    skill = SkillFactory(related=[SkillFactory(name="Unreleased Skill", status="draft")])

    assertNotContains(client.get(skill_url(skill)), "Unreleased Skill")


def test_skill_content_is_escaped_not_rendered_as_html(client):
    skill = SkillFactory(name="<b>Bold</b>", definition="<script>alert(1)</script>")

    response = client.get(skill_url(skill))

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_sourcing_string_ors_name_and_aliases_and_ands_job_titles(client):
    skill = SkillFactory(name="Track One Diplomacy")
    SkillAliasFactory(skill=skill, term="Track 1 diplomacy")
    skill.job_titles.set([JobTitleFactory(name="Diplomats"), JobTitleFactory(name="Envoys")])

    response = client.get(skill_url(skill))

    assert response.context["sourcing_string"] == (
        '("Track One Diplomacy" OR "Track 1 diplomacy") AND ("Diplomats" OR "Envoys")'
    )
    assertContains(response, 'id="sourcing-string"')


def test_skill_page_offers_a_copy_button_for_the_sourcing_string(client):
    response = client.get(skill_url(SkillFactory()))

    assertContains(response, 'data-copy-target="sourcing-string"')


def test_skill_page_json_ld_is_a_schema_org_defined_term(client):
    skill = SkillFactory(name="Track One Diplomacy", summary="Official diplomacy.")
    SkillAliasFactory(skill=skill, term="Track 1 diplomacy")

    data = json_ld(client.get(skill_url(skill)))

    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Track One Diplomacy"
    assert data["description"] == "Official diplomacy."
    assert data["alternateName"] == ["Track 1 diplomacy"]
    assert data["url"] == f"http://testserver{skill_url(skill)}"


def test_json_ld_cannot_be_broken_out_of_by_skill_content(client):
    hostile = "</script><script>alert(1)</script><!--"
    skill = SkillFactory(name=hostile, summary=hostile)

    response = client.get(skill_url(skill))

    assertNotContains(response, "</script><script>alert(1)")
    assertNotContains(response, "<!--")
    assert json_ld(response)["name"] == hostile


def test_esco_skill_carries_the_esco_credit(client):
    skill = SkillFactory(external_id="http://data.europa.eu/esco/skill/abc")
    skill.esco_fields = {"definition": digest(skill.definition)}  # as import_esco records it
    skill.save()

    assertContains(client.get(skill_url(skill)), ESCO_CREDIT)


def test_curated_skill_with_only_an_esco_uri_has_no_credit(client):
    skill = SkillFactory(external_id="http://data.europa.eu/esco/skill/abc")

    assertNotContains(client.get(skill_url(skill)), ESCO_CREDIT)


def test_editor_written_skill_has_no_esco_credit(client):
    assertNotContains(client.get(skill_url(SkillFactory())), ESCO_CREDIT)


# Categories and job titles


def test_category_page_lists_subcategories_and_its_own_skills(client):
    government = CategoryFactory(name="Government")
    CategoryFactory(name="Diplomacy", parent=government)
    SkillFactory(name="Policy Analysis", category=government)

    response = client.get(government.get_absolute_url())

    assertContains(response, "Diplomacy")
    assertContains(response, "Policy Analysis")


def test_job_title_page_lists_its_published_skills(client):
    title = JobTitleFactory(name="Diplomats")
    SkillFactory(name="Track One Diplomacy", job_titles=[title])
    SkillFactory(name="Secret Draft", job_titles=[title], status=Skill.Status.DRAFT)

    response = client.get(title.get_absolute_url())

    assertContains(response, "Track One Diplomacy")
    assertNotContains(response, "Secret Draft")


def test_job_title_list_counts_published_skills(client):
    title = JobTitleFactory(name="Diplomats")
    SkillFactory.create_batch(2, job_titles=[title])
    SkillFactory(job_titles=[title], status=Skill.Status.DRAFT)

    response = client.get("/job-titles/")

    assertContains(
        response,
        f'<li><a href="{title.get_absolute_url()}">Diplomats</a> '
        '<span class="count">2 skills</span></li>',
        html=True,
    )


def test_esco_job_title_carries_the_esco_credit(client):
    title = JobTitleFactory(external_id="http://data.europa.eu/esco/occupation/abc")

    assertContains(client.get(title.get_absolute_url()), ESCO_CREDIT)


# Every page


@pytest.fixture
def every_page(db):
    title = JobTitleFactory(slug="diplomats")
    skill = SkillFactory(slug="track-one-diplomacy", job_titles=[title])
    return {
        "home": "/",
        "index": "/skills/",
        "skill": skill_url(skill),
        "category": skill.category.get_absolute_url(),
        "job titles": "/job-titles/",
        "job title": title.get_absolute_url(),
    }


PAGES = ["home", "index", "skill", "category", "job titles", "job title"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_exactly_one_h1(client, every_page, page):
    assert client.get(every_page[page]).text.count("<h1") == 1


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_title_description_canonical_and_open_graph(client, every_page, page):
    response = client.get(every_page[page])

    for tag in ("<title>", '<meta name="description" content="', '<link rel="canonical" href="'):
        assertContains(response, tag)
    for prop in ("og:title", "og:description", "og:url", "og:type"):
        assertContains(response, f'<meta property="{prop}" content="')


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_skip_link_and_landmarks(client, every_page, page):
    response = client.get(every_page[page])

    assertContains(response, '<a class="skip-link" href="#main">')
    for landmark in ('<header class="site-header">', '<main id="main"', "<footer"):
        assertContains(response, landmark)


def test_canonical_link_uses_site_url_when_set(client, every_page, settings):
    settings.SITE_URL = "https://atlas.example.com/"

    response = client.get(every_page["skill"])

    assertContains(
        response,
        '<link rel="canonical" href="https://atlas.example.com/skills/track-one-diplomacy/">',
    )


def test_canonical_link_uses_the_request_host_without_site_url(client, every_page, settings):
    settings.SITE_URL = ""

    response = client.get(every_page["skill"])

    assertContains(
        response, '<link rel="canonical" href="http://testserver/skills/track-one-diplomacy/">'
    )


def test_every_page_footer_says_where_the_data_comes_from(client):
    assertContains(client.get("/"), "About the data:")


def test_unknown_address_gets_the_site_404_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assertContains(response, "<h1>Page not found</h1>", status_code=404, html=True)
    assertContains(response, 'class="site-header"', status_code=404)
