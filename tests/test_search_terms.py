"""Search for what recruiters type: symbols (C#, .NET), one- and two-letter terms, unfinished last
words, job titles and categories as results, typo-tolerant autocomplete, the interview guide
filter, and complete skills first when relevance ties."""

import pytest
from django.db import connection
from django.urls import reverse

from interviews.models import InterviewQuestion
from search.query import prepare_query
from search.ranking import search_skills
from search.text import normalise
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")
SUGGEST = reverse("search:autocomplete")


def indexed(*skills, job_titles=(), categories=()):
    content_changed(skills=[s.pk for s in skills], job_titles=job_titles, categories=categories)
    return skills[0] if len(skills) == 1 else skills


def found(query):
    return list(search_skills(Skill.objects.published(), query).values_list("name", flat=True))


# --- symbols ------------------------------------------------------------------------------------

SYMBOL_SAMPLES = [
    ("C#", "csharp"),
    ("c++ and F#", "cplusplus and fsharp"),
    (".NET", "dotnet"),
    ("ASP.NET Core", "asp dotnet core"),
    ("Node.js", "nodejs"),
    ("CI/CD pipelines", "cicd pipelines"),
    ("PL/SQL", "pl sql"),
    ("Café track-one", "cafe track one"),
    ("#hashtag", "hashtag"),
]


@pytest.mark.parametrize(("text", "words"), SYMBOL_SAMPLES)
def test_symbol_names_survive_normalisation(text, words):
    assert normalise(text) == words


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL function is PostgreSQL's")
@pytest.mark.parametrize(("text", "words"), SYMBOL_SAMPLES)
def test_sql_normalisation_agrees_with_python(text, words):
    with connection.cursor() as cursor:
        cursor.execute("SELECT taxonomy_search_norm(%s)", [text])
        assert cursor.fetchone()[0] == normalise(text) == words


@pytest.fixture
def languages():
    return indexed(
        SkillFactory(name="C#", summary="Microsoft's language for .NET."),
        SkillFactory(name="C++", summary="Systems programming."),
        SkillFactory(name="C", summary="The C programming language."),
        SkillFactory(name="F#", summary="Functional programming on .NET."),
        SkillFactory(name="Node.js", summary="JavaScript on the server."),
        SkillFactory(name="CI/CD", summary="Continuous integration and delivery."),
        SkillFactory(name="Flammability testing", summary="Fire safety of materials."),
        SkillFactory(name="Cold environments", summary="Working in the cold."),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [("C#", "C#"), ("c++", "C++"), ("F#", "F#"), ("node.js", "Node.js"), ("CI/CD", "CI/CD")],
)
def test_a_symbol_name_finds_its_skill_first(languages, query, expected):
    assert found(query)[:1] == [expected]


def test_csharp_does_not_find_unrelated_skills_by_a_stray_letter(languages):
    assert "Flammability testing" not in found("C#")
    assert "Cold environments" not in found("C#")


def test_dotnet_finds_the_skills_that_mention_it(languages):
    assert set(found(".NET")[:2]) == {"C#", "F#"}


# --- one and two letters ------------------------------------------------------------------------


@pytest.fixture
def short_terms():
    people = SkillFactory(name="People Management", summary="Leading staff.")
    SkillAliasFactory(skill=people, term="HR")
    design = SkillFactory(name="User Experience Design", summary="Designing for users.")
    SkillAliasFactory(skill=design, term="UX")
    return indexed(
        people,
        design,
        SkillFactory(name="R", summary="Statistics language."),
        SkillFactory(name="Go", summary="Google's language."),
        SkillFactory(name="Hreflang tags", summary="Hreflang for HR pages abroad."),
        SkillFactory(name="Golf course design", summary="Greens."),
        SkillFactory(name="Ruby", summary="A language."),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [("hr", ["People Management"]), ("UX", ["User Experience Design"]), ("r", ["R"])],
)
def test_one_or_two_letters_match_exact_names_and_aliases_only(short_terms, query, expected):
    assert found(query) == expected


def test_two_letter_name_ranks_first_and_nothing_matches_it_as_a_prefix(short_terms):
    assert found("go") == ["Go"]


def test_a_short_query_with_no_exact_match_finds_nothing(short_terms):
    assert found("qa") == []


# --- unfinished last words ----------------------------------------------------------------------


@pytest.fixture
def policies():
    return indexed(
        SkillFactory(name="Advise on tax policy", summary="Guide governments on tax."),
        SkillFactory(name="Advise on taxidermy", summary="Stuffed animals."),
        SkillFactory(name="Data science", summary="Learning from data."),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [("advise on tax pol", "Advise on tax policy"), ("data sc", "Data science")],
)
def test_an_unfinished_last_word_matches_as_a_prefix(policies, query, expected):
    assert found(query)[:1] == [expected]


def test_api_search_matches_an_unfinished_last_word(api_client, policies):
    response = api_client.get("/api/v1/skills/", {"q": "advise on tax pol"})

    assert [s["name"] for s in response.json()["results"]][:1] == ["Advise on tax policy"]


# --- job titles and categories as results -------------------------------------------------------


@pytest.fixture
def developer_world():
    category = CategoryFactory(name="Software development")
    title = JobTitleFactory(name="Software developer", alternative_labels="Programmer\nCoder")
    other_title = JobTitleFactory(name="Data analyst")
    skill = SkillFactory(name="Python", category=category, summary="A language.")
    skill.job_titles.set([title])
    indexed(skill, job_titles=[title.pk, other_title.pk], categories=[category.pk])
    return title, category


def test_search_page_lists_matching_job_titles_and_categories_above_skills(client, developer_world):
    title, category = developer_world

    response = client.get(SEARCH, {"q": "software dev"})

    page = response.text
    assert f'href="{title.get_absolute_url()}"' in page
    assert f'href="{category.get_absolute_url()}"' in page
    assert page.index(title.get_absolute_url()) < page.index('class="search-results"')


def test_a_job_title_other_name_finds_the_title_and_says_which_name_matched(
    client, developer_world
):
    response = client.get(SEARCH, {"q": "programmer"})

    assert response.context["job_titles"] == [(developer_world[0], "Programmer")]


def test_job_titles_follow_the_write_rule_when_renamed(client, developer_world):
    title, _ = developer_world
    title.name = "Software engineer"
    title.save()
    content_changed(job_titles=[title.pk])

    response = client.get(SEARCH, {"q": "software eng"})

    assert [t.name for t, _ in response.context["job_titles"]] == ["Software engineer"]


# --- autocomplete -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["kubrn", "kuebrnetes", "kubernets"])
def test_autocomplete_tolerates_one_typo_from_four_letters(client, typed):
    indexed(SkillFactory(name="Kubernetes"), SkillFactory(name="Kotlin"))

    response = client.get(SUGGEST, {"q": typed})

    assert [r["name"] for r in response.json()["results"]][:1] == ["Kubernetes"]


def test_autocomplete_takes_no_typo_under_four_letters(client):
    indexed(SkillFactory(name="Kubernetes"))

    response = client.get(SUGGEST, {"q": "kbu"})

    assert response.json()["results"] == []


def test_autocomplete_prefers_what_was_typed_to_typo_corrections(client):
    indexed(SkillFactory(name="Diplomacy"), SkillFactory(name="Dialogue facilitation"))

    response = client.get(SUGGEST, {"q": "diplo"})

    assert [r["name"] for r in response.json()["results"]] == ["Diplomacy"]


def test_autocomplete_suggests_job_titles_and_categories_in_their_own_groups(
    client, developer_world
):
    title, category = developer_world

    data = client.get(SUGGEST, {"q": "software dev"}).json()

    assert data["job_titles"] == [
        {"name": "Software developer", "url": title.get_absolute_url(), "other_name": None}
    ]
    assert data["categories"] == [
        {"name": "Software development", "url": category.get_absolute_url()}
    ]


def test_autocomplete_corrects_a_typo_in_an_earlier_word(client, developer_world):
    data = client.get(SUGGEST, {"q": "sofware dev"}).json()

    assert [t["name"] for t in data["job_titles"]] == ["Software developer"]


def test_autocomplete_reads_every_term_a_shorter_spelling_starts(client):
    # "unders" matches nothing, so its corrections are offered: "under", "undergo", "underlie".
    # "Credit underwriter" starts as "under" does but sorts after every "underlie..." term.
    title = JobTitleFactory(name="Credit underwriter", alternative_labels="")
    skills = [
        SkillFactory(name="Work under pressure"),
        SkillFactory(name="Undergo training"),
        SkillFactory(name="Principles that underlie law"),
    ]
    skills[0].job_titles.set([title])
    indexed(*skills, job_titles=[title.pk])

    data = client.get(SUGGEST, {"q": "unders"}).json()

    assert [t["name"] for t in data["job_titles"]] == ["Credit underwriter"]
    assert {r["name"] for r in data["results"]} == {skill.name for skill in skills}


def test_autocomplete_of_a_job_title_other_name_says_which_title(client, developer_world):
    data = client.get(SUGGEST, {"q": "coder"}).json()

    assert data["job_titles"][0]["name"] == "Software developer"
    assert data["job_titles"][0]["other_name"] == "Coder"


# --- interview guides and completeness ----------------------------------------------------------


def test_guide_filter_keeps_skills_with_interview_questions(client):
    with_guide = SkillFactory(name="Negotiation", summary="Deals.")
    without = SkillFactory(name="Negotiation basics", summary="Deals.")
    InterviewQuestionFactory.create_batch(6, skill=with_guide)
    indexed(with_guide, without)

    response = client.get(SEARCH, {"q": "negotiation", "guide": "1"})

    assert [r.skill.name for r in response.context["results"]] == ["Negotiation"]
    assert "Interview guide · 6 questions" in response.text


def same_words(slug):
    """A skill whose searchable words are the same as every other one built here."""
    skill = SkillFactory(
        name="Mediation",
        slug=slug,
        summary="Helping two sides agree.",
        definition="Mediation is helping two sides agree.\n\nA neutral person guides the talks.",
    )
    for text in ("Settled a dispute", "Ran talks", "Wrote the agreement"):
        ResumeExampleFactory(skill=skill, text=text)
    return skill


def test_complete_skill_ranks_above_a_bare_one_when_relevance_ties():
    bare = same_words("bare")
    complete = same_words("complete")
    SkillAliasFactory.create_batch(3, skill=complete)
    complete.job_titles.set(JobTitleFactory.create_batch(2))
    complete.related.set(SkillFactory.create_batch(2, name="Other", summary="", definition=""))
    InterviewQuestionFactory.create_batch(2, skill=complete)
    InterviewQuestionFactory.create_batch(2, skill=complete, kind=InterviewQuestion.Kind.TECHNICAL)
    indexed(bare, complete)
    assert Skill.objects.get(pk=complete.pk).is_complete

    ranked = search_skills(Skill.objects.published(), "mediation", by_meaning=False)

    assert list(ranked.values_list("slug", flat=True)) == ["complete", "bare"]


# --- typo corrections: the closest spellings only --------------------------------------------


def test_a_typo_one_edit_from_a_word_is_not_also_read_as_words_two_edits_away():
    indexed(
        SkillFactory(name="Contract Negotiation", summary="Agreeing terms."),
        SkillFactory(name="Hostage Negotiator", summary="Talking people down."),
    )

    # "negotiatin" is one edit from "negotiation", two from "negotiator": a recruiter who
    # dropped a letter meant the first, so only the first is searched for.
    assert prepare_query("negotiatin").alternatives == {"negotiatin": ("negotiation",)}
    assert found("negotiatin")[0] == "Contract Negotiation"


def test_a_word_found_as_typed_is_not_corrected_while_a_typo_beside_it_is():
    indexed(
        SkillFactory(name="Contract Drafting", summary="Writing agreements."),
        SkillFactory(name="Contact Centre Management", summary="Running phone teams."),
    )

    # "contract" is a word of the atlas, one edit from "contact": it is read as typed.
    assert prepare_query("contract draftng").alternatives == {"draftng": ("drafting",)}
    assert found("contract draftng")[0] == "Contract Drafting"


def test_a_long_word_with_no_correction_one_edit_away_takes_one_two_edits_away():
    indexed(SkillFactory(name="Hostage Negotiator", summary="Talking people down."))

    # "nagotiatr": a wrong vowel and a dropped letter (on PostgreSQL, the trigram lookup).
    assert prepare_query("nagotiatr").alternatives == {"nagotiatr": ("negotiator",)}
    assert found("nagotiatr") == ["Hostage Negotiator"]


def test_why_it_matched_marks_accented_words_in_job_titles(client):
    skill = SkillFactory(name="Mediation", summary="Settling disputes.")
    title = JobTitleFactory(name="Médiateur familial", alternative_labels="")
    skill.job_titles.set([title])
    indexed(skill, job_titles=[title.pk])

    page = client.get(SEARCH, {"q": "mediateur"}).content.decode()

    assert "<mark>Médiateur</mark> familial" in page


# --- storage: what the word score reads stays in the row -----------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST storage")
def test_a_skill_held_by_ninety_job_titles_keeps_its_search_row_whole():
    # Scoring reads the heading five times and the document twice per matching skill; values
    # moved to the TOAST table are fetched again on every read (search migration 0005).
    skill = SkillFactory(name="Rigging", summary="Lifting loads safely with cranes and slings.")
    titles = [JobTitleFactory(name=f"Rigger{n:03d} crewlead{n:03d}") for n in range(90)]
    skill.job_titles.set(titles)
    indexed(skill, job_titles=[t.pk for t in titles])

    with connection.cursor() as cursor:
        cursor.execute(
            # A fresh value's size: as written, before any compression.
            "SELECT pg_column_size(heading || ''::tsvector),"
            " pg_column_size(document || ''::tsvector)"
            " FROM taxonomy_searchdocument WHERE skill_id = %s",
            [skill.pk],
        )
        heading, document = cursor.fetchone()
        cursor.execute(
            "SELECT reltoastrelid::regclass::text FROM pg_class"
            " WHERE oid = 'taxonomy_searchdocument'::regclass"
        )
        (toast_table,) = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {toast_table}")  # noqa: S608 (a catalogue name)
        (chunks,) = cursor.fetchone()

    assert heading + document > 2032  # past the size at which the row used to be split
    assert chunks == 0
    assert found("crewlead042") == ["Rigging"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector positions")
def test_a_skill_document_lists_aliases_and_job_titles_in_a_fixed_order():
    # ts_rank weighs how close the query's words stand: an order left to the query plan ranked
    # near-equal skills differently from one database to the next.
    skill = SkillFactory(name="Rigging")
    for term in ("Zulu hoisting", "Alpha slinging"):
        SkillAliasFactory(skill=skill, term=term)
    titles = [JobTitleFactory(name=name) for name in ("Zeppelin rigger", "Aerial rigger")]
    skill.job_titles.set(titles)
    indexed(skill, job_titles=[t.pk for t in titles])

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, positions FROM taxonomy_searchdocument,"
            " unnest(document) AS u(word, positions, weights) WHERE skill_id = %s",
            [skill.pk],
        )
        first = {word: min(positions) for word, positions in cursor.fetchall()}

    assert first["alpha"] < first["zulu"]
    assert first["aerial"] < first["zeppelin"]
