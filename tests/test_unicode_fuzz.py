"""Arbitrary Unicode at every text field, through the API and both importers: never a 500 or
a traceback, and a refusal writes nothing (hypothesis generates the text).

The text mixes any code point (lone surrogates included), NUL, combining marks, characters
whose case folding differs from lower() ("İ", "ß", "ς"), and very long strings. Each example
runs in its own transaction, rolled back afterwards, so examples never see each other.
"""

import csv
import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.models import InterviewQuestion
from search.meaning import forget_vectors
from taxonomy.import_errors import ImportFailed
from taxonomy.importers.atlas import import_taxonomy
from taxonomy.importers.esco import import_esco
from taxonomy.models import Category, JobTitle, Skill, SkillAlias

from .factories import SkillFactory
from .test_import_esco import SKILL_COLUMNS, skill_row

pytestmark = pytest.mark.django_db

SPECIAL = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff",
    "\u0130",
    "i",
    "I\u0307",
    "ß",
    "SS",
    "ς",
    "e\u0301",
    "\u0301",
    "\ufeff",
    "\u202e",
    " ",
    "",
    "x" * 5000,
    "\U0001f600" * 300,
]
ANY_CHAR = st.characters(exclude_categories=())  # every code point, surrogates included
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(ANY_CHAR, max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIAL), st.text(ANY_CHAR, max_size=10)),
    st.text(st.sampled_from("İiIßsSςσΣ\u0307\u0301e"), min_size=1, max_size=8),
    st.text(ANY_CHAR, min_size=300, max_size=3000),
)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def snapshot():
    models = (Skill, SkillAlias, InterviewQuestion, Category, JobTitle)
    return [model.objects.count() for model in models] + [
        list(Skill.objects.order_by("pk").values_list("slug", "name", "summary", "updated"))
    ]


class Isolated:
    """Each example in a transaction that is rolled back, with fresh in-memory vectors."""

    def __enter__(self):
        forget_vectors()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return self

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        self.atomic.__exit__(*exc)


def post_json(client, method, url, body):
    # ensure_ascii: a lone surrogate travels as a JSON escape, as an attacker would send it
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def assert_answered(response):
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert response.json()["status"] == response.status_code


SCALARS = ["slug", "name", "summary", "definition", "status", "kind", "external_id"]


@FUZZ
@given(field=st.sampled_from(SCALARS), text=TEXT)
def test_api_create_with_any_text_in_a_scalar_field(editor_api_client, field, text):
    with Isolated():
        before = snapshot()
        body = {"slug": "fuzzed", "name": "Fuzzed", field: text}
        response = post_json(editor_api_client, "POST", "/api/v1/skills/", body)
        assert_answered(response)
        if response.status_code >= 400:
            assert snapshot() == before


LISTS = {
    "aliases": lambda text: [text],
    "resume_lines": lambda text: [text, "Ran the project"],
    "interview_questions": lambda text: [{"question": text, "guidance": text, "kind": "technical"}],
    "related": lambda text: [text],
    "job_titles": lambda text: [text],
    "category": lambda text: text,
}


@FUZZ
@given(field=st.sampled_from(sorted(LISTS)), text=TEXT, other=TEXT)
def test_api_update_with_any_text_in_a_list_changes_nothing_when_refused(
    editor_api_client, field, text, other
):
    with Isolated():
        skill = SkillFactory(slug="target")
        SkillAlias.objects.create(skill=skill, term="kept")
        before = snapshot()
        value = LISTS[field](text)
        if field == "aliases":
            value.append(other)
        response = post_json(editor_api_client, "PATCH", "/api/v1/skills/target/", {field: value})
        assert_answered(response)
        if response.status_code >= 400:
            assert snapshot() == before


URL_TEXT = TEXT.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t))
FILTERS = [
    "/api/v1/skills/?q=",
    "/api/v1/skills/?category=",
    "/api/v1/skills/?job_title=",
    "/api/v1/skills/?updated_since=",
    "/api/v1/skills/?status=",
    "/api/v1/skills/?ordering=",
    "/api/v1/skills/?page_size=",
    "/api/v1/interview-questions/?skill=",
    "/api/v1/kits/?skills=",
    "/skills/?category=",
    "/skills/?letter=",
    "/search/?q=",
    "/search/suggest/?q=",
]


@settings(FUZZ, max_examples=60)
@given(url=st.sampled_from(FILTERS), text=URL_TEXT)
def test_any_text_in_a_filter_is_answered(client, url, text):
    from urllib.parse import quote

    with Isolated():
        response = client.get(url + quote(text, safe=""))
        assert response.status_code < 500


def write_document(path, skill):
    document = {"format": "skill-atlas-taxonomy", "version": 1, "skills": [skill]}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def imported(run):
    """Runs an import; a refusal must be ImportFailed and leave the database as it was."""
    before = snapshot()
    try:
        run()
    except ImportFailed:
        assert snapshot() == before
        return False
    return True


IMPORT_FIELDS = ["slug", "name", "summary", "definition", "external_id", "aliases", "resume"]


def skill_record(field, text):
    record = {"slug": "fuzzed", "name": "Fuzzed"}
    if field == "aliases":
        record["aliases"] = [text, {"term": text + "x", "source": "esco"}]
    elif field == "resume":
        record["resume_examples"] = [text]
    else:
        record[field] = text
    return record


@FUZZ
@given(field=st.sampled_from(IMPORT_FIELDS), text=TEXT)
def test_import_taxonomy_json_with_any_text(tmp_path_factory, field, text):
    path = write_document(tmp_path_factory.mktemp("j") / "t.json", skill_record(field, text))
    with Isolated():
        imported(lambda: import_taxonomy([path]))


CSV_COLUMNS = ["record", "slug", "name", "summary", "definition", "category", "status", "kind"]
CSV_COLUMNS += ["external_id", "esco_fields", "skill", "term", "source", "text"]


@FUZZ
@given(column=st.sampled_from(["slug", "name", "summary", "definition", "term", "text"]), text=TEXT)
def test_import_taxonomy_csv_with_any_text(tmp_path_factory, column, text):
    path = tmp_path_factory.mktemp("c") / "t.csv"
    skill = {"record": "skill", "slug": "fuzzed", "name": "Fuzzed"}
    alias = {"record": "alias", "skill": "fuzzed", "term": "alias"}
    line = {"record": "resume_example", "skill": "fuzzed", "text": "Ran it"}
    target = alias if column == "term" else line if column == "text" else skill
    target[column] = text
    # surrogates cannot be UTF-8: written as the invalid bytes a broken file would hold
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows([skill, alias, line])
    with Isolated():
        imported(lambda: import_taxonomy([path], partial=True))


@FUZZ
@given(
    column=st.sampled_from(["preferredLabel", "altLabels", "description", "definition"]),
    text=TEXT,
)
def test_import_esco_with_any_text(tmp_path_factory, column, text):
    folder = tmp_path_factory.mktemp("esco")
    row = skill_row(1, "fuzzed skill")
    row[column] = text
    with (folder / "skills_en.csv").open(
        "w", encoding="utf-8", errors="surrogatepass", newline=""
    ) as handle:
        writer = csv.DictWriter(handle, fieldnames=SKILL_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows([row, skill_row(2, "other skill", alt=text[:50])])
    with Isolated():
        imported(lambda: import_esco(folder))


@pytest.mark.parametrize("word", ["internationalisation", "x" * 30, "a" * 200])
def test_autocomplete_of_a_long_word_is_answered(client, word):
    """Found by the filter fuzz: on SQLite a word of 15 letters or more made autocomplete's
    typo lookup an expression deeper than SQLite allows, a 503."""
    response = client.get("/search/suggest/", {"q": word})
    assert response.status_code == 200
    assert response.json()["results"] == []
