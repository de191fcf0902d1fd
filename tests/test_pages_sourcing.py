"""The sourcing search string on skill pages must paste cleanly into boolean search boxes."""

import pytest

from taxonomy.models import Skill
from taxonomy.sourcing import any_of, boolean_search_string

from .factories import JobTitleFactory, SkillAliasFactory, SkillFactory


def test_terms_are_quoted_and_ored():
    assert any_of(["Track One Diplomacy", "Track 1"]) == '("Track One Diplomacy" OR "Track 1")'


def test_a_double_quote_inside_a_term_cannot_end_the_phrase():
    assert any_of(['The "Track" method']) == '("The Track method")'


def test_a_term_repeated_in_another_case_appears_once():
    assert any_of(["SQL", "sql", "Structured Query Language"]) == (
        '("SQL" OR "Structured Query Language")'
    )


def test_blank_terms_are_left_out():
    assert any_of(["SQL", "  ", '""']) == '("SQL")'


@pytest.mark.django_db
def test_skill_without_job_titles_gets_only_its_names():
    skill = SkillFactory(name="Kubernetes")
    SkillAliasFactory(skill=skill, term="K8s")

    page_skill = Skill.objects.for_page().get(pk=skill.pk)

    assert boolean_search_string(page_skill) == '("Kubernetes" OR "K8s")'


@pytest.mark.django_db
def test_skill_with_job_titles_needs_one_of_them_too():
    skill = SkillFactory(name="Kubernetes", job_titles=[JobTitleFactory(name="SRE")])

    page_skill = Skill.objects.for_page().get(pk=skill.pk)

    assert boolean_search_string(page_skill) == '("Kubernetes") AND ("SRE")'
