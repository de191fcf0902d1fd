from pathlib import Path

import pytest

from .admin_login import log_into_admin
from .factories import make_editor

ROOT = Path(__file__).resolve().parent.parent
# The curated content `make run` loads: every taxonomy file in fixtures/, imported together.
CONTENT_FIXTURES = sorted(str(path) for path in (ROOT / "fixtures").glob("*.json"))
SEED = ROOT.parent / "shared" / "seed" / "track_one_diplomacy.txt"


@pytest.fixture(scope="session", autouse=True)
def plain_http_test_settings():
    """Tests talk plain HTTP to a fresh database on every request, whatever DEBUG says.

    Production defaults redirect to HTTPS, mark cookies Secure, cache pages and lock out
    repeated logins; tests that check those turn them back on with the ``settings`` fixture.
    """
    from django.test import override_settings

    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        CACHE_SECONDS=0,
        AXES_ENABLED=False,
    ):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """No test sees pages, lockouts or throttle counts another test left in the cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fresh_meaning_vectors():
    """Each process keeps the skill vectors in memory and asks only for newer rows; a rolled-back
    test can leave it holding rows the database no longer has (a real server never sees another
    transaction's uncommitted rows), so every test starts from what the database holds."""
    from search.meaning import forget_vectors

    forget_vectors()


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    """Tests use production static storage (hashed, compressed), so collect it once."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    return log_into_admin(client, editor)


@pytest.fixture
def demo_data(db):
    """The curated content, loaded through the same command `make run` uses."""
    from django.core.management import call_command

    call_command("import_taxonomy", *CONTENT_FIXTURES, verbosity=0)


@pytest.fixture
def api_client():
    """An anonymous REST client."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def reader_api_client(db):
    """Authenticated by token, holding no model permission: reads like a visitor."""
    from .factories import UserFactory, token_client

    # token only; "!" is an unusable password, no slow hashing
    return token_client(UserFactory(password="!"), scope="read")


@pytest.fixture
def editor_api_client(db):
    """Authenticated by token as an editor holding every taxonomy and interviews permission."""
    from .factories import token_client

    return token_client(make_editor(username="api-editor", password="!"))
