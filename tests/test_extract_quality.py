"""The job advert reader on the advert set (tests/advert_set.py) over the curated content:
precision and recall of at least 0.8 each, counted over every advert together.
``bench/extract_quality.py`` prints the figures per advert."""

import pytest

from search.extract import find_skills
from taxonomy.models import Skill

from .advert_set import ADVERTS

pytestmark = pytest.mark.django_db

FLOOR = 0.8


def score(found, expected):
    true = len(found & expected)
    return true, len(found - expected), len(expected - found)


def test_advert_set_is_varied_and_names_only_real_skills(demo_data):
    known = set(Skill.objects.published().values_list("slug", flat=True))

    assert len(ADVERTS) >= 10
    assert len({advert["name"] for advert in ADVERTS}) == len(ADVERTS)
    for advert in ADVERTS:
        assert set(advert["expected"]) <= known, advert["name"]


def test_precision_and_recall_on_the_advert_set(demo_data):
    true = false = missed = 0
    for advert in ADVERTS:
        found = {
            f.skill.slug for f in find_skills(advert["text"], Skill.objects.published()).skills
        }
        t, f, m = score(found, set(advert["expected"]))
        true, false, missed = true + t, false + f, missed + m

    precision, recall = true / (true + false), true / (true + missed)
    assert precision >= FLOOR, f"precision {precision:.3f}"
    assert recall >= FLOOR, f"recall {recall:.3f}"
