"""Who may do what: every method on every endpoint for a visitor, a reader and an editor.

A reader is authenticated (token) but holds no model permission; an editor holds them all.
Read-only endpoints answer 405 to writes, but only once the caller is allowed to try.
"""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from rest_framework.test import APIClient

from .admin_login import log_into_admin
from .factories import CategoryFactory, InterviewQuestionFactory, JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db

NEW_SKILL = {"name": "Mediation", "slug": "new-skill", "aliases": ["ADR"]}
FULL_SKILL = {"name": "Renamed", "slug": "mediation", "status": "published"}

SKILL_CASES = [
    ("get", "/api/v1/skills/", None, (200, 200, 200)),
    ("post", "/api/v1/skills/", NEW_SKILL, (401, 403, 201)),
    ("get", "/api/v1/skills/mediation/", None, (200, 200, 200)),
    ("head", "/api/v1/skills/mediation/", None, (200, 200, 200)),
    ("options", "/api/v1/skills/mediation/", None, (200, 200, 200)),
    ("put", "/api/v1/skills/mediation/", FULL_SKILL, (401, 403, 200)),
    ("patch", "/api/v1/skills/mediation/", {"summary": "New"}, (401, 403, 200)),
    ("delete", "/api/v1/skills/mediation/", None, (401, 403, 204)),
    ("post", "/api/v1/skills/mediation/", NEW_SKILL, (401, 403, 405)),
    ("put", "/api/v1/skills/", FULL_SKILL, (401, 403, 405)),
]
READ_ONLY_CASES = [
    case
    for collection, item in [
        ("/api/v1/categories/", "/api/v1/categories/diplomacy/"),
        ("/api/v1/job-titles/", "/api/v1/job-titles/mediator/"),
        ("/api/v1/interview-questions/", "/api/v1/interview-questions/{question}/"),
    ]
    for case in [
        ("get", collection, None, (200, 200, 200)),
        ("post", collection, {"name": "x"}, (401, 403, 405)),
        ("get", item, None, (200, 200, 200)),
        ("put", item, {"name": "x"}, (401, 403, 405)),
        ("patch", item, {"name": "x"}, (401, 403, 405)),
        ("delete", item, None, (401, 403, 405)),
    ]
]
WHO = ["anonymous", "reader", "editor"]


@pytest.fixture
def content():
    skill = SkillFactory(slug="mediation", category=CategoryFactory(slug="diplomacy"))
    skill.job_titles.set([JobTitleFactory(slug="mediator")])
    return {"question": InterviewQuestionFactory(skill=skill).pk}


@pytest.mark.parametrize("who", range(3), ids=WHO)
@pytest.mark.parametrize(("method", "url", "data", "expected"), SKILL_CASES + READ_ONLY_CASES)
def test_permission_matrix(request, content, who, method, url, data, expected):
    client = request.getfixturevalue(["api_client", "reader_api_client", "editor_api_client"][who])

    response = getattr(client, method)(url.format(**content), data, format="json")

    assert response.status_code == expected[who]
    assert response.status_code < 300 or response.json()["status"] == expected[who]


def test_anonymous_write_is_told_how_to_authenticate(api_client, content):
    response = api_client.delete("/api/v1/skills/mediation/")

    assert response["WWW-Authenticate"] == "Token"


def test_session_write_without_csrf_token_is_refused(editor, content):
    client = log_into_admin(APIClient(enforce_csrf_checks=True), editor)

    response = client.patch("/api/v1/skills/mediation/", {"summary": "New"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_write_with_csrf_token_is_accepted(editor, content):
    client = log_into_admin(APIClient(enforce_csrf_checks=True), editor)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token

    response = client.patch(
        "/api/v1/skills/mediation/", {"summary": "New"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200


def test_editor_needs_the_delete_permission_to_delete(content):
    from .factories import make_editor, token_client

    editor = make_editor(username="no-delete")
    editor.user_permissions.remove(*editor.user_permissions.filter(codename="delete_skill"))
    client = token_client(editor)

    assert client.delete("/api/v1/skills/mediation/").status_code == 403
