"""No lost updates: detail ETags, 304 for an unchanged If-None-Match, 412 for a stale If-Match."""

import pytest

from taxonomy.models import Skill

from .factories import SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/skills/mediation/"


@pytest.fixture
def skill():
    return SkillFactory(slug="mediation", summary="Original")


def test_detail_carries_an_etag(api_client, skill):
    assert api_client.get(URL)["ETag"].startswith('"')


def test_unchanged_skill_answers_304_to_if_none_match(api_client, skill):
    etag = api_client.get(URL)["ETag"]

    response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", etag)


def test_changed_skill_answers_200_to_an_old_if_none_match(api_client, skill):
    etag = api_client.get(URL)["ETag"]
    SkillAliasFactory(skill=skill, term="ADR")

    response = api_client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_write_with_current_if_match_succeeds(editor_api_client, skill):
    etag = editor_api_client.get(URL)["ETag"]

    response = editor_api_client.patch(URL, {"summary": "Mine"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_write_response_etag_matches_a_fresh_read(editor_api_client, skill):
    written = editor_api_client.patch(URL, {"summary": "Mine"}, format="json")

    assert editor_api_client.get(URL)["ETag"] == written["ETag"]


@pytest.mark.parametrize(
    ("method", "data"),
    [
        ("patch", {"summary": "Lost update"}),
        ("put", {"name": "Lost", "slug": "mediation", "summary": "Lost update"}),
        ("delete", None),
    ],
)
def test_stale_if_match_is_refused_with_412_and_nothing_changes(
    editor_api_client, skill, method, data
):
    stale = editor_api_client.get(URL)["ETag"]
    editor_api_client.patch(URL, {"summary": "Someone else's change"}, format="json")

    response = getattr(editor_api_client, method)(URL, data, format="json", HTTP_IF_MATCH=stale)

    assert (response.status_code, response.json()["code"]) == (412, "precondition_failed")
    assert Skill.objects.get().summary == "Someone else's change"
