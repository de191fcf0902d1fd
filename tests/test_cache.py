"""Anonymous reads come from the cache; any editor write shows at once."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from taxonomy.changes import content_changed
from taxonomy.file_format import export_document
from taxonomy.models import Skill

from .admin_login import log_into_admin
from .factories import SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CACHE_SECONDS = 60


@pytest.fixture
def skill():
    return SkillFactory(slug="negotiation", summary="Reaching agreement.")


def page(client, skill):
    return client.get(skill.get_absolute_url())


def test_repeat_visit_is_served_without_touching_the_database(
    client, skill, django_assert_num_queries
):
    page(client, skill)
    with django_assert_num_queries(0):
        response = page(client, skill)
    assert response.status_code == 200
    assert "Reaching agreement." in response.text


def test_api_read_is_served_from_the_cache(client, skill, django_assert_num_queries):
    url = reverse("api:skill-detail", args=[skill.slug])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.json() == first.json()


def test_saved_edit_shows_on_the_next_visit(client, skill):
    page(client, skill)
    skill.summary = "Reaching a better agreement."
    skill.save()
    content_changed(skills=[skill])  # what every write path does after writing
    assert "Reaching a better agreement." in page(client, skill).text


def test_related_skill_link_shows_on_the_next_visit(client, skill):
    page(client, skill)
    skill.related.add(SkillFactory(name="Mediation"))
    content_changed(skills=[skill])
    assert "Mediation" in page(client, skill).text


def test_api_write_shows_on_the_next_visit(client, editor_api_client, skill):
    url = reverse("api:skill-detail", args=[skill.slug])
    client.get(url)
    editor_api_client.patch(url, {"summary": "Written through the API."}, format="json")
    assert client.get(url).json()["summary"] == "Written through the API."


def test_admin_bulk_archive_hides_the_page_at_once(skill, editor):
    visitor, staff = Client(), log_into_admin(Client(), editor)
    assert page(visitor, skill).status_code == 200  # now cached for the visitor
    staff.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "archive", "_selected_action": [str(skill.pk)]},
    )
    assert page(visitor, skill).status_code == 404


def test_import_shows_at_once(client, skill, tmp_path):
    page(client, skill)
    document = export_document()
    document["skills"][0]["summary"] = "Imported summary."
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(document))
    call_command("import_taxonomy", str(path), verbosity=0)
    assert "Imported summary." in page(client, skill).text


def test_staff_draft_preview_is_never_served_to_visitors(client, editor_client):
    draft = SkillFactory(status=Skill.Status.DRAFT)
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_visitor_page_is_not_served_to_a_logged_in_editor(client, editor, skill):
    page(client, skill)
    client.force_login(editor)
    assert "X-Page-Cache" not in page(client, skill).headers


def test_cached_page_carries_a_fresh_csp_nonce_matching_its_header(client, skill):
    page(client, skill)
    nonces = set()
    for _ in range(2):
        response = page(client, skill)
        assert response.headers["X-Page-Cache"] == "hit"
        header = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        assert f'nonce="{header}"' in response.text
        nonces.add(header)
    assert len(nonces) == 2


def test_zero_cache_seconds_turns_caching_off(client, skill, settings):
    settings.CACHE_SECONDS = 0
    page(client, skill)
    Skill.objects.filter(pk=skill.pk).update(summary="Changed behind the cache's back.")
    assert "Changed behind the cache" in page(client, skill).text


def test_cached_page_answers_a_current_etag_with_not_modified(
    client, skill, django_assert_num_queries
):
    etag = page(client, skill).headers["ETag"]
    with django_assert_num_queries(0):
        response = client.get(skill.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 304
