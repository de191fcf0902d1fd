"""Skill pages answer conditional GETs: 304 while nothing on the page changed."""

import pytest

from taxonomy.models import Skill

from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    SkillAliasFactory,
    SkillFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def etag_of(client, skill):
    return client.get(skill.get_absolute_url())["ETag"]


def revalidate(client, skill, etag):
    return client.get(skill.get_absolute_url(), headers={"if-none-match": etag})


def test_unchanged_skill_page_answers_304(client):
    skill = SkillFactory()
    etag = etag_of(client, skill)

    response = revalidate(client, skill, etag)

    assert response.status_code == 304
    assert response.content == b""


def test_saving_the_skill_changes_its_etag(client):
    skill = SkillFactory()
    etag = etag_of(client, skill)

    skill.summary = "A better summary."
    skill.save()

    assert revalidate(client, skill, etag).status_code == 200


def test_renaming_a_linked_job_title_changes_the_etag(client):
    title = JobTitleFactory(name="Diplomats")
    skill = SkillFactory(job_titles=[title])
    etag = etag_of(client, skill)

    title.name = "Diplomatic officers"
    title.save()

    assert revalidate(client, skill, etag).status_code == 200


def test_adding_an_alias_changes_the_etag(client):
    skill = SkillFactory()
    etag = etag_of(client, skill)

    SkillAliasFactory(skill=skill)

    assert revalidate(client, skill, etag).status_code == 200


def test_editing_a_question_on_its_own_changes_the_etag(client):
    question = InterviewQuestionFactory(guidance="Concrete examples.")
    etag = etag_of(client, question.skill)

    question.guidance = "Concrete examples and an outcome."
    question.save()

    assert revalidate(client, question.skill, etag).status_code == 200


def test_unpublishing_a_related_skill_changes_the_etag(client):
    other = SkillFactory()
    skill = SkillFactory(related=[other])
    etag = etag_of(client, skill)

    Skill.objects.filter(pk=other.pk).update(status=Skill.Status.DRAFT)

    assert revalidate(client, skill, etag).status_code == 200


def test_renaming_the_category_changes_the_etag(client):
    skill = SkillFactory()
    etag = etag_of(client, skill)

    skill.category.name = "Renamed"
    skill.category.save()

    assert revalidate(client, skill, etag).status_code == 200


def test_staff_page_has_its_own_etag(client):
    skill = SkillFactory()
    visitor_etag = etag_of(client, skill)
    client.force_login(make_editor())

    assert revalidate(client, skill, visitor_etag).status_code == 200


def test_draft_skill_stays_404_for_visitors_even_with_any_etag(client):
    skill = SkillFactory(status=Skill.Status.DRAFT)

    assert revalidate(client, skill, "*").status_code == 404
