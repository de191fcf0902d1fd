"""The demo content: the seed skill verbatim, a complete demo set, and idempotent loading."""

import pytest
from django.core.management import call_command

from interviews.models import InterviewQuestion
from taxonomy.export import export_taxonomy
from taxonomy.models import Category, Skill

from .conftest import DEMO_FIXTURES, SEED

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


def test_seed_skill_has_exactly_the_seed_content(demo_data, seed):
    skill = Skill.objects.for_page().get(slug="track-one-diplomacy")
    assert skill.name == "Track One Diplomacy"
    assert skill.status == Skill.Status.PUBLISHED
    assert skill.definition == seed["definition"]
    assert [line.text for line in skill.resume_examples.all()] == seed["resume_lines"]
    assert [title.name for title in skill.job_titles.all()] == [seed["job_title"]]
    assert [(q.question, q.guidance) for q in skill.interview_questions.all()] == seed["questions"]
    assert len(seed["questions"]) == 6


def test_seed_skill_has_aliases_and_related_skills(demo_data):
    skill = Skill.objects.get(slug="track-one-diplomacy")
    assert skill.aliases.count() >= 3
    assert skill.related.filter(slug="track-two-diplomacy").exists()
    assert [c.name for c in skill.category.path()][-1] == "Diplomacy"


def test_demo_set_is_complete(demo_data):
    skills = Skill.objects.for_export().exclude(slug="track-one-diplomacy")
    assert len(skills) >= 15
    assert Category.objects.filter(skills__isnull=False).distinct().count() >= 4
    for skill in skills:
        assert skill.summary and skill.definition, skill.slug
        assert skill.resume_examples.all(), skill.slug
        assert skill.job_titles.all(), skill.slug
        assert skill.aliases.all(), skill.slug
        assert len(skill.interview_questions.all()) >= 3, skill.slug
        assert all(q.guidance for q in skill.interview_questions.all()), skill.slug


def test_loading_the_fixtures_twice_changes_nothing(demo_data):
    before = export_taxonomy()
    stamps = dict(Skill.objects.values_list("slug", "updated"))
    question_ids = set(InterviewQuestion.objects.values_list("pk", flat=True))

    call_command("import_taxonomy", str(DEMO_FIXTURES), verbosity=0)

    assert export_taxonomy() == before
    assert dict(Skill.objects.values_list("slug", "updated")) == stamps
    assert set(InterviewQuestion.objects.values_list("pk", flat=True)) == question_ids


def test_demo_loading_keeps_an_editors_changes(demo_data):
    Skill.objects.filter(slug="track-one-diplomacy").update(summary="Edited by an editor")
    call_command("import_taxonomy", "--keep-existing", str(DEMO_FIXTURES), verbosity=0)
    assert Skill.objects.get(slug="track-one-diplomacy").summary == "Edited by an editor"
