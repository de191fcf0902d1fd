"""When the database is down the site answers 503 politely, and it recovers by itself.

The outage is real, not mocked: a separate Django process is pointed at a database that
cannot be reached (a closed port, or an SQLite file in a missing folder), so our own
middleware meets the OperationalError the driver really raises.
"""

import json
import os
import socket
import subprocess
import sys
import textwrap
import threading

import pytest
from django.db import connection

from .conftest import ROOT

# Requests served by a separate Django process through its real WSGI handler (unlike the
# test client, it opens and closes connections the way gunicorn does); prints one JSON object
# per response.
CLIENT_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from wsgiref.util import setup_testing_defaults

    import django
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()

    def get(path):
        path, _, query = path.partition("?")
        environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        seen = {}
        def start_response(status, headers):
            seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)
        response = app(environ, start_response)
        body = b"".join(response)
        response.close()
        return {
            "path": path + ("?" + query if query else ""),
            "status": seen["status"],
            "type": seen["headers"].get("Content-Type", ""),
            "retry_after": seen["headers"].get("Retry-After"),
            "request_id": seen["headers"].get("X-Request-ID"),
            "body": body.decode(),
        }

    for step in json.loads(sys.argv[1]):
        if "reconnect_to" in step:  # the database is back, at these settings
            connection.close()
            connection.settings_dict.update(step["reconnect_to"])
        elif "terminate_own_backend" in step:  # the server drops our persistent connection
            import psycopg2
            admin = psycopg2.connect(**step["terminate_own_backend"])
            admin.autocommit = True
            admin.cursor().execute(
                "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
            )
            admin.close()
        else:
            print(json.dumps(get(step["get"])))
    """
)


def unreachable_database_url(tmp_path):
    if connection.vendor == "postgresql":
        return "postgres://postgres@127.0.0.1:1/skillatlas_unreachable"
    return f"sqlite:///{tmp_path}/missing-folder/db.sqlite3"


def run_client(steps, database_url, timeout=60, **env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_SECONDS": "0",
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", str(ROOT / "staticfiles")),
        "DATABASE_URL": database_url,
        **env,
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", CLIENT_SCRIPT, json.dumps(steps)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def outage(tmp_path_factory):
    """Responses of a site whose database is unreachable, by path."""
    tmp_path = tmp_path_factory.mktemp("outage")
    paths = ("/skills/", "/", "/api/v1/skills/", "/healthz", "/search/suggest/?q=data")
    steps = [{"get": path} for path in paths]
    responses = run_client(steps, unreachable_database_url(tmp_path))
    return {r["path"]: r for r in responses}


@pytest.mark.django_db
def test_pages_answer_503_with_a_friendly_page_when_the_database_is_down(outage):
    for path in ("/skills/", "/"):
        response = outage[path]
        assert response["status"] == 503
        assert "text/html" in response["type"]
        assert "Back in a moment" in response["body"]
        assert "Skill Atlas cannot reach its database" in response["body"]


@pytest.mark.django_db
def test_outage_page_keeps_the_site_design(outage):
    body = outage["/skills/"]["body"]
    assert '<link rel="stylesheet"' in body
    assert 'href="/skills/"' in body  # the site's own navigation


@pytest.mark.django_db
def test_api_answers_503_in_json_when_the_database_is_down(outage):
    response = outage["/api/v1/skills/"]
    assert response["status"] == 503
    assert response["type"] == "application/json"
    assert "database" in json.loads(response["body"])["detail"]


@pytest.mark.django_db
def test_outage_responses_say_when_to_retry(outage):
    assert outage["/skills/"]["retry_after"] == outage["/api/v1/skills/"]["retry_after"] == "15"


@pytest.mark.django_db
def test_autocomplete_answers_its_script_in_json_during_an_outage(outage):
    response = outage["/search/suggest/?q=data"]
    assert (response["status"], response["type"]) == (503, "application/json")
    assert json.loads(response["body"])["code"] == "database_unavailable"


@pytest.mark.django_db
def test_outage_page_and_json_name_the_request_id_the_log_carries(outage):
    page, api = outage["/skills/"], outage["/api/v1/skills/"]
    assert page["request_id"] and page["request_id"] in page["body"]
    assert json.loads(api["body"])["request_id"] == api["request_id"]


@pytest.mark.django_db
def test_healthz_says_the_database_is_why(outage):
    response = outage["/healthz"]
    assert response["status"] == 503
    assert "database" in json.loads(response["body"])["reason"]


def reachable_settings(tmp_path):
    """Connection settings of a database that answers (health checks need no tables)."""
    if connection.vendor == "postgresql":
        return {
            "NAME": "postgres",
            "HOST": connection.settings_dict["HOST"] or "127.0.0.1",
            "PORT": connection.settings_dict["PORT"] or 5432,
        }
    return {"NAME": str(tmp_path / "back.sqlite3")}


@pytest.mark.django_db
def test_site_recovers_without_restart_when_the_database_comes_back(tmp_path):
    steps = [
        {"get": "/healthz"},
        {"reconnect_to": reachable_settings(tmp_path)},
        {"get": "/healthz"},
    ]
    before, after = run_client(steps, unreachable_database_url(tmp_path), CONN_MAX_AGE="60")
    assert (before["status"], after["status"]) == (503, 200)


@pytest.mark.django_db
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="persistent connections dropped by the server: PostgreSQL only",
)
def test_dropped_persistent_connection_is_replaced_without_an_error():
    settings = connection.settings_dict
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "dbname": "postgres",
    }
    steps = [{"get": "/healthz"}, {"terminate_own_backend": server}, {"get": "/healthz"}]
    url = f"postgres://{server['user']}@{server['host']}:{server['port']}/postgres"
    responses = run_client(steps, url, CONN_MAX_AGE="60")
    assert [r["status"] for r in responses] == [200, 200]


@pytest.fixture
def silent_database():
    """A TCP listener that accepts connections and never says a word (a hung database host)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgres://postgres@127.0.0.1:{listener.getsockname()[1]}/skillatlas_silent"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    listener.close()


@pytest.mark.django_db
def test_a_database_that_never_answers_is_a_503_not_a_hang(silent_database):
    """Without a connect timeout libpq waits forever and the client process times out."""
    steps = [{"get": "/skills/"}, {"get": "/api/v1/skills/"}, {"get": "/healthz"}]
    page, api, health = run_client(steps, silent_database, timeout=45, DB_CONNECT_TIMEOUT="2")
    assert (page["status"], api["status"], health["status"]) == (503, 503, 503)
    assert page["retry_after"] == "15"
    assert json.loads(health["body"])["reason"] == (
        "The database did not answer within 2 s (DB_CONNECT_TIMEOUT)."
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout: PostgreSQL")
def test_a_query_stuck_behind_a_lock_is_cancelled_and_answers_503():
    """Another session holds the skills table; the page's query gives up after the limit."""
    import psycopg2

    settings = connection.settings_dict
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "dbname": settings["NAME"],
    }
    blocker = psycopg2.connect(**server)
    try:
        blocker.cursor().execute("LOCK TABLE taxonomy_skill IN ACCESS EXCLUSIVE MODE")
        url = f"postgres://{server['user']}@{server['host']}:{server['port']}/{server['dbname']}"
        (page,) = run_client([{"get": "/skills/"}], url, timeout=45, DB_STATEMENT_TIMEOUT="1")
    finally:
        blocker.rollback()
        blocker.close()
    assert page["status"] == 503


@pytest.mark.django_db
def test_after_a_connect_timeout_requests_are_answered_at_once_for_a_while(client, settings):
    """Queued requests do not each wait out a timeout; /healthz keeps asking the database."""
    from django.db import OperationalError

    from ops.outage import Unreachable

    settings.DB_UNREACHABLE_HOLD = 60
    Unreachable.note(OperationalError("connection to server failed: timeout expired"))
    try:
        page, api = client.get("/skills/"), client.get("/api/v1/skills/")
        health = client.get("/healthz")
    finally:
        Unreachable.until = 0.0
    assert (page.status_code, api.status_code) == (503, 503)
    assert api.json()["code"] == "database_unavailable"
    assert health.status_code == 200
    assert client.get("/skills/").status_code == 200
