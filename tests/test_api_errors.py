"""Bad requests get a JSON 4xx with a clear message, never a 500 and never an HTML page."""

import pytest
from django.core.cache import cache

from taxonomy.models import Skill

from .factories import SkillFactory

pytestmark = pytest.mark.django_db

SKILLS = "/api/v1/skills/"


def error(response):
    body = response.json()
    assert response["Content-Type"] == "application/json"
    assert body["status"] == response.status_code
    return body


def test_malformed_json_is_a_400(editor_api_client):
    response = editor_api_client.post(SKILLS, '{"name": ', content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in error(response)["detail"]


def test_deeply_nested_json_is_a_400(editor_api_client):
    body = "[" * 100_000 + "]" * 100_000

    response = editor_api_client.post(SKILLS, body, content_type="application/json")

    assert (response.status_code, error(response)["code"]) == (400, "parse_error")


def test_json_that_is_not_an_object_is_a_400(editor_api_client):
    response = editor_api_client.post(SKILLS, "[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert "non_field_errors" in error(response)["errors"]


def test_wrong_types_are_field_errors(editor_api_client):
    response = editor_api_client.post(
        SKILLS, {"name": ["not", "a", "string"], "slug": 7, "aliases": "ADR"}, format="json"
    )

    assert response.status_code == 400
    assert {"name", "aliases"} <= set(error(response)["errors"])


def test_null_character_is_a_field_error(editor_api_client):
    response = editor_api_client.post(SKILLS, {"name": "Bad\x00name", "slug": "bad"}, format="json")

    assert "name" in error(response)["errors"]


def test_body_over_the_upload_limit_is_a_413(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = editor_api_client.post(
        SKILLS, {"name": "x", "slug": "x", "definition": "y" * 2000}, format="json"
    )

    assert (response.status_code, error(response)["code"]) == (413, "payload_too_large")
    assert not Skill.objects.exists()


def test_form_encoded_body_is_a_415(editor_api_client):
    response = editor_api_client.post(
        SKILLS, "name=x", content_type="application/x-www-form-urlencoded"
    )

    assert error(response)["status"] == 415


def test_unknown_filters_are_ignored(api_client):
    SkillFactory()

    assert api_client.get(SKILLS, {"colour": "blue"}).json()["count"] == 1


def test_invalid_updated_since_is_a_field_error(api_client):
    response = api_client.get(SKILLS, {"updated_since": "last tuesday"})

    assert response.status_code == 400
    assert list(error(response)["errors"]) == ["updated_since"]


def test_updated_since_beyond_what_the_database_holds_is_a_field_error(api_client):
    response = api_client.get(SKILLS, {"updated_since": "9999-12-31T23:59:59-12:00"})

    assert list(error(response)["errors"]) == ["updated_since"]


def test_updated_since_with_an_offset_postgresql_cannot_hold_still_filters(api_client):
    SkillFactory()

    response = api_client.get(SKILLS, {"updated_since": "1585-12-16T02:51:44-18:05"})

    assert response.json()["count"] == 1


def test_invalid_status_filter_is_a_field_error(api_client):
    response = api_client.get(SKILLS, {"status": "secret"})

    assert list(error(response)["errors"]) == ["status"]


@pytest.mark.parametrize("page", ["99", "0", "-1"])
def test_page_out_of_range_is_a_404(api_client, page):
    response = api_client.get(SKILLS, {"page": page})

    assert (response.status_code, error(response)["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("page", "abc"),
        ("page", "1.5"),
        ("page", "last"),
        ("page_size", "lots"),
        ("page_size", "0"),
        ("page_size", "2.0"),
        ("page_size", "\u0663"),
    ],
)
def test_a_page_or_page_size_that_is_not_a_whole_number_is_a_field_error(api_client, name, value):
    SkillFactory.create_batch(21)

    response = api_client.get(SKILLS, {name: value})

    assert response.status_code == 400
    assert list(error(response)["errors"]) == [name]


@pytest.mark.parametrize("page", ["\x00", "1\x00"])
def test_a_nul_in_the_query_string_is_a_json_400(api_client, page):
    response = api_client.get(SKILLS, {"page": page})

    assert (response.status_code, error(response)["code"]) == (400, "invalid")
    assert list(error(response)["errors"]) == ["page"]


def test_unknown_skill_is_a_json_404(api_client):
    response = api_client.get(f"{SKILLS}no-such-skill/")

    assert error(response)["code"] == "not_found"


def test_unknown_api_path_is_a_json_404(api_client):
    response = api_client.get("/api/v1/no-such-endpoint/")

    assert (response.status_code, error(response)["code"]) == (404, "not_found")


def test_slug_with_characters_a_slug_cannot_hold_is_a_json_404(api_client):
    response = api_client.get("/api/v1/skills/%00%20bad/")

    assert error(response)["status"] == 404


def test_method_not_allowed_is_a_json_405(editor_api_client):
    SkillFactory(slug="mediation")

    response = editor_api_client.post(f"{SKILLS}mediation/", {}, format="json")

    assert (response.status_code, error(response)["code"]) == (405, "method_not_allowed")


def test_too_many_requests_is_a_json_429_with_retry_after(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "2/min"},
    }
    cache.clear()

    statuses = [api_client.get(SKILLS).status_code for _ in range(3)]
    response = api_client.get(SKILLS)

    assert statuses == [200, 200, 429]
    assert error(response)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_anonymous_clients_are_held_to_the_anonymous_rate_only(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "1/min"},
    }
    cache.clear()

    statuses = [api_client.get(SKILLS).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_authenticated_clients_have_their_own_rate(reader_api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/min", "user": "1/min"},
    }
    cache.clear()

    statuses = [reader_api_client.get(SKILLS).status_code for _ in range(2)]

    assert statuses == [200, 429]
