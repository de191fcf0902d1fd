"""Real Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Missing Chromium skips these tests locally; with REQUIRE_BROWSER=1 (CI) it fails them.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.views.static import serve

from ..admin_login import log_into_admin

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# to touch the database from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def unavailable(reason):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and REQUIRE_BROWSER=1 makes that a failure.", pytrace=False)
    pytest.skip(f"{reason}; browser tests skipped (set REQUIRE_BROWSER=1 to fail instead).")


class CollectedStaticFilesHandler(StaticFilesHandler):
    """Serves STATIC_ROOT, as whitenoise does in production, so hashed file names resolve."""

    def serve(self, request):
        return serve(request, self.file_path(request.path), document_root=settings.STATIC_ROOT)


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, serving the collected (hashed) static files."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = CollectedStaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session: starting it is the slow part."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    # Playwright runs an event loop in this thread, and Django keeps one set of connections per
    # context: the connection opened before it would stay open, unreachable, to the end, and
    # keep the test database from being dropped. Close both sets on the way in and out.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def staff_page(context, client, editor, live_server):
    """A page whose browser carries a logged-in editor's session cookie."""
    log_into_admin(client, editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return context.new_page()
