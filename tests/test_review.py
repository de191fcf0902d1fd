"""Review before publishing: editors submit, publishers publish or send back; nothing skips it."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from taxonomy.models import Skill

from .admin_forms import skill_change_data
from .admin_login import log_into_admin
from .factories import SkillFactory, make_editor, token_client

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taxonomy_skill_changelist")


def change_url(skill):
    return reverse("admin:taxonomy_skill_change", args=[skill.pk])


@pytest.fixture
def writer(client):
    """A staff editor who may write skills but not publish them."""
    client.force_login(make_editor("writer", can_publish=False))
    return client


@pytest.fixture
def publisher(client):
    return log_into_admin(client, make_editor("publisher"))


def api_as(user):
    return token_client(user)


def test_editor_without_publish_permission_submits_a_draft_for_review(writer):
    skill = SkillFactory(status=Skill.Status.DRAFT)
    response = writer.post(change_url(skill), skill_change_data(skill, status="in_review"))
    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.status == Skill.Status.IN_REVIEW


def test_editor_without_publish_permission_cannot_publish_from_the_form(writer):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    response = writer.post(change_url(skill), skill_change_data(skill, status="published"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    skill.refresh_from_db()
    assert skill.status == Skill.Status.IN_REVIEW


def test_status_choices_offer_editors_only_draft_and_review(writer):
    skill = SkillFactory(status=Skill.Status.DRAFT)
    form = writer.get(change_url(skill)).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "in_review"]


def test_editor_cannot_unpublish_a_published_skill(writer):
    skill = SkillFactory(status=Skill.Status.PUBLISHED)
    writer.post(change_url(skill), skill_change_data(skill, status="draft"))
    skill.refresh_from_db()
    assert skill.status == Skill.Status.PUBLISHED


@pytest.mark.parametrize("action", ["publish", "archive", "send_back"])
def test_publishing_actions_are_not_offered_to_editors_without_the_permission(writer, action):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    response = writer.get(CHANGELIST)
    assert action not in dict(response.context["action_form"].fields["action"].choices)
    writer.post(CHANGELIST, {"action": action, "comment": "x", "_selected_action": [str(skill.pk)]})
    skill.refresh_from_db()
    assert skill.status == Skill.Status.IN_REVIEW


def test_submit_action_moves_drafts_into_review(writer):
    draft, published = SkillFactory(status="draft"), SkillFactory(status="published")
    writer.post(
        CHANGELIST,
        {"action": "submit_for_review", "_selected_action": [str(draft.pk), str(published.pk)]},
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("in_review", "published")


def test_publisher_publishes_a_skill_in_review_and_it_becomes_public(publisher, client):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW, slug="mediation")
    publisher.post(CHANGELIST, {"action": "publish", "_selected_action": [str(skill.pk)]})
    skill.refresh_from_db()
    assert skill.status == Skill.Status.PUBLISHED
    client.logout()
    assert client.get(skill.get_absolute_url()).status_code == 200


def test_publisher_sends_back_with_a_comment_the_editor_then_reads(publisher, client):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    publisher.post(
        CHANGELIST,
        {
            "action": "send_back",
            "comment": "Add two CV lines with numbers.",
            "_selected_action": [str(skill.pk)],
        },
    )
    skill.refresh_from_db()
    assert (skill.status, skill.review_note) == ("draft", "Add two CV lines with numbers.")
    client.force_login(make_editor("writer", can_publish=False))
    assert "Add two CV lines with numbers." in client.get(change_url(skill)).content.decode()


def test_sending_back_without_a_comment_changes_nothing(publisher):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    response = publisher.post(
        CHANGELIST,
        {"action": "send_back", "comment": " ", "_selected_action": [str(skill.pk)]},
        follow=True,
    )
    assert "nothing was sent back" in response.content.decode()
    skill.refresh_from_db()
    assert skill.status == Skill.Status.IN_REVIEW


def test_sending_back_from_the_form_needs_a_review_note(publisher):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    response = publisher.post(change_url(skill), skill_change_data(skill, status="draft"))
    assert "review_note" in response.context["adminform"].form.errors
    skill.refresh_from_db()
    assert skill.status == Skill.Status.IN_REVIEW


def test_changelist_filters_by_review_state(publisher):
    SkillFactory(name="Waiting", status=Skill.Status.IN_REVIEW)
    SkillFactory(name="Live", status=Skill.Status.PUBLISHED)
    names = [
        s.name
        for s in publisher.get(CHANGELIST + "?status__exact=in_review").context["cl"].result_list
    ]
    assert names == ["Waiting"]


@pytest.mark.parametrize("status", ["in_review", "archived", "draft"])
def test_unpublished_states_are_not_public_but_staff_preview_them(client, status):
    skill = SkillFactory(status=status)
    assert client.get(skill.get_absolute_url()).status_code == 404
    client.force_login(make_editor("writer", can_publish=False))
    response = client.get(skill.get_absolute_url())
    assert response.status_code == 200
    assert "not public" in response.content.decode()


def test_api_patch_publishing_without_permission_is_403_naming_status():
    skill = SkillFactory(slug="mediation", status=Skill.Status.IN_REVIEW)
    client = api_as(make_editor("writer", can_publish=False, password="!"))
    response = client.patch(
        "/api/v1/skills/mediation/", {"status": "published", "summary": "New"}, format="json"
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "permission_denied"
    assert "publish" in body["errors"]["status"][0]
    skill.refresh_from_db()
    assert (skill.status, skill.summary) == ("in_review", skill.summary)


def test_api_create_as_published_without_permission_is_403():
    client = api_as(make_editor("writer", can_publish=False, password="!"))
    response = client.post(
        "/api/v1/skills/",
        {"name": "Mediation", "slug": "mediation", "status": "published"},
        format="json",
    )
    assert response.status_code == 403
    assert not Skill.objects.filter(slug="mediation").exists()


def test_api_editor_submits_for_review_and_publisher_publishes():
    SkillFactory(slug="mediation", status=Skill.Status.DRAFT)
    writer = api_as(make_editor("writer", can_publish=False, password="!"))
    url = "/api/v1/skills/mediation/"
    assert writer.patch(url, {"status": "in_review"}, format="json").status_code == 200
    publisher = api_as(make_editor("publisher", password="!"))
    assert publisher.patch(url, {"status": "published"}, format="json").status_code == 200
    assert Skill.objects.get(slug="mediation").status == "published"


def write_file(tmp_path, status):
    path = tmp_path / "skills.json"
    document = {
        "format": "skill-atlas-taxonomy",
        "version": 1,
        "skills": [{"slug": "mediation", "name": "Mediation", "status": status}],
    }
    path.write_text(json.dumps(document))
    return path


def test_import_for_an_account_without_permission_refuses_to_publish(tmp_path):
    make_editor("writer", can_publish=False)
    path = write_file(tmp_path, "published")
    with pytest.raises(CommandError) as failure:
        call_command("import_taxonomy", str(path), user="writer", verbosity=0)
    message = str(failure.value)
    assert "nothing was changed" in message
    assert "skills.json" in message and "'status'" in message
    assert "taxonomy.publish_skill" in message
    assert not Skill.objects.exists()


def test_import_for_an_account_without_permission_may_import_for_review(tmp_path):
    make_editor("writer", can_publish=False)
    call_command(
        "import_taxonomy", str(write_file(tmp_path, "in_review")), user="writer", verbosity=0
    )
    assert Skill.objects.get().status == "in_review"


def test_import_for_a_publisher_publishes(tmp_path):
    make_editor("publisher")
    call_command(
        "import_taxonomy", str(write_file(tmp_path, "published")), user="publisher", verbosity=0
    )
    assert Skill.objects.get().status == "published"


def test_esco_import_for_an_account_without_permission_refuses_published_status(tmp_path):
    make_editor("writer", can_publish=False)
    with pytest.raises(CommandError, match="publish_skill"):
        call_command("import_esco", str(tmp_path), user="writer", verbosity=0)
