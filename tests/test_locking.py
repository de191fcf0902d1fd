"""Two editors on one skill: the second save is refused instead of overwriting the first."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taxonomy.models import Skill

from .admin_forms import skill_change_data
from .admin_login import log_into_admin
from .factories import SkillFactory, make_editor

pytestmark = pytest.mark.django_db


def editor_session(username):
    return log_into_admin(Client(), make_editor(username))


def open_form(client, skill):
    """What the editor's browser holds after opening the change page."""
    html = client.get(reverse("admin:taxonomy_skill_change", args=[skill.pk])).text
    seen = re.search(r'name="seen_updated" value="([^"]*)"', html).group(1)
    return skill_change_data(skill, seen_updated=seen)


def save(client, skill, data, **changes):
    return client.post(reverse("admin:taxonomy_skill_change", args=[skill.pk]), {**data, **changes})


@pytest.fixture
def two_editors_on_one_skill():
    skill = SkillFactory(summary="The original summary.")
    ada, bob = editor_session("ada"), editor_session("bob")
    ada_form, bob_form = open_form(ada, skill), open_form(bob, skill)
    assert save(ada, skill, ada_form, summary="Ada's summary.").status_code == 302
    return skill, bob, bob_form


def test_second_save_of_a_stale_form_is_refused(two_editors_on_one_skill):
    skill, bob, bob_form = two_editors_on_one_skill
    response = save(bob, skill, bob_form, summary="Bob's summary.")
    assert response.status_code == 200
    skill.refresh_from_db()
    assert skill.summary == "Ada's summary."


def test_refusal_says_when_the_other_save_happened_and_what_to_do(two_editors_on_one_skill):
    skill, bob, bob_form = two_editors_on_one_skill
    response = save(bob, skill, bob_form, summary="Bob's summary.")
    saved_at = timezone.localtime(Skill.objects.get(pk=skill.pk).updated)
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert f"Someone else saved this skill at {saved_at:%H:%M}" in errors
    assert "open this page in a new tab" in errors


def test_refused_form_keeps_what_the_editor_typed(two_editors_on_one_skill):
    skill, bob, bob_form = two_editors_on_one_skill
    response = save(bob, skill, bob_form, summary="Bob's summary.")
    assert 'value="Bob&#x27;s summary."' in response.text


def test_saving_an_up_to_date_form_succeeds():
    skill = SkillFactory()
    ada = editor_session("ada")
    first = save(ada, skill, open_form(ada, skill), summary="First edit.")
    second = save(ada, skill, open_form(ada, skill), summary="Second edit.")
    assert (first.status_code, second.status_code) == (302, 302)
    skill.refresh_from_db()
    assert skill.summary == "Second edit."


def test_bulk_publish_in_between_also_counts_as_a_save():
    skill = SkillFactory(status=Skill.Status.DRAFT)
    ada, bob = editor_session("ada"), editor_session("bob")
    bob_form = open_form(bob, skill)
    ada.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "publish", "_selected_action": [str(skill.pk)]},
    )
    response = save(bob, skill, bob_form, summary="Bob's summary.")
    assert response.status_code == 200
    assert Skill.objects.get(pk=skill.pk).status == Skill.Status.PUBLISHED
