"""REST API writes: a skill with its aliases, resume lines and questions, in one atomic request."""

import pytest

from interviews.models import InterviewQuestion
from taxonomy.models import Skill, SkillAlias, Source

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SKILLS = "/api/v1/skills/"


@pytest.fixture
def payload():
    CategoryFactory(slug="diplomacy")
    JobTitleFactory(slug="mediator", name="Mediator")
    SkillFactory(slug="negotiation", name="Negotiation")
    return {
        "name": "Track Two Diplomacy",
        "slug": "track-two-diplomacy",
        "summary": "Unofficial dialogue between influential non-state actors.",
        "definition": "First paragraph.\n\nSecond paragraph.",
        "status": "published",
        "category": "diplomacy",
        "aliases": ["Track 2", "Back-channel diplomacy"],
        "resume_lines": ["Facilitated dialogue between rival groups"],
        "job_titles": ["mediator"],
        "related": ["negotiation"],
        "interview_questions": [
            {
                "question": "When would you choose Track Two over Track One?",
                "guidance": "Knows the limits of official channels.",
                "kind": "knowledge",
            }
        ],
    }


def test_created_skill_reads_back_as_it_was_sent(editor_api_client, payload):
    created = editor_api_client.post(SKILLS, payload, format="json")

    body = editor_api_client.get(created["Location"]).json()

    assert created.status_code == 201
    assert body["category"]["slug"] == "diplomacy"
    assert body["aliases"] == sorted(payload["aliases"])
    assert body["resume_lines"] == payload["resume_lines"]
    assert [t["slug"] for t in body["job_titles"]] == ["mediator"]
    assert [s["slug"] for s in body["related"]] == ["negotiation"]
    assert [
        {k: q[k] for k in ("question", "guidance", "kind")} for q in body["interview_questions"]
    ] == payload["interview_questions"]


def test_created_skill_is_found_by_search(editor_api_client, api_client, payload):
    editor_api_client.post(SKILLS, payload, format="json")

    results = api_client.get(SKILLS, {"q": "Back-channel diplomacy"}).json()["results"]

    assert [s["slug"] for s in results] == ["track-two-diplomacy"]


def test_renamed_alias_is_found_by_search_at_once(editor_api_client, api_client):
    SkillFactory(slug="mediation")

    editor_api_client.patch(f"{SKILLS}mediation/", {"aliases": ["Peacemaking"]}, format="json")

    results = api_client.get(SKILLS, {"q": "peacemaking"}).json()["results"]
    assert [s["slug"] for s in results] == ["mediation"]


def test_put_replaces_every_nested_list(editor_api_client, payload):
    skill = SkillFactory(slug="track-two-diplomacy")
    SkillAliasFactory(skill=skill, term="old alias")
    InterviewQuestionFactory(skill=skill)

    response = editor_api_client.put(f"{SKILLS}track-two-diplomacy/", payload, format="json")

    assert response.status_code == 200
    assert sorted(skill.aliases.values_list("term", flat=True)) == sorted(payload["aliases"])
    assert skill.interview_questions.get().kind == "knowledge"


def test_patch_changes_only_what_it_sends(editor_api_client):
    skill = SkillFactory(slug="mediation", summary="Old summary")
    SkillAliasFactory(skill=skill, term="ADR")

    editor_api_client.patch(f"{SKILLS}mediation/", {"summary": "New summary"}, format="json")

    skill.refresh_from_db()
    assert (skill.summary, list(skill.aliases.values_list("term", flat=True))) == (
        "New summary",
        ["ADR"],
    )


def test_patch_keeps_the_source_of_aliases_sent_again(editor_api_client):
    skill = SkillFactory(slug="mediation")
    SkillAliasFactory(skill=skill, term="ADR", source=Source.ESCO)

    editor_api_client.patch(f"{SKILLS}mediation/", {"aliases": ["ADR", "new"]}, format="json")

    assert dict(skill.aliases.values_list("term", "source")) == {"ADR": "esco", "new": "editor"}


def test_patch_orders_questions_as_sent(editor_api_client):
    SkillFactory(slug="mediation")
    questions = [{"question": f"Q{n}?", "guidance": "G.", "kind": "situational"} for n in (2, 1)]

    body = editor_api_client.patch(
        f"{SKILLS}mediation/", {"interview_questions": questions}, format="json"
    ).json()

    assert [q["question"] for q in body["interview_questions"]] == ["Q2?", "Q1?"]


def test_delete_removes_the_skill_and_its_children(editor_api_client):
    InterviewQuestionFactory(skill=SkillFactory(slug="mediation"))

    response = editor_api_client.delete(f"{SKILLS}mediation/")

    assert response.status_code == 204
    assert not Skill.objects.exists()
    assert not InterviewQuestion.objects.exists()


def test_duplicate_alias_differing_in_case_is_rejected_with_a_field_message(
    editor_api_client, payload
):
    payload["aliases"] = ["Track 2", "TRACK 2"]

    response = editor_api_client.post(SKILLS, payload, format="json")

    assert response.status_code == 400
    assert "ignoring case" in response.json()["errors"]["aliases"][0]
    assert not Skill.objects.filter(slug="track-two-diplomacy").exists()


def test_duplicate_slug_is_rejected_with_a_field_message(editor_api_client, payload):
    SkillFactory(slug="track-two-diplomacy")

    response = editor_api_client.post(SKILLS, payload, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["slug"]


def test_unknown_job_title_slug_is_rejected(editor_api_client, payload):
    payload["job_titles"] = ["no-such-title"]

    response = editor_api_client.post(SKILLS, payload, format="json")

    assert response.json()["errors"] == {
        "job_titles": {"0": ["Object with slug=no-such-title does not exist."]}
    }


def test_invalid_question_kind_is_rejected_per_item(editor_api_client, payload):
    payload["interview_questions"][0]["kind"] = "telepathic"

    response = editor_api_client.post(SKILLS, payload, format="json")

    assert "kind" in response.json()["errors"]["interview_questions"]["0"]


def test_rejected_update_changes_nothing(editor_api_client):
    skill = SkillFactory(slug="mediation", summary="Kept")
    SkillAliasFactory(skill=skill, term="ADR")

    response = editor_api_client.patch(
        f"{SKILLS}mediation/",
        {"summary": "Lost", "aliases": ["x", "X"], "status": "published"},
        format="json",
    )

    skill.refresh_from_db()
    assert response.status_code == 400
    assert (skill.summary, list(skill.aliases.values_list("term", flat=True))) == ("Kept", ["ADR"])


def test_skill_cannot_be_related_to_itself(editor_api_client):
    SkillFactory(slug="mediation")

    response = editor_api_client.patch(
        f"{SKILLS}mediation/", {"related": ["mediation"]}, format="json"
    )

    assert response.json()["errors"] == {"related": ["A skill cannot be related to itself."]}


def test_external_identifier_must_be_unique(editor_api_client, payload):
    SkillFactory(external_id="http://data.europa.eu/esco/skill/1")
    payload["external_id"] = "http://data.europa.eu/esco/skill/1"

    response = editor_api_client.post(SKILLS, payload, format="json")

    assert response.status_code == 400
    assert SkillAlias.objects.count() == 0
