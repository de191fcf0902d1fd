"""Production safety: deploy checks, security headers, secure cookies, login lockout."""

import os
import secrets
import subprocess
import sys

import pytest

from .conftest import ROOT
from .factories import UserFactory

PASSWORD = "correct horse battery staple"


def production_env(**extra):
    """The environment a production deploy runs with: no DEBUG, a long random key."""
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "atlas.example.com",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/unused.sqlite3"),
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", "/tmp/static"),
    }
    env.update(extra)
    return env


def run_deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_reports_nothing_with_production_settings():
    result = run_deploy_check(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_needs_no_database():
    """A deploy checks its settings before the database is reachable (a build step, a new host)."""
    absent = "postgres://postgres@127.0.0.1:9/no-database-here"
    result = run_deploy_check(production_env(DATABASE_URL=absent, DB_CONNECT_TIMEOUT="2"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_flags_hsts_switched_off():
    result = run_deploy_check(production_env(SECURE_HSTS_SECONDS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/skills/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_pages_forbid_framing_sniffing_and_leaking_the_referrer(client):
    headers = client.get("/skills/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_responses_carry_hsts_for_the_configured_time(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    hsts = client.get("/skills/", secure=True).headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000; includeSubDomains")


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/skills/")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/skills/"


@pytest.mark.django_db
def test_forwarded_https_from_the_proxy_is_trusted_when_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/skills/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_login_cookies_are_secure_and_hidden_from_scripts(client, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    UserFactory(username="ada", is_staff=True)
    csrf = client.get("/admin/login/", secure=True).cookies["csrftoken"]
    login = client.post(
        "/admin/login/", {"username": "ada", "password": PASSWORD}, secure=True
    ).cookies["sessionid"]
    for cookie in (csrf, login):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True


def admin_login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "ada", "password": password})


@pytest.fixture
def lockout(db, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="ada", is_staff=True)


def test_admin_login_locks_out_after_repeated_failures(client, lockout):
    for _ in range(3):
        admin_login(client, "wrong password")
    response = admin_login(client, PASSWORD)
    assert response.status_code == 429
    assert b"too many login attempts" in response.content.lower()
    assert "_auth_user_id" not in client.session


def test_admin_login_still_works_below_the_failure_limit(client, lockout):
    for _ in range(2):
        admin_login(client, "wrong password")
    response = admin_login(client, PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_lockout_behind_a_proxy_is_per_visitor_not_per_proxy(client, lockout, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"x-forwarded-for": "203.0.113.9"}
    for _ in range(3):
        client.post("/admin/login/", {"username": "ada", "password": "wrong"}, headers=attacker)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "ada", "password": PASSWORD},
        headers={"x-forwarded-for": "198.51.100.7"},
    )
    assert response.status_code == 302


def test_spoofed_forwarded_for_entries_do_not_dodge_the_lockout(client, lockout, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(3):
        client.post(
            "/admin/login/",
            {"username": "ada", "password": "wrong"},
            headers={"x-forwarded-for": f"10.0.0.{attempt}, 203.0.113.9"},
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "ada", "password": PASSWORD},
        headers={"x-forwarded-for": "10.9.9.9, 203.0.113.9"},
    )
    assert response.status_code == 429
