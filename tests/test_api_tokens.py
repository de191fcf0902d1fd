"""API tokens: stored hashed, expiring, read-only or read-write; issued with the key shown once."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from taxonomy.models import Skill

from .admin_login import log_into_admin
from .factories import SkillFactory, make_editor, token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/skills/mediation/"


@pytest.fixture
def skill():
    return SkillFactory(slug="mediation", summary="Before.")


def with_key(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_key_is_not_stored_anywhere_only_its_digest():
    token, key = ApiToken.issue(make_editor(), name="sync")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        row = cursor.fetchone()
    assert key not in [str(value) for value in row]
    assert token.digest != key and len(token.digest) == 64
    assert token.prefix == key[:8]


def test_read_write_token_of_an_editor_writes(skill):
    response = token_client(make_editor()).patch(URL, {"summary": "After."}, format="json")
    assert response.status_code == 200
    skill.refresh_from_db()
    assert skill.summary == "After."


def test_read_only_token_reads_but_cannot_write_even_for_an_editor(skill):
    client = token_client(make_editor(), scope=ApiToken.Scope.READ)
    assert client.get(URL).status_code == 200
    response = client.patch(URL, {"summary": "After."}, format="json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    assert client.delete(URL).status_code == 403
    skill.refresh_from_db()
    assert skill.summary == "Before."


def test_read_only_token_may_use_the_endpoints_that_write_nothing(skill):
    client = token_client(make_editor(), scope=ApiToken.Scope.READ)
    response = client.post("/api/v1/extract/", {"text": "We need mediation."}, format="json")
    assert response.status_code == 200


def test_expired_token_is_refused_with_a_reason(skill):
    token, key = ApiToken.issue(make_editor(), name="old", scope="write")
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(minutes=1))
    response = with_key(key).patch(URL, {"summary": "After."}, format="json")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert with_key(key).get("/api/v1/skills/").status_code == 401


def test_unknown_key_is_refused(skill):
    response = with_key("not-a-real-key").get(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."


def test_token_of_a_disabled_account_is_refused(skill):
    user = make_editor()
    _, key = ApiToken.issue(user, name="x", scope="write")
    user.is_active = False
    user.save()
    assert with_key(key).get(URL).status_code == 401


def test_command_issues_a_token_and_prints_its_key_once(skill):
    make_editor("script")
    out = io.StringIO()
    call_command(
        "issue_api_token",
        "script",
        name="ATS sync",
        scope="write",
        days=30,
        stdout=out,
        stderr=io.StringIO(),
    )
    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.name, token.scope) == ("ATS sync", "write")
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    assert with_key(key).patch(URL, {"summary": "After."}, format="json").status_code == 200


def test_command_names_an_unknown_account():
    with pytest.raises(CommandError, match="nobody"):
        call_command("issue_api_token", "nobody", name="x")


def test_admin_issues_a_token_showing_the_key_once(client, skill):
    admin_user = make_editor("boss", is_superuser=True)
    log_into_admin(client, admin_user)
    expires = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%d")
    response = client.post(
        reverse("admin:api_apitoken_add"),
        {
            "user": str(admin_user.pk),
            "name": "Sourcing tool",
            "scope": "read",
            "expires_0": expires,
            "expires_1": "12:00:00",
        },
    )
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert with_key(key).get(URL).status_code == 200
    listing = client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    assert "Sourcing tool" in listing and key not in listing
    assert Skill.objects.count() == 1
