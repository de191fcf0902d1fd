from pathlib import Path

import pytest

from .factories import make_editor

ROOT = Path(__file__).resolve().parent.parent
DEMO_FIXTURES = ROOT / "fixtures" / "demo.json"
SEED = ROOT.parent / "shared" / "seed" / "track_one_diplomacy.txt"


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
    client.force_login(editor)
    return client


@pytest.fixture
def demo_data(db):
    """The demo fixtures, loaded through the same command `make run` uses."""
    from django.core.management import call_command

    call_command("import_taxonomy", str(DEMO_FIXTURES), verbosity=0)
