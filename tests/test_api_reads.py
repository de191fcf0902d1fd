"""REST API reads: the nested skill detail, the filtered list, categories, job titles, questions."""

import datetime

import pytest
from django.utils import timezone

from interviews.models import InterviewQuestion
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SKILLS = "/api/v1/skills/"


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def test_skill_detail_holds_everything_the_skill_page_shows(api_client):
    root = CategoryFactory(name="Government", slug="government")
    leaf = CategoryFactory(name="Diplomacy", slug="diplomacy", parent=root)
    skill = SkillFactory(name="Track One Diplomacy", slug="track-one-diplomacy", category=leaf)
    SkillAliasFactory(skill=skill, term="Official diplomacy")
    ResumeExampleFactory(skill=skill, text="Negotiated a ceasefire")
    skill.job_titles.set([JobTitleFactory(name="Diplomat", slug="diplomat")])
    skill.related.set([SkillFactory(name="Mediation", slug="mediation")])
    InterviewQuestionFactory(
        skill=skill,
        question="Walk me through a treaty?",
        guidance="Knows the stages.",
        kind="knowledge",
    )

    body = api_client.get(f"{SKILLS}track-one-diplomacy/").json()

    assert body["name"] == "Track One Diplomacy"
    assert body["category"]["path"] == [
        {"slug": "government", "name": "Government"},
        {"slug": "diplomacy", "name": "Diplomacy"},
    ]
    assert body["aliases"] == ["Official diplomacy"]
    assert body["resume_lines"] == ["Negotiated a ceasefire"]
    assert body["job_titles"] == [{"slug": "diplomat", "name": "Diplomat"}]
    assert [s["slug"] for s in body["related"]] == ["mediation"]
    assert body["interview_questions"][0] | {"id": 0} == {
        "id": 0,
        "question": "Walk me through a treaty?",
        "guidance": "Knows the stages.",
        "kind": "knowledge",
    }
    assert body["page_url"] == "http://testserver/skills/track-one-diplomacy/"
    assert {"created", "updated", "summary", "definition"} <= set(body)


def test_visitors_see_only_published_related_skills(api_client):
    skill = SkillFactory(slug="negotiation")
    skill.related.set([SkillFactory(slug="public"), SkillFactory(slug="secret", status="draft")])

    related = api_client.get(f"{SKILLS}negotiation/").json()["related"]

    assert [s["slug"] for s in related] == ["public"]


def test_editors_see_draft_related_skills(editor_api_client):
    skill = SkillFactory(slug="negotiation")
    skill.related.set([SkillFactory(slug="secret", status="draft")])

    related = editor_api_client.get(f"{SKILLS}negotiation/").json()["related"]

    assert [s["slug"] for s in related] == ["secret"]


def test_draft_skill_is_hidden_from_visitors(api_client):
    SkillFactory(slug="draft-skill", status=Skill.Status.DRAFT)

    assert api_client.get(f"{SKILLS}draft-skill/").status_code == 404
    assert api_client.get(SKILLS).json()["count"] == 0


def test_draft_skill_is_hidden_from_users_without_permissions(reader_api_client):
    SkillFactory(slug="draft-skill", status=Skill.Status.DRAFT)

    assert reader_api_client.get(f"{SKILLS}draft-skill/").status_code == 404


def test_editor_reads_draft_skill(editor_api_client):
    SkillFactory(slug="draft-skill", status=Skill.Status.DRAFT)

    assert editor_api_client.get(f"{SKILLS}draft-skill/").json()["status"] == "draft"


def test_list_is_paginated_by_twenty_with_count_and_links(api_client):
    SkillFactory.create_batch(25)

    body = api_client.get(SKILLS).json()

    assert (body["count"], len(body["results"])) == (25, 20)
    assert body["next"].endswith("?page=2")
    assert body["previous"] is None


def test_page_size_is_clamped_to_one_hundred(api_client):
    SkillFactory.create_batch(101, category=CategoryFactory())

    assert len(api_client.get(SKILLS, {"page_size": 1000}).json()["results"]) == 100


def test_list_filters_by_category_including_subcategories(api_client):
    root = CategoryFactory(slug="root")
    child = CategoryFactory(parent=root)
    grandchild = CategoryFactory(parent=child)
    leaf = CategoryFactory(parent=grandchild)
    SkillFactory(slug="in-root", category=root)
    SkillFactory(slug="in-leaf", category=leaf)
    SkillFactory(slug="elsewhere")

    assert sorted(slugs(api_client.get(SKILLS, {"category": "root"}))) == ["in-leaf", "in-root"]


def test_list_filters_by_job_title(api_client):
    SkillFactory(slug="mediation", job_titles=[JobTitleFactory(slug="mediator")])
    SkillFactory(slug="coding")

    assert slugs(api_client.get(SKILLS, {"job_title": "mediator"})) == ["mediation"]


def test_list_filters_by_updated_since(api_client):
    old = SkillFactory(slug="old")
    Skill.objects.filter(pk=old.pk).update(updated=timezone.now() - datetime.timedelta(days=3))
    SkillFactory(slug="fresh")
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    assert slugs(api_client.get(SKILLS, {"updated_since": since})) == ["fresh"]


def test_status_filter_shows_editors_drafts(editor_api_client):
    SkillFactory(slug="draft-skill", status="draft")
    SkillFactory(slug="live")

    assert slugs(editor_api_client.get(SKILLS, {"status": "draft"})) == ["draft-skill"]


def test_status_filter_does_not_reveal_drafts_to_visitors(api_client):
    SkillFactory(slug="draft-skill", status="draft")

    assert slugs(api_client.get(SKILLS, {"status": "draft"})) == []


def test_list_searches_with_q(api_client):
    skills = [SkillFactory(name="Mediation", slug="mediation"), SkillFactory(name="Welding")]
    content_changed(skills=[skill.pk for skill in skills])

    assert slugs(api_client.get(SKILLS, {"q": "mediation"})) == ["mediation"]


def test_searched_list_pages_count_every_match_and_link_the_next(api_client):
    skills = SkillFactory.create_batch(25, summary="Orienteering in the woods.")
    content_changed(skills=[skill.pk for skill in skills])

    first = api_client.get(SKILLS, {"q": "orienteering"}).json()
    second = api_client.get(SKILLS, {"q": "orienteering", "page": 2}).json()
    past_the_end = api_client.get(SKILLS, {"q": "orienteering", "page": 3})

    assert (first["count"], second["count"]) == (25, 25)
    assert (len(first["results"]), len(second["results"])) == (20, 5)
    assert "page=2" in first["next"] and second["next"] is None
    assert {row["slug"] for row in first["results"] + second["results"]} == {
        skill.slug for skill in skills
    }
    assert past_the_end.status_code == 404


def test_search_finds_skills_by_alias(api_client):
    skill = SkillFactory(name="Track One Diplomacy", slug="t1")
    SkillAliasFactory(skill=skill, term="Statecraft")
    content_changed(skills=[skill.pk, SkillFactory(name="Welding").pk])

    assert slugs(api_client.get(SKILLS, {"q": "statecraft"})) == ["t1"]


def test_search_query_of_only_symbols_is_a_field_error(api_client):
    response = api_client.get(SKILLS, {"q": "!!!"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["q"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [("name", ["apple", "banana"]), ("-name", ["banana", "apple"])],
)
def test_list_orders_by_name(api_client, ordering, expected):
    SkillFactory(name="Banana", slug="banana")
    SkillFactory(name="Apple", slug="apple")

    assert slugs(api_client.get(SKILLS, {"ordering": ordering})) == expected


def test_list_orders_by_most_recently_updated(api_client):
    first = SkillFactory(slug="first")
    Skill.objects.filter(pk=first.pk).update(updated=timezone.now() - datetime.timedelta(hours=1))
    SkillFactory(slug="second")

    assert slugs(api_client.get(SKILLS, {"ordering": "-updated"})) == ["second", "first"]


def test_categories_form_a_tree_with_parent_path_and_children(api_client):
    root = CategoryFactory(name="Government", slug="government")
    CategoryFactory(name="Diplomacy", slug="diplomacy", parent=root)

    body = api_client.get("/api/v1/categories/diplomacy/").json()
    root_body = api_client.get("/api/v1/categories/government/").json()

    assert body["parent"] == "government"
    assert [c["slug"] for c in body["path"]] == ["government", "diplomacy"]
    assert root_body["children"] == [{"slug": "diplomacy", "name": "Diplomacy"}]


def test_job_title_lists_only_its_published_skills(api_client):
    title = JobTitleFactory(slug="mediator")
    SkillFactory(slug="live", job_titles=[title])
    SkillFactory(slug="hidden", status="draft", job_titles=[title])

    skills = api_client.get("/api/v1/job-titles/mediator/").json()["skills"]

    assert [s["slug"] for s in skills] == ["live"]


def test_interview_questions_filter_by_skill_and_kind(api_client):
    skill = SkillFactory(slug="mediation")
    wanted = InterviewQuestionFactory(skill=skill, kind=InterviewQuestion.Kind.TECHNICAL)
    InterviewQuestionFactory(skill=skill, kind=InterviewQuestion.Kind.BEHAVIOURAL)
    InterviewQuestionFactory(kind=InterviewQuestion.Kind.TECHNICAL)

    body = api_client.get(
        "/api/v1/interview-questions/", {"skill": "mediation", "kind": "technical"}
    ).json()

    assert [q["id"] for q in body["results"]] == [wanted.pk]


def test_questions_of_draft_skills_are_hidden_from_visitors(api_client):
    InterviewQuestionFactory(skill=SkillFactory(status="draft"))

    assert api_client.get("/api/v1/interview-questions/").json()["count"] == 0
