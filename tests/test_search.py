"""Search behaviour: what visitors find, that every write path keeps the index current, clear
messages for bad queries, the autocomplete endpoint, and a fixed number of queries."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.ranking import search_skills
from taxonomy.changes import content_changed
from taxonomy.importers.atlas import import_taxonomy
from taxonomy.models import Skill

from .admin_forms import inline, skill_change_data
from .factories import (
    CategoryFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")
SUGGEST = reverse("search:autocomplete")


def indexed(*skills):
    """Factories write rows directly; apply the write rule as a write path would."""
    content_changed(skills=[s.pk for s in skills])
    for skill in skills:
        skill.refresh_from_db()  # the rule bumped ``updated``: forms must post the new one
    return skills[0] if len(skills) == 1 else skills


def found(query, queryset=None):
    return list(
        search_skills(queryset or Skill.objects.published(), query).values_list("name", flat=True)
    )


# --- what visitors find -----------------------------------------------------------------------


def test_draft_skill_is_hidden_from_visitors(client):
    indexed(SkillFactory(name="Science Diplomacy", status=Skill.Status.DRAFT))
    indexed(SkillFactory(name="Public Diplomacy"))

    response = client.get(SEARCH, {"q": "diplomacy"})

    assert [r.skill.name for r in response.context["results"]] == ["Public Diplomacy"]
    assert "Science" not in response.content.decode()


def test_archived_skill_is_hidden_from_visitors():
    indexed(SkillFactory(name="Telex Operation", status=Skill.Status.ARCHIVED))

    assert found("telex") == []


def test_exact_name_ranks_above_alias_match():
    alias_holder = SkillFactory(name="Bird Handling", summary="Handling birds.")
    SkillAliasFactory(skill=alias_holder, term="Falconry")
    indexed(alias_holder, SkillFactory(name="Falconry", summary="Hunting with birds of prey."))

    assert found("falconry") == ["Falconry", "Bird Handling"]


def test_alias_match_ranks_above_job_title_match():
    by_title = SkillFactory(name="Ledger Keeping", summary="Books.")
    by_title.job_titles.set([JobTitleFactory(name="Bookkeeper")])
    by_alias = SkillFactory(name="Accounts", summary="Books.")
    SkillAliasFactory(skill=by_alias, term="Bookkeeper")
    indexed(by_title, by_alias)

    assert found("bookkeeper") == ["Accounts", "Ledger Keeping"]


def test_skill_matching_in_two_fields_ranks_above_one_matching_in_one():
    indexed(
        SkillFactory(name="Quilting Tools", summary="Needles and frames.", definition=""),
        SkillFactory(name="Advanced Quilting", summary="Quilting by hand.", definition=""),
    )

    assert found("quilting") == ["Advanced Quilting", "Quilting Tools"]


def test_resume_line_words_are_searchable():
    skill = SkillFactory(name="Kubernetes")
    ResumeExampleFactory(skill=skill, text="Wrote Helm charts for 40 services")
    indexed(skill)

    assert found("helm charts") == ["Kubernetes"]


def test_result_shows_the_matched_alias_marked(client):
    skill = SkillFactory(name="Kubernetes")
    SkillAliasFactory(skill=skill, term="K8s")
    indexed(skill)

    response = client.get(SEARCH, {"q": "k8s"})

    assert "Also known as:</span> <mark>K8s</mark>" in response.content.decode()


def test_result_shows_the_first_matching_alias_a_to_z(client):
    skill = SkillFactory(name="Deal making", summary="Closing agreements.")
    SkillAliasFactory(skill=skill, term="Zonal negotiation")
    SkillAliasFactory(skill=skill, term="Bilateral negotiation")
    SkillAliasFactory(skill=skill, term="Arbitration")
    indexed(skill)

    body = client.get(SEARCH, {"q": "negotiation"}).content.decode()

    assert "Also known as:</span> Bilateral <mark>negotiation</mark>" in body


def test_result_matched_on_a_cv_line_shows_the_first_such_line(client):
    skill = SkillFactory(name="Kubernetes", summary="Running containers.", definition="Ops.")
    ResumeExampleFactory(skill=skill, text="Moved 40 services onto Helm charts", position=2)
    ResumeExampleFactory(skill=skill, text="Cut deploy time with Helm and Argo", position=1)
    ResumeExampleFactory(skill=skill, text="Ran the on-call rota", position=0)
    indexed(skill)

    body = client.get(SEARCH, {"q": "helm"}).content.decode()

    assert "On a CV:</span> Cut deploy time with <mark>Helm</mark> and Argo" in body


def search_page_of_titled_skill(client, skill, titles, query):
    """The search page for ``query`` once ``skill`` sits on ``titles`` (all indexed)."""
    skill.job_titles.set(titles)
    indexed(skill)
    content_changed(job_titles=[t.pk for t in titles])
    return client.get(SEARCH, {"q": query}).content.decode()


def test_result_matched_by_a_job_titles_other_name_shows_that_name(client):
    skill = SkillFactory(name="Track One Diplomacy", summary="Talks between governments.")
    others = "Envoy\nForeign service officer\nEmissary to the court"
    titles = [
        JobTitleFactory(name="Ambassador", alternative_labels=others),
        JobTitleFactory(name="Consul", alternative_labels="Consular officer"),
    ]

    body = search_page_of_titled_skill(client, skill, titles, "emissary")

    assert "Job title:</span> <mark>Emissary</mark> to the court" in body


def test_a_job_title_far_down_a_long_list_still_explains_the_match(client):
    """ESCO skills sit on hundreds of job titles: the one that matched is found wherever it is
    in the A-Z list, not only among the first few hundred names."""
    skill = SkillFactory(name="Welding", summary="Joining metal.")
    titles = [
        JobTitleFactory(name=f"Fabricator {n:03}", alternative_labels="Metal worker\nFitter")
        for n in range(150)
    ]
    titles.append(JobTitleFactory(name="Zeppelin rigger", alternative_labels=""))

    body = search_page_of_titled_skill(client, skill, titles, "zeppelin")

    assert "Job title:</span> <mark>Zeppelin</mark> rigger" in body


def test_stored_text_is_escaped_before_matches_are_marked(client):
    skill = SkillFactory(name="Diplomacy")
    SkillAliasFactory(skill=skill, term="<script>alert(1)</script> backchannel")
    indexed(skill)

    body = client.get(SEARCH, {"q": "backchannel"}).content.decode()

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>backchannel</mark>" in body


def test_search_page_shows_the_result_count(client):
    indexed(*SkillFactory.create_batch(3, summary="Negotiation in depth."))

    response = client.get(SEARCH, {"q": "negotiation"})

    assert "3 skills found" in response.content.decode()


def test_category_filter_offers_curated_areas_and_the_chosen_category_only(client):
    area = CategoryFactory(slug="negotiation-area")
    imported = CategoryFactory.create_batch(
        20,
        external_id="",
        parent=CategoryFactory(
            slug="esco-root", external_id="http://data.europa.eu/esco/skill/root"
        ),
    )
    indexed(SkillFactory(summary="Negotiation in depth.", category=imported[5]))

    response = client.get(SEARCH, {"q": "negotiation", "category": imported[5].slug})

    options = re.findall(r'<option value="([^"]*)"', response.content.decode())
    assert sorted(options) == sorted(["", area.slug, imported[5].slug])
    assert f'<option value="{imported[5].slug}" selected>' in response.content.decode()


def test_results_are_paginated_by_twenty_and_every_page_counts_them_all(client):
    indexed(*SkillFactory.create_batch(25, summary="Orienteering in the woods."))

    pages = [client.get(SEARCH, {"q": "orienteering", "page": n}) for n in (1, 2, "last")]
    past_the_end = client.get(SEARCH, {"q": "orienteering", "page": 3})

    assert [len(page.context["results"]) for page in pages] == [20, 5, 5]
    shown = [r.skill.pk for page in pages[:2] for r in page.context["results"]]
    assert sorted(shown) == sorted(Skill.objects.values_list("pk", flat=True))
    for page in pages:
        assert "25 skills found" in page.content.decode()
        assert page.context["paginator"].num_pages == 2
    assert "page 2 of 2" in pages[2].content.decode()
    assert past_the_end.status_code == 404


def test_category_filter_keeps_skills_in_the_category_and_below(client):
    parent = CategoryFactory(name="Government")
    child = CategoryFactory(name="Diplomacy", parent=parent)
    indexed(
        SkillFactory(name="Treaty Drafting", category=child),
        SkillFactory(name="Treaty Shipping", category=CategoryFactory(name="Logistics")),
    )

    response = client.get(SEARCH, {"q": "treaty", "category": parent.slug})

    assert [r.skill.name for r in response.context["results"]] == ["Treaty Drafting"]


def test_did_you_mean_is_offered_when_nothing_matches(client):
    indexed(SkillFactory(name="Kubernetes"))

    response = client.get(SEARCH, {"q": "kubbbernetttes"})

    assert response.context["results"] == []
    assert "Did you mean" in response.content.decode()
    assert response.context["suggestion"] == "Kubernetes"


def test_empty_query_shows_help_rather_than_results(client):
    response = client.get(SEARCH, {"q": "  "})

    assert response.status_code == 200
    assert "Type what the hiring manager said" in response.content.decode()


def test_query_over_200_characters_gets_a_clear_message(client):
    response = client.get(SEARCH, {"q": "x" * 201})

    assert response.status_code == 200
    assert "at most 200" in response.content.decode()


def test_query_of_only_symbols_gets_a_clear_message(client):
    response = client.get(SEARCH, {"q": "$%^&*()"})

    assert response.status_code == 200
    assert "not only symbols" in response.content.decode()


def test_unknown_category_is_a_form_error_not_a_500(client):
    response = client.get(SEARCH, {"q": "x", "category": "no-such-category"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# --- every write path keeps the index current --------------------------------------------------


def test_index_is_current_after_renaming_a_skill_in_admin(editor_client):
    skill = indexed(SkillFactory(name="Backchannel Talks", summary="", definition=""))

    response = editor_client.post(
        reverse("admin:taxonomy_skill_change", args=[skill.pk]),
        skill_change_data(skill, name="Quiet Diplomacy"),
    )

    assert response.status_code == 302
    assert found("quiet diplomacy") == ["Quiet Diplomacy"]
    assert found("backchannel") == []


def test_index_is_current_after_adding_an_alias_in_admin(editor_client):
    skill = indexed(SkillFactory(name="Kubernetes"))

    editor_client.post(
        reverse("admin:taxonomy_skill_change", args=[skill.pk]),
        skill_change_data(skill, **inline("aliases", [{"term": "K8s"}])),
    )

    assert found("k8s") == ["Kubernetes"]


def test_index_is_current_after_renaming_a_job_title_in_admin(editor_client):
    title = JobTitleFactory(name="Clerk")
    skill = SkillFactory(name="Ledger Keeping")
    skill.job_titles.set([title])
    indexed(skill)

    response = editor_client.post(
        reverse("admin:taxonomy_jobtitle_change", args=[title.pk]),
        {
            "name": "Bookkeeper",
            "slug": title.slug,
            "alternative_labels": "Accounts clerk",
            "description": "",
            "external_id": "",
            "seen_updated": title.updated.isoformat(),
        },
    )

    assert response.status_code == 302
    assert found("bookkeeper") == ["Ledger Keeping"]
    assert found("accounts clerk") == ["Ledger Keeping"]


def test_publishing_a_draft_in_bulk_makes_it_findable(editor_client):
    draft = indexed(SkillFactory(name="Science Diplomacy", status=Skill.Status.DRAFT))

    editor_client.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "publish", "_selected_action": [str(draft.pk)]},
    )

    assert found("science diplomacy") == ["Science Diplomacy"]


def test_index_is_current_after_an_atlas_import(tmp_path):
    document = {
        "format": "skill-atlas-taxonomy",
        "version": 1,
        "job_titles": [{"slug": "falconer", "name": "Falconer"}],
        "skills": [
            {
                "slug": "falconry",
                "name": "Falconry",
                "status": "published",
                "aliases": ["Hawking"],
                "job_titles": ["falconer"],
                "resume_examples": ["Flew a Harris hawk at county shows"],
            }
        ],
    }
    path = tmp_path / "falconry.json"
    path.write_text(json.dumps(document))

    import_taxonomy([path])

    assert found("hawking") == ["Falconry"]
    assert found("falconer") == ["Falconry"]
    assert found("harris hawk") == ["Falconry"]


def test_rebuild_command_indexes_skills_written_behind_its_back():
    SkillFactory(name="Orienteering")  # a factory writes rows without refreshing the index

    call_command("rebuild_search_index", verbosity=0)

    assert found("orienteering") == ["Orienteering"]


def test_deleted_skill_is_no_longer_found():
    skill = indexed(SkillFactory(name="Telex Operation"))

    skill.delete()

    assert found("telex") == []


# --- autocomplete ------------------------------------------------------------------------------


def test_autocomplete_returns_name_url_and_the_matched_alias(client):
    skill = SkillFactory(name="Kubernetes", slug="kubernetes")
    SkillAliasFactory(skill=skill, term="K8s")
    indexed(skill)

    response = client.get(SUGGEST, {"q": "k8"})

    assert response.json() == {
        "results": [{"name": "Kubernetes", "url": "/skills/kubernetes/", "alias": "K8s"}],
        "job_titles": [],
        "categories": [],
    }


def test_autocomplete_matches_the_start_of_any_word_of_a_name(client):
    indexed(SkillFactory(name="Track One Diplomacy"))

    response = client.get(SUGGEST, {"q": "dipl"})

    assert [r["name"] for r in response.json()["results"]] == ["Track One Diplomacy"]


def test_autocomplete_puts_names_starting_with_the_text_first(client):
    indexed(SkillFactory(name="Public Diplomacy"), SkillFactory(name="Diplomatic Protocol"))

    response = client.get(SUGGEST, {"q": "diplo"})

    assert [r["name"] for r in response.json()["results"]] == [
        "Diplomatic Protocol",
        "Public Diplomacy",
    ]


def test_autocomplete_returns_at_most_eight_skills(client):
    indexed(*[SkillFactory(name=f"Negotiation {n}") for n in range(12)])

    response = client.get(SUGGEST, {"q": "nego"})

    assert len(response.json()["results"]) == 8


def test_autocomplete_hides_drafts(client):
    indexed(SkillFactory(name="Science Diplomacy", status=Skill.Status.DRAFT))

    response = client.get(SUGGEST, {"q": "scien"})

    assert response.json()["results"] == []


def test_autocomplete_of_symbols_returns_nothing(client):
    response = client.get(SUGGEST, {"q": "%%%"})

    assert response.json() == {"results": [], "job_titles": [], "categories": []}


# --- a fixed number of queries whatever the data -----------------------------------------------


def many_skills(count, name="Negotiation"):
    skills = []
    for n in range(count):
        skill = SkillFactory(name=f"{name} {n}", summary="Negotiation.")
        SkillAliasFactory.create_batch(3, skill=skill)
        ResumeExampleFactory.create_batch(2, skill=skill)
        skill.job_titles.set(JobTitleFactory.create_batch(2))
        skills.append(skill)
    return indexed(*skills)


@pytest.mark.parametrize(("count", "logged"), [(2, 2), (25, 0)])
@pytest.mark.parametrize(
    ("name", "reads_job_titles"), [("Negotiation", False), ("Mediation", True)]
)
def test_search_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count, logged, name, reads_job_titles
):
    many_skills(count, name)

    # typo lookup, meaning index version, categories for the filter, the page (which counts
    # the matches too), aliases and resume lines (one query), matching job titles and
    # categories; the skills' job titles (for "why it matched") when a result's name and
    # aliases lack a query word; a search that found three skills or fewer also counts itself
    # in the editors' log (search_log: two queries)
    with django_assert_num_queries(6 + reads_job_titles + logged):
        response = client.get(SEARCH, {"q": "negotiation"})

    assert response.context["results"]


def test_search_page_with_no_match_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    many_skills(3)

    # typo lookup, meaning index version, categories, the (empty) page, job titles and
    # categories, "Did you mean", and the two of the log of searches that found little
    with django_assert_num_queries(8):
        client.get(SEARCH, {"q": "zzyzx"})


@pytest.mark.parametrize("count", [2, 25])
def test_autocomplete_runs_three_queries(client, django_assert_num_queries, count):
    many_skills(count)

    # typo lookup in the lexicon, skills, job titles and categories
    with django_assert_num_queries(3):
        response = client.get(SUGGEST, {"q": "nego"})

    assert response.json()["results"]
