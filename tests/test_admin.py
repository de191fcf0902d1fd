"""Editors curate skills in Django admin: one form, inlines, clear errors, nothing half-saved."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import InterviewQuestion
from taxonomy.models import ResumeExample, Skill, SkillAlias

from .admin_forms import inline, skill_change_data
from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:taxonomy_skill_add")


def skill_form(name="Track Two Diplomacy", aliases=("Track 2", "Back-channel diplomacy"), **extra):
    category = CategoryFactory(name="Diplomacy")
    title = JobTitleFactory(name="Mediator")
    return {
        "name": name,
        "slug": "track-two-diplomacy",
        "status": "published",
        "category": str(category.pk),
        "summary": "Unofficial dialogue between influential non-state actors.",
        "definition": "First paragraph.\n\nSecond paragraph.",
        "job_titles": [str(title.pk)],
        "external_id": "",
        **inline("aliases", [{"term": term} for term in aliases]),
        **inline("resume_examples", [{"text": "Facilitated dialogue", "position": "0"}]),
        **inline(
            "interview_questions",
            [
                {
                    "question": "When would you choose Track Two over Track One?",
                    "guidance": "Knows the limits of official channels.",
                    "kind": "knowledge",
                    "position": "0",
                }
            ],
        ),
        **extra,
    }


def test_anonymous_visitor_is_sent_to_admin_login(client):
    response = client.get(reverse("admin:taxonomy_skill_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_permission_cannot_open_skill_list(client):
    from .factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:taxonomy_skill_changelist")).status_code == 403


def test_editor_sees_skill_list_with_status_category_and_counts(editor_client):
    skill = SkillFactory(name="Diplomatic Protocol", status=Skill.Status.DRAFT)
    SkillAliasFactory.create_batch(3, skill=skill)
    response = editor_client.get(reverse("admin:taxonomy_skill_changelist"))
    assert response.status_code == 200
    row = next(r for r in response.context["cl"].result_list if r.pk == skill.pk)
    assert row.alias_total == 3
    content = response.content.decode()
    assert "Diplomatic Protocol" in content and "Draft" in content
    assert skill.category.name in content


def test_editor_can_search_skills_by_alias(editor_client):
    SkillAliasFactory(term="K8s", skill=SkillFactory(name="Kubernetes"))
    SkillFactory(name="Python")
    response = editor_client.get(reverse("admin:taxonomy_skill_changelist"), {"q": "k8s"})
    assert [s.name for s in response.context["cl"].result_list] == ["Kubernetes"]


def test_editor_adds_skill_with_aliases_resume_lines_and_questions_in_one_save(editor_client):
    response = editor_client.post(ADD_URL, skill_form())
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    skill = Skill.objects.get(slug="track-two-diplomacy")
    assert sorted(a.term for a in skill.aliases.all()) == ["Back-channel diplomacy", "Track 2"]
    assert [r.text for r in skill.resume_examples.all()] == ["Facilitated dialogue"]
    assert [q.kind for q in skill.interview_questions.all()] == ["knowledge"]
    assert [t.name for t in skill.job_titles.all()] == ["Mediator"]


def test_empty_name_is_a_field_error_and_nothing_is_saved(editor_client):
    response = editor_client.post(ADD_URL, skill_form(name=""))
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert not Skill.objects.exists()
    assert not SkillAlias.objects.exists()
    assert not InterviewQuestion.objects.exists()


def test_duplicate_alias_differing_in_case_is_a_form_error_and_nothing_is_saved(editor_client):
    response = editor_client.post(ADD_URL, skill_form(aliases=("Track 2", "TRACK 2")))
    assert response.status_code == 200
    assert "already listed" in response.content.decode()
    assert not Skill.objects.exists()
    assert not ResumeExample.objects.exists()


def test_alias_clashing_with_a_saved_alias_is_a_form_error(editor_client):
    skill = SkillFactory(slug="kubernetes")
    alias = SkillAliasFactory(skill=skill, term="K8s")
    url = reverse("admin:taxonomy_skill_change", args=[skill.pk])
    data = skill_change_data(
        skill,
        **inline(
            "aliases",
            [{"id": str(alias.pk), "skill": str(skill.pk), "term": "K8s"}, {"term": "k8S"}],
            initial=1,
        ),
        **inline("interview_questions", []),
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert not response.context["adminform"].form.errors
    alias_errors = str(response.context["inline_admin_formsets"][0].formset.errors)
    assert "already listed" in alias_errors
    assert list(skill.aliases.values_list("term", flat=True)) == ["K8s"]


def test_skill_saved_as_related_to_itself_is_not_listed_as_related(editor_client):
    skill = SkillFactory()
    other = SkillFactory()
    url = reverse("admin:taxonomy_skill_change", args=[skill.pk])
    data = skill_change_data(
        skill, related=[str(skill.pk), str(other.pk)], **inline("interview_questions", [])
    )
    assert editor_client.post(url, data).status_code == 302
    assert list(skill.related.all()) == [other]


def test_question_edited_on_its_own_page_is_not_overwritten_by_an_older_skill_form(
    editor_client,
):
    question = InterviewQuestionFactory(guidance="Old guidance")
    skill = question.skill
    opened = skill_change_data(
        skill,
        **inline(
            "interview_questions",
            [
                {
                    "id": str(question.pk),
                    "skill": str(skill.pk),
                    "question": question.question,
                    "guidance": "Old guidance",
                    "kind": question.kind,
                    "position": str(question.position),
                }
            ],
            initial=1,
        ),
    )
    question_url = reverse("admin:interviews_interviewquestion_change", args=[question.pk])
    edited = {
        "skill": str(skill.pk),
        "question": question.question,
        "guidance": "New guidance from another editor",
        "kind": question.kind,
        "position": str(question.position),
    }
    assert editor_client.post(question_url, edited).status_code == 302

    response = editor_client.post(reverse("admin:taxonomy_skill_change", args=[skill.pk]), opened)

    assert response.status_code == 200
    question.refresh_from_db()
    assert question.guidance == "New guidance from another editor"


def test_skill_list_runs_the_same_queries_for_deep_categories(editor_client):
    url = reverse("admin:taxonomy_skill_changelist")
    root = CategoryFactory()
    leaf = CategoryFactory(parent=CategoryFactory(parent=CategoryFactory(parent=root)))
    SkillFactory(category=leaf)
    editor_client.get(url)
    with CaptureQueriesContext(connection) as one_skill:
        editor_client.get(url)
    for _ in range(10):
        deeper = CategoryFactory(parent=CategoryFactory(parent=CategoryFactory(parent=root)))
        SkillFactory(category=deeper)
    with CaptureQueriesContext(connection) as many_skills:
        assert editor_client.get(url).status_code == 200
    assert len(many_skills) == len(one_skill)


def test_bulk_publish_action_publishes_selected_drafts(editor_client):
    drafts = SkillFactory.create_batch(2, status=Skill.Status.DRAFT)
    response = editor_client.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "publish", "_selected_action": [str(s.pk) for s in drafts]},
    )
    assert response.status_code == 302
    assert set(Skill.objects.values_list("status", flat=True)) == {"published"}


def test_bulk_archive_action_archives_selected(editor_client):
    skill = SkillFactory()
    editor_client.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "archive", "_selected_action": [str(skill.pk)]},
    )
    skill.refresh_from_db()
    assert skill.status == Skill.Status.ARCHIVED


def test_skill_form_uses_autocomplete_and_prefilled_slug(editor_client):
    content = editor_client.get(ADD_URL).content.decode()
    assert content.count("admin-autocomplete") >= 3
    assert "prepopulated_fields" in content or "data-prepopulated-fields" in content


def test_view_on_site_points_to_the_public_page(editor_client):
    skill = SkillFactory(slug="diplomatic-protocol")
    response = editor_client.get(reverse("admin:taxonomy_skill_change", args=[skill.pk]))
    content = response.content.decode()
    view_on_site = re.search(r'href="(/admin/r/[^"]+)"[^>]*>View on site', content)
    assert view_on_site
    redirect = editor_client.get(view_on_site.group(1))
    assert redirect["Location"].endswith("/skills/diplomatic-protocol/")
