"""/healthz tells a load balancer whether the app can serve: 200 with a database, 503 without."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


@pytest.fixture
def unreachable_database(db):
    """Swap in a real connection to a database that is not there, then put the old one back."""
    working = connections[DEFAULT_DB_ALIAS]
    if working.vendor == "sqlite":
        missing = {"NAME": "/nonexistent-directory/skillatlas.sqlite3"}
    else:
        missing = {"HOST": "127.0.0.1", "PORT": "9"}  # the discard port: connection refused
    broken = type(working)({**working.settings_dict, **missing}, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = broken
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = working
        broken.close()


def test_healthz_is_503_with_a_reason_when_the_database_is_unreachable(
    client, unreachable_database
):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["reason"].startswith("The database did not answer")
