"""What a recruiter types -> the skill they mean, over the curated content, on both databases.

Each case names the tolerance it covers. "top" cases need the skill first; "top3" cases accept
it among the first three (the query is honestly ambiguous). "meaning" cases share no word with
the skill's name, aliases, job titles or text: only search by meaning finds them, and the page
marks them so.
"""

import pytest
from django.core.management import call_command

from search.ranking import search_skills
from taxonomy.models import Skill

from .conftest import CONTENT_FIXTURES

MEANING_CASES = [
    ("meaning", "talking to journalists", "media-relations", "top"),
    ("meaning", "bookkeeper duties", "bookkeeping", "top"),
]

CASES = [
    # exact names, any case
    ("exact name", "Track One Diplomacy", "track-one-diplomacy", "top"),
    ("exact name", "SQL", "sql", "top"),
    ("exact name, upper case", "KUBERNETES", "kubernetes", "top"),
    ("exact name, lower case", "boolean sourcing", "boolean-sourcing", "top"),
    ("exact name beats the other track", "track two diplomacy", "track-two-diplomacy", "top"),
    # aliases
    ("abbreviation alias", "K8s", "kubernetes", "top"),
    ("alias", "Crisis comms", "crisis-communication", "top"),
    ("alias", "Nation branding", "public-diplomacy", "top"),
    ("alias", "Order of precedence", "diplomatic-protocol", "top"),
    ("alias names its own skill", "Tableau", "tableau", "top"),
    ("alias", "Deal negotiation", "contract-negotiation", "top"),
    ("alias", "Citizen services abroad", "consular-affairs", "top"),
    ("alias", "Policy appraisal", "policy-analysis", "top"),
    ("alias", "Reg affairs", "regulatory-affairs", "top"),
    ("alias, American spelling", "data visualization", "data-visualisation", "top"),
    # job titles and their alternative labels
    ("job title", "protocol officer", "diplomatic-protocol", "top"),
    ("job title", "talent sourcer", "boolean-sourcing", "top"),
    ("job title alternative label", "mediator", "track-two-diplomacy", "top3"),
    ("job title", "penetration tester", "penetration-testing", "top"),
    ("job title alternative label", "ETL developer", "etl-pipelines", "top3"),
    ("job title", "procurement manager", "procurement", "top3"),
    # words in summary, definition and resume lines
    ("resume line", "Helm charts", "kubernetes", "top"),
    ("definition/summary", "BATNA", "negotiation", "top3"),
    ("resume line", "scoring rubrics", "structured-interviewing", "top"),
    # accents
    ("accent in the data, none typed", "press attache", "public-diplomacy", "top3"),
    ("accent in the data, none typed", "demarches", "diplomatic-protocol", "top"),
    ("accent typed, none in the data", "Kübernetes", "kubernetes", "top"),
    ("accent typed, none in the data", "cönsular affairs", "consular-affairs", "top"),
    # word order
    ("word order", "diplomacy track one", "track-one-diplomacy", "top"),
    ("word order", "management stakeholder", "stakeholder-management", "top"),
    ("word order", "negotiation contract", "contract-negotiation", "top"),
    # word forms
    ("word form", "negotiate contracts", "contract-negotiation", "top"),
    ("word form", "structured interviews", "structured-interviewing", "top"),
    ("word form", "stakeholders", "stakeholder-management", "top"),
    ("word form", "negotiate", "multilateral-negotiation", "top3"),
    # punctuation and hyphens
    ("hyphen", "track-one", "track-one-diplomacy", "top"),
    ("hyphen", "track-two diplomacy", "track-two-diplomacy", "top"),
    ("slash", "PL/SQL", "sql", "top"),
    ("hyphen", "x ray search", "boolean-sourcing", "top"),
    ("punctuation", "crisis communication!!!", "crisis-communication", "top"),
    ("no hyphen", "state to state diplomacy", "track-one-diplomacy", "top"),
    # typos: one wrong, missing, extra or swapped letter (four letters or more)
    ("typo: missing letter", "protocl", "diplomatic-protocol", "top"),
    ("typo: swapped letters", "pyhton", "python-programming", "top"),
    ("typo: swapped letters", "boolaen sourcing", "boolean-sourcing", "top"),
    ("typo: wrong letter", "kubernetas", "kubernetes", "top"),
    ("typo: extra letter", "stakeholderr management", "stakeholder-management", "top"),
    ("typo: missing letter", "diplomcy track one", "track-one-diplomacy", "top"),
    ("typo: four-letter word", "crisis cpmms", "crisis-communication", "top"),
    ("typo: swapped letters", "treaty drafitng", "treaty-drafting", "top"),
    # typos: two in a word of eight letters or more
    ("two typos, long word", "kubrnets", "kubernetes", "top"),
    ("two typos, long word", "stakholdr management", "stakeholder-management", "top"),
    ("two typos, long word", "regulatroy afairs", "regulatory-affairs", "top"),
    ("two wrong letters, long word", "kubarnetas", "kubernetes", "top"),
    ("typos in two words", "stakeholdor managment", "stakeholder-management", "top"),
    # prefixes while typing
    ("prefix", "kube", "kubernetes", "top"),
    ("prefix", "python progr", "python-programming", "top"),
    ("unfinished last word", "structured interv", "structured-interviewing", "top"),
    # symbols and short terms
    ("symbol", "C#", "csharp", "top"),
    ("symbol", ".NET", "dotnet", "top"),
    ("two letters, an alias", "UX", "ux-design", "top"),
    ("short name, not a longer word", "java", "java", "top"),
    # other words, found by meaning
    *MEANING_CASES,
]


@pytest.mark.parametrize(
    ("query", "expected", "where"),
    [pytest.param(q, e, w, id=f"{kind}: {q}") for kind, q, e, w in CASES],
)
def test_query_finds_the_skill_a_recruiter_means(search_demo, query, expected, where):
    ranked = list(
        search_skills(Skill.objects.published(), query).values_list("slug", flat=True)[:3]
    )
    if where == "top":
        assert ranked[:1] == [expected], ranked
    else:
        assert expected in ranked, ranked


@pytest.mark.parametrize(
    ("query", "expected"), [pytest.param(q, e, id=q) for _, q, e, _ in MEANING_CASES]
)
def test_words_alone_miss_what_meaning_finds(search_demo, query, expected):
    lexical = search_skills(Skill.objects.published(), query, by_meaning=False)
    hybrid = search_skills(Skill.objects.published(), query)

    assert expected not in lexical.values_list("slug", flat=True)
    assert list(hybrid.values_list("slug", "found_by_meaning")[:1]) == [(expected, True)]


@pytest.fixture(scope="module")
def search_demo(django_db_setup, django_db_blocker):
    """The curated content imported once for the module (read-only cases), removed afterwards."""
    from search.indexing import rebuild_search_index
    from taxonomy.models import Category, JobTitle

    with django_db_blocker.unblock():
        call_command("import_taxonomy", *CONTENT_FIXTURES, verbosity=0)
    yield
    with django_db_blocker.unblock():
        Skill.objects.all().delete()
        JobTitle.objects.all().delete()
        while Category.objects.exists():
            Category.objects.filter(children__isnull=True).delete()
        rebuild_search_index()


@pytest.fixture(autouse=True)
def _db_access(search_demo, db):
    """Each case in its own rolled-back transaction over the module's content. Asking for
    ``db`` also tells pytest-django this module needs the test database: run alone, with no
    other test asking, the module read the development database instead ("no such table")."""
