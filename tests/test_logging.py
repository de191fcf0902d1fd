"""LOG_FORMAT=json: one JSON line per request with method, path, status and duration."""

import json
import logging
import os
import subprocess
import sys
import textwrap

from ops.request_log import JsonFormatter

from .conftest import ROOT

# Two requests that need no database, served through Django's real WSGI handler.
SERVE_TWO_REQUESTS = textwrap.dedent(
    """
    from wsgiref.util import setup_testing_defaults
    import django
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()
    for path in ("/robots.txt", "/no-such-page/"):
        environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
        setup_testing_defaults(environ)
        app(environ, lambda status, headers: None).close()
    """
)


def logged_lines(log_format):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_SECONDS": "0",
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", str(ROOT / "staticfiles")),
        "DATABASE_URL": "sqlite:////tmp/skillatlas-logging-test-unused.sqlite3",
        "LOG_FORMAT": log_format,
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SERVE_TWO_REQUESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def request_records(lines):
    records = [json.loads(line) for line in lines]
    return [r for r in records if r["logger"] == "ops.requests"]


def test_json_log_has_one_line_per_request():
    records = request_records(logged_lines("json"))
    assert [(r["method"], r["path"], r["status"]) for r in records] == [
        ("GET", "/robots.txt", 200),
        ("GET", "/no-such-page/", 404),
    ]


def test_json_request_line_carries_its_duration_in_milliseconds():
    record = request_records(logged_lines("json"))[0]
    assert isinstance(record["duration_ms"], float)
    assert record["duration_ms"] >= 0


def test_request_lines_are_off_unless_configured():
    assert not any("/robots.txt" in line for line in logged_lines("text"))


def test_json_formatter_keeps_an_exception_on_the_same_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_every_record_of_a_request_carries_its_request_id():
    records = [json.loads(line) for line in logged_lines("json")]
    requests = [r for r in records if r["logger"] == "ops.requests"]
    warning = next(r for r in records if r["message"] == "Not Found: /no-such-page/")
    assert len({r["request_id"] for r in requests}) == 2
    assert warning["request_id"] == requests[1]["request_id"]
    assert len(warning["request_id"]) == 32
