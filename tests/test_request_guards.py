"""Requests no view can answer sensibly are refused up front with a clear 4xx, never a 500:
a NUL in a filter, a charset that is no text encoding, TRACE. Also the API throttle's idea of
a client, HEAD on /healthz, the lockout's Retry-After and the request id on error answers."""

import json
import logging

import pytest
from django.urls import path

from ops.db_timeouts import with_timeouts

from .factories import SkillFactory, make_editor

SKILLS = "/api/v1/skills/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/skills/?category=%00",
        "/skills/?letter=%00",
        "/search/?q=%00",
        "/api/v1/skills/?category=%00",
        "/api/v1/skills/?job_title=a%00b",
        "/api/v1/interview-questions/?skill=%00",
    ],
)
def test_a_nul_in_a_filter_is_a_400(client, url):
    SkillFactory()
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_a_nul_in_an_admin_filter_is_a_400(client):
    client.force_login(make_editor())
    assert client.get("/admin/taxonomy/skill/?status__exact=%00").status_code == 400
    assert client.get("/admin/taxonomy/skill/?q=%00").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib_codec"])
def test_a_charset_that_is_no_text_encoding_is_a_415(editor_api_client, charset):
    response = editor_api_client.generic(
        "POST",
        SKILLS,
        json.dumps({"slug": "s", "name": "S"}),
        content_type=f"application/json; charset={charset}",
    )
    assert (response.status_code, response.json()["code"]) == (415, "unsupported_media_type")


@pytest.mark.django_db
def test_a_latin1_body_is_still_read(editor_api_client):
    response = editor_api_client.generic(
        "POST",
        SKILLS,
        json.dumps({"slug": "cafe", "name": "Café"}, ensure_ascii=False).encode("latin-1"),
        content_type="application/json; charset=latin-1",
    )
    assert response.status_code == 201
    assert response.json()["name"] == "Café"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/suggest/?q=da", "/sitemap.xml", "/", SKILLS])
@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
def test_trace_is_not_allowed(client, url, method):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]


@pytest.mark.django_db
def test_healthz_answers_head(client):
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.django_db
def test_spoofed_forwarded_for_does_not_dodge_the_anonymous_throttle(api_client, settings):
    """Before: a new X-Forwarded-For per request was a new client (130 of 130 got 200)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "5/min",
        },
    }
    statuses = [
        api_client.get(SKILLS, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_has_their_own_rate(api_client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/min",
        },
    }

    def get(chain):
        return api_client.get(SKILLS, HTTP_X_FORWARDED_FOR=chain).status_code

    # The proxy appends the address it saw; what the client wrote to the left is ignored.
    assert [get(f"10.0.0.{i}, 203.0.113.9") for i in range(3)] == [200, 200, 429]
    assert get("198.51.100.7") == 200


@pytest.mark.django_db
def test_the_login_lockout_says_when_to_retry(client, settings):
    from .factories import UserFactory

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = 0.5
    UserFactory(username="ada", is_staff=True)
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "ada", "password": "wrong"})
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert b"too many login attempts" in response.content.lower()


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("api/v1/boom/", boom), path("boom/", boom)]
handler500 = "ops.error_pages.server_error"


@pytest.fixture
def failing_site(settings, client):
    """The real site plus one view that fails, to see the 500 answers."""
    from config import urls as site_urls

    settings.ROOT_URLCONF = __name__
    urlpatterns[2:] = site_urls.urlpatterns
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_a_500_page_names_the_request_id_that_the_log_carries(failing_site, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_site.get("/boom/", HTTP_X_REQUEST_ID="proxy-id-123")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "proxy-id-123"
    assert "proxy-id-123" in response.content.decode()
    assert "a bug" not in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.request.request_id == "proxy-id-123"


@pytest.mark.django_db
def test_an_api_500_is_json_with_the_request_id(failing_site):
    response = failing_site.get("/api/v1/boom/")
    assert response.status_code == 500
    body = response.json()
    assert (body["code"], body["request_id"]) == ("server_error", response["X-Request-ID"])


@pytest.mark.django_db
def test_api_errors_carry_the_request_id(api_client):
    response = api_client.get(f"{SKILLS}no-such-skill/", HTTP_X_REQUEST_ID="bad id with spaces")
    assert len(response["X-Request-ID"]) == 32  # an unusable offered id is replaced
    assert response.json()["request_id"] == response["X-Request-ID"]


def test_database_time_limits_come_from_settings():
    database = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c x=1"}}
    options = with_timeouts(database, 3, 2.5)["OPTIONS"]
    assert options == {"connect_timeout": 3, "options": "-c x=1 -c statement_timeout=2500"}
    assert "options" not in with_timeouts(database | {"OPTIONS": {}}, 1, 0)["OPTIONS"]
    assert with_timeouts(database, 1, 0)["OPTIONS"]["connect_timeout"] == 2  # libpq's minimum
    sqlite = {"ENGINE": "django.db.backends.sqlite3"}
    assert with_timeouts(sqlite, 3, 20) == sqlite


def test_the_schema_says_reads_need_no_credentials_and_writes_do():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    reads = [(p, op) for p, m, op in operations if m == "get" and not p.endswith("/history/")]
    assert reads and all({} in op["security"] for _, op in reads)
    history = [op for p, m, op in operations if p.endswith("/history/")]
    assert history and all({} not in op["security"] for op in history)  # editors only
    writes = [(p, op) for p, m, op in operations if p.startswith("/api/v1/skills")]
    assert all(
        {} not in op["security"]
        for p, op in writes
        if op["operationId"].endswith(("create", "update", "destroy"))
    )


def test_gunicorn_has_no_shared_control_socket_and_does_not_churn_workers(monkeypatch):
    import importlib

    from config import gunicorn

    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    config = importlib.reload(gunicorn)
    assert config.control_socket_disable is True
    assert config.max_requests >= 50_000
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/skillatlas/a.ctl")
    config = importlib.reload(gunicorn)
    assert (config.control_socket, config.control_socket_disable) == (
        "/run/skillatlas/a.ctl",
        False,
    )
