"""scripts/db_backup.sh: a PostgreSQL backup restores into a fresh database with the same
content, and the content check really notices a difference."""

import subprocess

import pytest
from django.db import connection

from taxonomy.models import Skill

from .conftest import ROOT
from .factories import InterviewQuestionFactory, SkillAliasFactory, SkillFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # pg_dump reads what is committed
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump: PostgreSQL only"),
]
SCRIPT = str(ROOT / "scripts" / "db_backup.sh")


def url(name=None):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{host}/{name or s['NAME']}"


def script(*args):
    return subprocess.run(  # noqa: S603 (our own script)
        [SCRIPT, *args], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def content():
    skill = SkillFactory(name="Négociation ß İ", definition="Line one\n\nLine two\x01")
    SkillAliasFactory(skill=skill, term="\u0130")
    InterviewQuestionFactory(skill=skill)
    return skill


@pytest.fixture
def scratch():
    name = f"{connection.settings_dict['NAME']}_scratch"
    drop = f'DROP DATABASE IF EXISTS "{name}"'
    subprocess.run(["psql", url("postgres"), "-qc", drop], check=True)  # noqa: S603, S607
    yield name
    subprocess.run(["psql", url("postgres"), "-qc", drop], check=True)  # noqa: S603, S607


def test_verify_dumps_restores_into_a_fresh_database_and_finds_the_same_content(content):
    result = script("verify", url())
    assert result.returncode == 0, result.stderr
    assert "content matches" in result.stdout


def test_restore_refuses_an_existing_database_and_compare_notices_a_change(
    content, scratch, tmp_path
):
    backup = str(tmp_path / "atlas.dump")
    assert script("dump", url(), backup).returncode == 0
    assert script("restore", backup, url(scratch)).returncode == 0
    assert script("compare", url(), url(scratch)).returncode == 0

    again = script("restore", backup, url(scratch))
    assert again.returncode == 2 and "already exists" in again.stderr

    Skill.objects.filter(pk=content.pk).update(summary="Changed after the backup")
    differs = script("compare", url(), url(scratch))
    assert differs.returncode == 1
    assert "taxonomy_skill" in differs.stdout
