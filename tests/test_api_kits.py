"""GET /api/v1/kits/ and POST /api/v1/extract/: shapes, bad input, throttling, query counts."""

import pytest

from interviews.models import InterviewQuestion
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import InterviewQuestionFactory, JobTitleFactory, SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db

KITS = "/api/v1/kits/"
EXTRACT = "/api/v1/extract/"


def skill_with_questions(slug, count=3, **kwargs):
    skill = SkillFactory(slug=slug, name=slug.upper(), **kwargs)
    kinds = list(InterviewQuestion.Kind)
    for n in range(count):
        InterviewQuestionFactory(
            skill=skill, kind=kinds[n % 4], position=n, question=f"{slug} {n}?"
        )
    return skill


def errors(response):
    assert response["Content-Type"] == "application/json"
    return response.json()["errors"]


# --- kits ----------------------------------------------------------------------------------


def test_kit_json_has_the_chosen_questions_the_others_and_the_totals(api_client):
    sql = skill_with_questions("sql", 4)
    skill_with_questions("excel", 1)
    chosen = sql.interview_questions.order_by("position")[1]

    response = api_client.get(KITS, {"skills": "sql,excel", "role": "Analyst", "q.sql": chosen.pk})

    body = response.json()
    assert response.status_code == 200
    assert body["role"] == "Analyst" and body["job_title"] is None
    assert [s["slug"] for s in body["skills"]] == ["sql", "excel"]
    first, second = body["skills"]
    assert [q["id"] for q in first["questions"]] == [chosen.pk]
    assert len(first["other_questions"]) == 3
    assert [q["generic"] for q in second["questions"]] == [False, True]
    assert second["questions"][1]["key"] == "g1" and second["questions"][1]["id"] is None
    assert body["question_count"] == 3
    assert body["total_minutes"] == body["question_minutes"] + 10
    assert [a["value"] for a in body["rating_scale"]] == [1, 2, 3, 4]
    assert (
        body["page_url"]
        == f"http://testserver/kit/?skills=sql,excel&role=Analyst&q.sql={chosen.pk}"
    )
    assert body["csv_url"].startswith("http://testserver/kit/interview-kit.csv?skills=sql,excel")


def test_kit_json_from_a_job_title(api_client):
    title = JobTitleFactory(slug="analyst", name="Analyst")
    skill_with_questions("sql", job_titles=[title])

    body = api_client.get(KITS, {"job_title": "analyst"}).json()

    assert body["role"] == "Analyst"
    assert body["job_title"]["slug"] == "analyst"
    assert [s["slug"] for s in body["skills"]] == ["sql"]


def test_kit_json_sourcing_string_uses_aliases(api_client):
    sql = skill_with_questions("sql")
    SkillAliasFactory(skill=sql, term="T-SQL")

    body = api_client.get(KITS, {"skills": "sql"}).json()

    assert body["sourcing_string"] == '("SQL" OR "T-SQL")'


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "skills", "Name the skills as comma-separated slugs"),
        ({"skills": ",,"}, "skills", "Name the skills"),
        ({"skills": "sql,nope"}, "skills", "No published skill has the slug “nope”."),
        ({"skills": "secret"}, "skills", "No published skill has the slug “secret”."),
        ({"skills": ",".join(f"s{n}" for n in range(13))}, "skills", "at most 12 skills; 13"),
        ({"skills": "sql", "q.sql": "999999"}, "q.sql", "has no question 999999"),
        ({"skills": "sql", "q.sql": "g1"}, "q.sql", "has no question g1"),
        ({"job_title": "nobody"}, "job_title", "There is no job title “nobody”."),
        ({"skills": "no\x00pe"}, "skills", "Contains a NUL character (%00)"),
        ({"skills": "sql", "job_title": "nobody"}, "job_title", "There is no job title"),
    ],
)
def test_bad_kit_queries_are_400s_naming_the_problem(api_client, params, field, message):
    skill_with_questions("sql")
    SkillFactory(slug="secret", status=Skill.Status.DRAFT)

    response = api_client.get(KITS, params)

    assert response.status_code == 400
    assert message in " ".join(errors(response)[field])


def test_editors_can_put_draft_skills_in_a_kit(editor_api_client):
    skill_with_questions("secret", status=Skill.Status.DRAFT)

    assert editor_api_client.get(KITS, {"skills": "secret"}).status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_kit_json_runs_a_fixed_number_of_queries(api_client, django_assert_num_queries, count):
    title = JobTitleFactory(slug="analyst")
    slugs = [skill_with_questions(f"s{n:02}", 6, job_titles=[title]).slug for n in range(count)]
    for slug in slugs:
        SkillAliasFactory.create_batch(3, skill=Skill.objects.get(slug=slug))

    # skills, their questions, aliases and job titles; the job title
    with django_assert_num_queries(5):
        response = api_client.get(KITS, {"skills": ",".join(slugs), "job_title": "analyst"})

    assert len(response.json()["skills"]) == count


# --- extract -------------------------------------------------------------------------------


@pytest.fixture
def indexed_skills():
    skills = [
        SkillFactory(name="SQL", slug="sql"),
        SkillFactory(name="Python", slug="python"),
        SkillFactory(name="R", slug="r"),
    ]
    content_changed(skills=[s.pk for s in skills])
    title = JobTitleFactory(name="Data Analyst", slug="data-analyst")
    skills[0].job_titles.add(title)


def test_extract_returns_skills_with_their_matches(api_client, indexed_skills):
    text = "Data Analyst: you know SQL, Python and R. You excel at go-getting."

    response = api_client.post(EXTRACT, {"text": text}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["skills"][0] == {
        "slug": "sql",
        "name": "SQL",
        "url": "http://testserver/skills/sql/",
        "matches": [{"start": 23, "end": 26, "text": "SQL", "via": "name"}],
    }
    assert [s["slug"] for s in body["skills"]] == ["sql", "python", "r"]
    assert body["job_titles"] == [
        {
            "slug": "data-analyst",
            "name": "Data Analyst",
            "url": "http://testserver/job-titles/data-analyst/",
            "matches": [{"start": 0, "end": 12, "text": "Data Analyst", "via": "job_title"}],
            "skills": ["sql"],
        }
    ]
    assert "no-store" in response["Cache-Control"]


def test_extract_finds_nothing_in_text_without_skills(api_client, indexed_skills):
    response = api_client.post(EXTRACT, {"text": "We are a friendly team."}, format="json")

    assert response.json() == {"skills": [], "job_titles": []}


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "text", "Send the text of a job advert as `text`."),
        ({"text": ""}, "text", "it is empty"),
        ({"text": "  \n "}, "text", "only spaces"),
        ({"text": "x" * 20_001}, "text", "longer than 20,000 characters"),
        ({"text": {"a": 1}}, "text", "Not a valid string."),
        ([1, 2], "non_field_errors", "Expected a dictionary"),
    ],
)
def test_bad_extract_requests_are_400s_naming_the_problem(api_client, body, field, message):
    response = api_client.post(EXTRACT, body, format="json")

    assert response.status_code == 400
    assert message in " ".join(errors(response)[field])


def test_extract_rejects_malformed_json_and_other_media_types(api_client):
    malformed = api_client.post(EXTRACT, "{text:", content_type="application/json")
    form = api_client.post(EXTRACT, {"text": "SQL"})

    assert malformed.status_code == 400
    assert form.status_code == 415


def test_extract_accepts_text_of_exactly_the_limit(api_client, indexed_skills):
    text = ("SQL " * 5000)[:20_000]

    assert api_client.post(EXTRACT, {"text": text}, format="json").status_code == 200


def test_extract_has_its_own_tighter_throttle(api_client, settings, indexed_skills):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "extract": "2/min"},
    }
    responses = [api_client.post(EXTRACT, {"text": "SQL"}, format="json") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[2].json()["code"] == "throttled"
    assert "Retry-After" in responses[2]
    assert api_client.get(KITS, {"skills": "sql"}).status_code == 200  # other endpoints go on


def test_extract_is_public_and_needs_no_csrf_token(client, indexed_skills):
    client.enforce_csrf_checks = True

    response = client.post(EXTRACT, {"text": "SQL"}, content_type="application/json")

    assert response.status_code == 200
