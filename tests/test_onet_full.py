"""The full O*NET copy in ../shared/data/onet imports with the counts its files hold.

Runs on PostgreSQL only (the production database; SQLite passes stay fast) and only where the
data exists. Expected counts are computed here straight from the files.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from taxonomy.models import JobTitle, OnetTechnology, RelatedJobTitle, Skill, TechnologyUse

# ONET_DIR points elsewhere when the repository is not checked out beside ../shared.
ONET_DIR = Path(
    os.environ.get("ONET_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "onet"
)

pytestmark = [pytest.mark.onet_full, pytest.mark.django_db]


def rows(name):
    path = ONET_DIR / name
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line]


@pytest.fixture(scope="module")
def expected():
    technology = rows("Technology Skills.txt")
    return {
        "job_titles": len(rows("Occupation Data.txt")),
        "technologies": len({r["Example"] for r in technology}),
        "with_related": len({r["O*NET-SOC Code"] for r in rows("Related Occupations.txt")}),
        "related": len(rows("Related Occupations.txt")),
        "with_zone": len(rows("Job Zones.txt")),
    }


@pytest.fixture
def imported(db):
    if connection.vendor != "postgresql":
        pytest.skip("the full O*NET import runs on PostgreSQL only (DATABASE_URL=postgres://…)")
    if not (ONET_DIR / "Occupation Data.txt").exists():
        pytest.skip(f"no O*NET copy at {ONET_DIR}")
    call_command("import_onet", str(ONET_DIR), verbosity=0, stdout=io.StringIO())


def test_full_onet_import_has_the_files_counts(imported, expected):
    assert {
        "job_titles": JobTitle.objects.exclude(onet_code="").count(),
        "technologies": OnetTechnology.objects.count(),
        "with_related": RelatedJobTitle.objects.values("job_title").distinct().count(),
        "related": RelatedJobTitle.objects.count(),
        "with_zone": JobTitle.objects.filter(job_zone__isnull=False).count(),
    } == expected
    # Every technology is a skill; technologies O*NET names alike share one.
    assert Skill.objects.filter(kind=Skill.Kind.TECHNOLOGY).count() <= expected["technologies"]
    skill_of = dict(OnetTechnology.objects.values_list("name", "skill_id"))
    title_of = dict(JobTitle.objects.values_list("onet_code", "pk"))
    technology = rows("Technology Skills.txt")
    hot = {
        (skill_of[r["Example"]], title_of[r["O*NET-SOC Code"]])
        for r in technology
        if r["Hot Technology"] == "Y"
    }
    assert (
        set(
            TechnologyUse.objects.filter(hot_technology=True).values_list(
                "skill_id", "job_title_id"
            )
        )
        == hot
    )
    assert TechnologyUse.objects.count() == len(
        {(skill_of[r["Example"]], r["O*NET-SOC Code"]) for r in technology}
    )


def test_full_onet_reimport_changes_nothing(imported):
    stamps = dict(Skill.objects.values_list("pk", "updated"))
    out = io.StringIO()
    call_command("import_onet", str(ONET_DIR), verbosity=0, stdout=out)
    assert dict(Skill.objects.values_list("pk", "updated")) == stamps
    assert "job titles: 0 created, 0 updated" in out.getvalue()
    assert "technology skills: 0 created" in out.getvalue()
