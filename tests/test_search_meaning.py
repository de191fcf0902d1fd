"""Search by meaning: other words for a skill find it, results found by meaning alone say so,
vectors follow every write (in this process and in others), and skill pages list similar skills.

The model is the real one (WordLlama, shipped in its wheel); the pairs below share no word and
were chosen because the model puts them close, as a recruiter would.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.meaning import (
    VectorMatrix,
    closest_skill_ids,
    embed,
    similar_skill_ids,
)
from search.models import SkillVector
from search.ranking import search_skills
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")


def indexed(*skills):
    content_changed(skills=[s.pk for s in skills])
    return skills[0] if len(skills) == 1 else skills


def names(query, **options):
    return list(
        search_skills(Skill.objects.published(), query, **options).values_list("name", flat=True)
    )


@pytest.fixture
def workshop():
    """A few skills, none holding every word of "people management" or "car repair"."""
    return indexed(
        SkillFactory(name="Manage employees", summary=""),
        SkillFactory(name="Fix vehicles", summary=""),
        SkillFactory(name="Bake bread", summary=""),
        SkillFactory(name="Grow vegetables", summary=""),
    )


def test_other_words_for_a_skill_find_it_by_meaning(workshop):
    assert names("people management")[:1] == ["Manage employees"]
    assert names("car repair")[:1] == ["Fix vehicles"]
    assert names("plant cultivation")[:1] == ["Grow vegetables"]


def test_words_alone_do_not_find_those_skills(workshop):
    assert "Manage employees" not in names("people management", by_meaning=False)


def test_results_found_by_meaning_alone_are_marked_on_the_page(client, workshop):
    response = client.get(SEARCH, {"q": "car repair"})

    result = next(r for r in response.context["results"] if r.skill.name == "Fix vehicles")
    assert result.found_by_meaning
    assert "Similar in meaning" in response.text


def test_a_word_match_is_not_marked_as_found_by_meaning(client, workshop):
    response = client.get(SEARCH, {"q": "bread"})

    assert [(r.skill.name, r.found_by_meaning) for r in response.context["results"]][:1] == [
        ("Bake bread", False)
    ]


def test_exact_name_ranks_first_whatever_meaning_says(workshop):
    indexed(SkillFactory(name="People management", summary="Short."))

    assert names("people management")[:2] == ["People management", "Manage employees"]


def test_exact_alias_ranks_above_meaning_matches(workshop):
    skill = SkillFactory(name="Workshop safety", summary="Safe garages.")
    SkillAliasFactory(skill=skill, term="Car repair")
    indexed(skill)

    assert names("car repair")[:1] == ["Workshop safety"]


def test_meaning_finds_only_visible_skills(workshop):
    indexed(SkillFactory(name="Repair automobiles", status=Skill.Status.DRAFT))

    assert "Repair automobiles" not in names("car repair")
    drafts_too = search_skills(Skill.objects.all(), "car repair").values_list("name", flat=True)
    assert "Repair automobiles" in drafts_too


def test_renaming_a_skill_changes_what_its_meaning_finds(workshop):
    bakery = workshop[2]
    assert "Bake bread" not in names("car repair")
    bakery.name = "Fix automobiles"
    bakery.save()
    indexed(bakery)

    assert "Fix automobiles" in names("car repair")[:3]


def test_deleted_skill_is_no_longer_found_by_meaning(workshop):
    mechanic = workshop[1]
    mechanic_id = mechanic.pk
    mechanic.delete()
    content_changed(skills=[mechanic_id])

    assert all(pk != mechanic_id for pk, _ in closest_skill_ids("car repair", min_similarity=0))
    assert SkillVector.objects.get(skill_id=mechanic_id).vector is None


def test_another_process_picks_up_only_the_rows_written_since_it_last_looked(workshop):
    other_worker = VectorMatrix()  # what a second gunicorn worker holds
    other_worker.refresh()
    held = other_worker.version
    mechanic = workshop[1]
    mechanic.name = "Repair cars"
    mechanic.save()
    indexed(mechanic)

    changes = other_worker._changes()
    other_worker.refresh()

    assert [row[0] for row in changes if row[0] is not None] == [mechanic.pk]
    assert other_worker.version > held
    expected = embed(["Repair cars"])[0]
    row = other_worker.matrix[other_worker.row_of[mechanic.pk]]
    assert float(row @ expected) > 0.8


def test_rebuild_restores_vectors_deleted_behind_the_index(workshop):
    SkillVector.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert SkillVector.objects.filter(vector__isnull=False).count() == len(workshop)
    assert names("people management")[:1] == ["Manage employees"]


def test_closest_skills_serves_other_apps_with_similarities(workshop):
    found = closest_skill_ids("people management", limit=2, min_similarity=0)

    assert [pk for pk, _ in found][:1] == [workshop[0].pk]
    assert found[0][1] >= found[1][1]


def test_meaning_of_blank_text_finds_nothing(workshop):
    assert closest_skill_ids("   ") == []


# --- similar skills on the skill page -----------------------------------------------------------


def test_skill_page_lists_similar_skills_labelled_as_found_by_the_site(client, workshop):
    repair = indexed(SkillFactory(name="Car maintenance", summary=""))

    response = client.get(repair.get_absolute_url())

    assert "Similar in meaning" in response.text
    assert [s.name for s in response.context["similar_skills"]][:1] == ["Fix vehicles"]


def test_similar_skills_leave_out_related_skills_and_drafts(client, workshop):
    repair = indexed(SkillFactory(name="Car maintenance", summary=""))
    repair.related.add(workshop[1])
    indexed(SkillFactory(name="Vehicle servicing", status=Skill.Status.DRAFT))

    similar = [s.name for s in client.get(repair.get_absolute_url()).context["similar_skills"]]

    assert "Fix vehicles" not in similar
    assert "Vehicle servicing" not in similar


def test_similar_skills_never_include_the_skill_itself(workshop):
    assert all(pk != workshop[1].pk for pk, _ in similar_skill_ids(workshop[1].pk))


def test_skill_page_etag_changes_when_a_similar_skill_is_renamed(client, workshop):
    repair = indexed(SkillFactory(name="Car maintenance", summary=""))
    before = client.get(repair.get_absolute_url())["ETag"]
    mechanic = workshop[1]
    mechanic.name = "Fix vehicles fast"
    mechanic.save()
    indexed(mechanic)

    after = client.get(repair.get_absolute_url())

    assert after["ETag"] != before
    assert "Fix vehicles fast" in after.text


@pytest.mark.parametrize("count", [1, 12])
def test_skill_page_with_similar_skills_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    indexed(*[SkillFactory(name=f"Vehicle repair {n}", summary="") for n in range(count)])
    repair = indexed(SkillFactory(name="Car maintenance", summary=""))
    client.get(repair.get_absolute_url())  # this process loads the vectors once

    # the skill and its category path, six prefetches, the meaning index's version check, the
    # similar skills the visitor may see, the occupations using it as a technology (O*NET)
    with django_assert_num_queries(10):
        response = client.get(repair.get_absolute_url())

    assert len(response.context["similar_skills"]) == min(count, 5)
