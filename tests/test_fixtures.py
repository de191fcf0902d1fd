"""The shipped content: the seed skill kept word for word, and idempotent loading."""

import pytest
from django.core.management import call_command

from interviews.models import InterviewQuestion
from taxonomy.completeness import missing
from taxonomy.file_format import export_document
from taxonomy.models import JobTitle, Skill

from .conftest import CONTENT_FIXTURES, SEED

pytestmark = pytest.mark.django_db


def parse_seed(path):
    """The seed file's own layout: definition, CV lines, job title, aliases, Q/A pairs."""
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]
    definition, *rest = lines
    title_at = next(i for i, line in enumerate(rest) if line.startswith("Typical job title:"))
    questions = [
        (q.removeprefix("Q: "), a.removeprefix("Expected Answer: "))
        for q, a in zip(rest[title_at + 2 :: 2], rest[title_at + 3 :: 2], strict=True)
    ]
    return {
        "definition": definition,
        "resume_lines": rest[:title_at],
        "job_title": rest[title_at].split(":", 1)[1].strip().strip('"'),
        "questions": questions,
    }


@pytest.fixture
def seed():
    if not SEED.exists():
        pytest.skip(f"seed file not found at {SEED}")
    return parse_seed(SEED)


def test_seed_skill_keeps_the_seed_words(demo_data, seed):
    """The reference skill is brought up to the content standard by adding, never rewording."""
    skill = Skill.objects.for_page().get(slug="track-one-diplomacy")
    assert skill.name == "Track One Diplomacy"
    assert skill.status == Skill.Status.PUBLISHED
    assert skill.definition_paragraphs()[0] == seed["definition"]
    assert [line.text for line in skill.resume_examples.all()][:3] == seed["resume_lines"]
    questions = list(skill.interview_questions.all())
    assert [q.question for q in questions][:6] == [q for q, _ in seed["questions"]]
    for question, (_, expected_answer) in zip(questions, seed["questions"], strict=False):
        assert question.guidance.startswith(expected_answer)
    assert len(seed["questions"]) == 6


def test_seed_job_title_is_the_singular_of_the_seeds(demo_data, seed):
    skill = Skill.objects.get(slug="track-one-diplomacy")
    assert seed["job_title"] == "Diplomats"
    assert skill.job_titles.filter(name="Diplomat").exists()
    assert not JobTitle.objects.filter(name__iexact="Diplomats").exists()


def test_seed_skill_is_complete(demo_data):
    skill = Skill.objects.get(slug="track-one-diplomacy")
    assert skill.is_complete, missing(skill.coverage)
    assert skill.related.filter(slug="track-two-diplomacy").exists()
    assert [c.name for c in skill.category.path()][-1] == "Diplomacy"


def test_loading_the_fixtures_twice_changes_nothing(demo_data):
    before = export_document()
    stamps = dict(Skill.objects.values_list("slug", "updated"))
    question_ids = set(InterviewQuestion.objects.values_list("pk", flat=True))

    call_command("import_taxonomy", *CONTENT_FIXTURES, verbosity=0)

    assert export_document() == before
    assert dict(Skill.objects.values_list("slug", "updated")) == stamps
    assert set(InterviewQuestion.objects.values_list("pk", flat=True)) == question_ids


def test_demo_loading_keeps_an_editors_changes(demo_data):
    Skill.objects.filter(slug="track-one-diplomacy").update(summary="Edited by an editor")
    call_command("import_taxonomy", "--keep-existing", *CONTENT_FIXTURES, verbosity=0)
    assert Skill.objects.get(slug="track-one-diplomacy").summary == "Edited by an editor"
