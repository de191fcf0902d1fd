"""Coverage you can see: the write rule keeps each skill's coverage, cards show an interview
guide, and the A-Z index and the API filter by it."""

import pytest
from django.urls import reverse

from taxonomy.changes import content_changed
from taxonomy.completeness import missing

from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


def with_questions(skill, kinds):
    for kind in kinds:
        InterviewQuestionFactory(skill=skill, kind=kind, guidance="Listen for specifics.")
    content_changed(skills=[skill])
    skill.refresh_from_db()
    return skill


def complete_skill():
    skill = SkillFactory(
        summary="One line.",
        definition="A definition that says a good deal more than the one-line summary does.",
    )
    for n in range(3):
        ResumeExampleFactory(skill=skill, text=f"Line {n}")
        SkillAliasFactory(skill=skill, term=f"Alias {n}")
    skill.job_titles.add(JobTitleFactory(), JobTitleFactory())
    skill.related.add(SkillFactory(), SkillFactory())
    return with_questions(skill, ["behavioural", "technical", "technical", "knowledge"])


def test_the_write_rule_counts_written_questions():
    skill = with_questions(SkillFactory(), ["behavioural", "technical"])
    assert skill.question_count == 2
    assert skill.coverage["question_kinds"] == 2


def test_a_skill_meeting_every_requirement_is_complete():
    skill = complete_skill()
    assert skill.is_complete, missing(skill.coverage)
    assert skill.answer_count == 5


def test_three_questions_of_one_kind_do_not_make_a_skill_complete():
    skill = complete_skill()
    skill.interview_questions.exclude(kind="technical").delete()
    content_changed(skills=[skill])
    skill.refresh_from_db()

    assert not skill.is_complete
    assert missing(skill.coverage) == [
        "at least 4 written interview questions of two kinds, with guidance"
    ]


def test_a_definition_repeating_the_summary_does_not_count():
    skill = complete_skill()
    skill.definition = skill.summary
    skill.save()
    content_changed(skills=[skill])
    skill.refresh_from_db()

    assert missing(skill.coverage) == ["a definition that says more than the summary"]


def test_card_shows_the_interview_guide(client):
    skill = with_questions(SkillFactory(name="Mediation"), ["behavioural", "situational"])

    page = client.get(reverse("taxonomy:skill-list")).content.decode()

    assert "Interview guide · 2 questions" in page
    assert skill.question_count == 2


def test_card_of_a_skill_without_questions_shows_no_guide(client):
    SkillFactory(name="Mediation")
    page = client.get(reverse("taxonomy:skill-list")).content.decode()
    assert "Interview guide" not in page


def test_a_to_z_filters_to_skills_with_an_interview_guide(client):
    with_questions(SkillFactory(name="Mediation"), ["behavioural"])
    SkillFactory(name="Welding")

    page = client.get(reverse("taxonomy:skill-list"), {"guide": "1"}).content.decode()

    assert "Mediation" in page and "Welding" not in page


def test_api_filters_skills_with_questions(api_client):
    with_questions(SkillFactory(slug="mediation"), ["behavioural"])
    SkillFactory(slug="welding")
    url = reverse("api:skill-list")

    guided = api_client.get(url, {"has_questions": "true"}).json()["results"]
    bare = api_client.get(url, {"has_questions": "false"}).json()["results"]

    assert [s["slug"] for s in guided] == ["mediation"]
    assert [s["slug"] for s in bare] == ["welding"]
    assert guided[0]["question_count"] == 1


def test_api_filters_complete_skills(api_client):
    complete = complete_skill()
    SkillFactory()

    body = api_client.get(reverse("api:skill-list"), {"is_complete": "true"}).json()

    assert [s["slug"] for s in body["results"]] == [complete.slug]
    assert body["results"][0]["is_complete"] is True
