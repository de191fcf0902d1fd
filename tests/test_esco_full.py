"""The full ESCO copy in ../shared/data/esco imports with the counts its files hold.

Runs on PostgreSQL only (the production database; SQLite passes stay fast) and only where the
data exists. Expected counts are computed here straight from the files with the csv module.
"""

import csv
import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from taxonomy.models import Category, JobTitle, Skill, SkillAlias, Source

ESCO_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "esco"

pytestmark = [pytest.mark.esco_full, pytest.mark.django_db]


def read(name):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    path = ESCO_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def distinct_alt_labels(row):
    name = row["preferredLabel"].strip().casefold()
    labels = {" ".join(a.split()).casefold() for a in row.get("altLabels", "").split("\n")}
    return labels - {"", name}


@pytest.fixture(scope="module")
def expected():
    skills = read("skills_en.csv")
    occupations = read("occupations_en.csv")
    skill_uris = {r["conceptUri"] for r in skills}
    occupation_uris = {r["conceptUri"] for r in occupations}
    links = {
        (r["occupationUri"], r["skillUri"])
        for r in read("occupationSkillRelations_en.csv")
        if r["occupationUri"] in occupation_uris and r["skillUri"] in skill_uris
    }
    groups = {r["conceptUri"] for r in read("skillGroups_en.csv")}
    for row in read("skillsHierarchy_en.csv"):
        groups.update(row[f"Level {n} URI"] for n in range(4) if row[f"Level {n} URI"])
    return {
        "skills": len(skills),
        "aliases": sum(len(distinct_alt_labels(r)) for r in skills),
        "job_titles": len(occupations),
        "alternative_labels": sum(len(distinct_alt_labels(r)) for r in occupations),
        "links": len(links),
        "categories": len(groups),
    }


@pytest.fixture
def imported(db):
    if connection.vendor != "postgresql":
        pytest.skip("the full ESCO import runs on PostgreSQL only (DATABASE_URL=postgres://…)")
    if not (ESCO_DIR / "skills_en.csv").exists():
        pytest.skip(f"no ESCO copy at {ESCO_DIR}")
    call_command("import_esco", str(ESCO_DIR), verbosity=0, stdout=io.StringIO())


def test_full_esco_import_has_the_files_counts(imported, expected):
    alternative_labels = sum(len(t.alternative_label_list()) for t in JobTitle.objects.all())
    assert {
        "skills": Skill.objects.filter(external_id__startswith="http").count(),
        "aliases": SkillAlias.objects.filter(source=Source.ESCO).count(),
        "job_titles": JobTitle.objects.count(),
        "alternative_labels": alternative_labels,
        "links": Skill.job_titles.through.objects.count(),
        "categories": Category.objects.count(),
    } == expected


def test_full_esco_reimport_changes_nothing(imported):
    stamps = dict(Skill.objects.values_list("pk", "updated"))
    out = io.StringIO()
    call_command("import_esco", str(ESCO_DIR), verbosity=0, stdout=out)
    assert dict(Skill.objects.values_list("pk", "updated")) == stamps
    assert "skills: 0 created, 0 updated" in out.getvalue()
