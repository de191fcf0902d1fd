"""The curated content in fixtures/: the content standard, coverage of what recruiters hire for,
and one definition of "complete" shared by the writers' checker and the product."""

import csv
import json
from pathlib import Path

import pytest

from taxonomy.completeness import missing
from taxonomy.models import Category, Skill

from . import content_standard
from .conftest import CONTENT_FIXTURES, ROOT

ESCO_SKILLS = ROOT.parent / "shared" / "data" / "esco" / "skills_en.csv"
# Current technology ESCO lacks, which a recruiter searches for first.
MUST_HAVE = [
    "react",
    "typescript",
    "kubernetes",
    "terraform",
    "aws",
    "microsoft-azure",
    "docker",
    "ci-cd",
    "salesforce",
    "power-bi",
    "figma",
    "seo",
]


def fixture_skills():
    skills = []
    for path in CONTENT_FIXTURES:
        skills += json.loads(Path(path).read_text(encoding="utf-8")).get("skills", [])
    return skills


def test_every_curated_skill_meets_the_content_standard():
    problems = content_standard.report(CONTENT_FIXTURES)
    assert not problems, "\n".join(problems)


def test_at_least_250_curated_skills_are_published():
    published = [s for s in fixture_skills() if s["status"] == "published"]
    assert len(published) >= 250


def test_the_technology_skills_esco_lacks_are_curated():
    slugs = {s["slug"] for s in fixture_skills()}
    assert not set(MUST_HAVE) - slugs


@pytest.mark.django_db
def test_curated_content_covers_at_least_twelve_areas(demo_data):
    areas = [
        root
        for root in Category.objects.roots().with_skill_counts(Skill.objects.published())
        if root.skill_count >= 10
    ]
    assert len(areas) >= 12, [a.name for a in areas]


@pytest.mark.django_db
def test_the_product_calls_every_curated_skill_complete(demo_data):
    """The checker and taxonomy.completeness agree: what writers were held to is "complete"."""
    incomplete = {
        skill.slug: missing(skill.coverage) for skill in Skill.objects.filter(is_complete=False)
    }
    assert not incomplete


def test_esco_identifiers_are_unique_and_name_real_esco_skills():
    ids = [s["external_id"] for s in fixture_skills() if s.get("external_id")]
    assert len(ids) == len(set(ids))
    if not ESCO_SKILLS.exists():
        pytest.skip(f"ESCO copy not found at {ESCO_SKILLS}")
    csv.field_size_limit(2**31 - 1)
    with ESCO_SKILLS.open(encoding="utf-8", newline="") as handle:
        known = {row["conceptUri"] for row in csv.DictReader(handle)}
    assert not set(ids) - known


def test_checker_catches_a_templated_guidance_sentence():
    """The uniqueness rule is real: the same sentence in two skills, names masked, is reported."""
    sentence = "A strong answer names the tool they chose and why it fitted the team."
    skills = [
        {"slug": slug, "name": name, "aliases": [], "interview_questions": [{"guidance": text}]}
        for slug, name, text in [
            ("a", "Alpha", sentence.replace("the tool", "Alpha")),
            ("b", "Beta", sentence.replace("the tool", "Beta")),
        ]
    ]
    assert content_standard.shared_sentences(skills)


def test_checker_names_a_skill_that_falls_short():
    merged = {"categories": {"c": {}}, "job_titles": {}, "skills": {}}
    skill = {"slug": "thin", "name": "Thin", "summary": "One line.", "category": "c"}
    problems = content_standard.check_skill(skill, merged)
    assert any("definition" in p for p in problems)
    assert any("interview questions" in p for p in problems)
