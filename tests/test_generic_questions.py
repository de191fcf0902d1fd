"""Generic questions read as correct English for ESCO's verb phrases and noun phrases alike,
for editors' title-case names and for technologies."""

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from interviews.generic_questions import generic_questions, reads_as_verb_phrase
from taxonomy.models import Skill

# ../shared beside the project (CI, /work/main), or beside the folder of worktrees.
ESCO_SKILLS = next(
    (
        folder / "shared/data/esco/skills_en.csv"
        for folder in Path(__file__).resolve().parents[2:4]
        if (folder / "shared/data/esco/skills_en.csv").exists()
    ),
    Path("/nonexistent"),
)

# Real ESCO preferred labels (skills_en.csv): skills are verb phrases in the base form...
ESCO_VERB_PHRASES = [
    "negotiate price",
    "prepare cost-plus pricing models",
    "apply scientific methods",
    "manage security equipment",
    "protect client interests",
    "polish stone by hand",
    "understand spoken Bulgarian",
    "interact verbally in Bengali",
    "develop public relations strategies",
    "protect the environment from the impact of the digital technologies",
    "cope with blood",
    "meet building regulations",
    "monitor developments in field of expertise",
    "assess risks of clients' assets",
    "sell products",
    "use repair manuals",
    "document evidence",
    "coach employees",
    "process incident reports for prevention",
    "record production data for quality control",
    "plan marketing campaigns",
    "install and maintain",
    "creatively use digital technologies",
    "comply with the principles of self-defence",
    "browse, search and filter data, information and digital content",
]
# ... and knowledge is named with noun phrases.
ESCO_NOUN_PHRASES = [
    "employment law",
    "behavioural disorders",
    "politics",
    "oceanography",
    "project management methodology (PM²)",
    "property law",
    "rehabilitation",
    "machine learning",
    "call routing",
    "web analytics",
    "hazard analysis and critical control points",
    "copyright and licenses related to digital content",
    "engineering principles",
    "types of stone for working",
    "public offering",
    "Polish",
    "Welsh",
]
EDITOR_NAMES = ["Negotiation", "Contract Negotiation", "Track One Diplomacy", "Budgeting"]


def skill(name, kind=Skill.Kind.SKILL):
    return SimpleNamespace(name=name, kind=kind)


@pytest.mark.parametrize("name", ESCO_VERB_PHRASES)
def test_esco_verb_phrases_are_asked_as_something_the_candidate_did(name):
    first, second = generic_questions(skill(name))

    assert first.question.startswith(f"Tell me about a time you had to {name}. What was")
    assert second.question.startswith(f"Suppose you had to {name} in your first month here.")
    assert (first.kind, second.kind) == ("behavioural", "situational")


@pytest.mark.parametrize("name", ESCO_NOUN_PHRASES + EDITOR_NAMES)
def test_noun_phrases_are_asked_as_skills_never_as_verbs(name):
    first, second = generic_questions(skill(name))

    assert first.question.startswith(f"Tell me about a time your skills in {name} made")
    assert second.question.startswith(f"Walk me through how you approach {name}:")
    assert "had to" not in first.question


@pytest.mark.parametrize("name", ["employment law", "negotiate price", "Polish"])
def test_knowledge_is_asked_about_applying_it(name):
    first, second = generic_questions(skill(name, Skill.Kind.KNOWLEDGE))

    assert first.question.startswith(
        f"Tell me about a piece of work where you applied your knowledge of {name}."
    )
    assert second.kind == "knowledge"


def test_technology_is_asked_about_using_it():
    first, second = generic_questions(skill("Microsoft Excel", Skill.Kind.TECHNOLOGY))

    assert first.question.startswith(
        "Tell me about a recent piece of work where you used Microsoft Excel."
    )
    assert (
        second.question == "What is something Microsoft Excel makes hard, and how have you "
        "worked around it?"
    )


def test_generic_questions_are_labelled_and_carry_star_guidance():
    questions = generic_questions(skill("negotiate price"))

    assert [q.key for q in questions] == ["g1", "g2"]
    assert all(q.is_generic for q in questions)
    assert "Situation" in questions[0].guidance and "Result" in questions[0].guidance


def test_a_name_with_a_trailing_full_stop_reads_once():
    assert (
        "had to negotiate price. What" in generic_questions(skill("negotiate price."))[0].question
    )


@pytest.mark.skipif(not ESCO_SKILLS.exists(), reason="the shared ESCO copy is not here")
def test_labelled_esco_names_read_the_right_way_round():
    """Every name ESCO labels as skill or knowledge in the shared copy (about 660): at most 2%
    read the wrong way round (language names such as "Macedonian", listed by ESCO as skills,
    read as nouns, which still gives correct English)."""
    with ESCO_SKILLS.open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["skillType"]]
    wrong = [
        r["preferredLabel"]
        for r in rows
        if reads_as_verb_phrase(r["preferredLabel"]) != (r["skillType"] != "knowledge")
    ]

    assert len(rows) > 500
    assert len(wrong) / len(rows) <= 0.02, wrong
