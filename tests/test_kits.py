"""Interview kits: the kit in its URL, editing without JavaScript, downloads, job titles."""

import csv
import io
from urllib.parse import unquote

import pytest
from django.urls import reverse

from interviews.kits import MAX_SKILLS, KitSpec
from interviews.models import InterviewQuestion
from interviews.views import KIT_COOKIE
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

KIT = "/kit/"
Kind = InterviewQuestion.Kind


def skill_with_questions(slug, kinds, **kwargs):
    skill = SkillFactory(slug=slug, name=kwargs.pop("name", slug.title()), **kwargs)
    for position, kind in enumerate(kinds):
        InterviewQuestionFactory(
            skill=skill, kind=kind, position=position, question=f"{slug} question {position}?"
        )
    return skill


def chosen_questions(response):
    return [q.question for q in response.context["kit"].questions]


# --- the kit's query string --------------------------------------------------------------


def test_spec_keeps_skill_order_and_drops_repeats():
    spec = KitSpec.from_query("skills=b,a,,b&skills=c")

    assert spec.slugs == ("b", "a", "c")


def test_spec_past_the_limit_keeps_the_first_twelve_and_names_the_rest():
    slugs = [f"s{n}" for n in range(15)]

    spec = KitSpec.from_query("skills=" + ",".join(slugs))

    assert spec.slugs == tuple(slugs[:MAX_SKILLS])
    assert spec.overflow == tuple(slugs[MAX_SKILLS:])


def test_spec_reads_chosen_questions_and_an_explicit_none():
    spec = KitSpec.from_query("skills=a,b,c&q.a=&q.a=12&q.a=g1&q.b=&q.zz=3")

    assert spec.choices == {"a": ("12", "g1"), "b": ()}


def test_spec_writes_back_the_same_kit():
    query = "skills=a,b&role=Data+analyst&job_title=analyst&q.a=12&q.a=g1&q.b="

    assert KitSpec.from_query(KitSpec.from_query(query).to_query()) == KitSpec.from_query(query)


def test_spec_moves_and_removes_within_the_ends():
    spec = KitSpec.from_query("skills=a,b,c&q.b=1")

    assert spec.moving("a", -1).slugs == ("a", "b", "c")
    assert spec.moving("a", 1).slugs == ("b", "a", "c")
    assert spec.moving("c", -1).slugs == ("a", "c", "b")
    assert spec.removing("b").slugs == ("a", "c")
    assert "b" not in spec.removing("b").choices


# --- the kit page ------------------------------------------------------------------------


def test_kit_starts_each_skill_with_three_questions_of_different_kinds(client):
    skill_with_questions(
        "sql", [Kind.TECHNICAL, Kind.TECHNICAL, Kind.BEHAVIOURAL, Kind.KNOWLEDGE, Kind.SITUATIONAL]
    )

    response = client.get(KIT, {"skills": "sql"})

    assert chosen_questions(response) == ["sql question 0?", "sql question 2?", "sql question 3?"]


def test_kit_of_more_than_four_skills_starts_with_two_questions_each(client):
    for n in range(5):
        skill_with_questions(f"skill-{n}", [Kind.BEHAVIOURAL, Kind.TECHNICAL, Kind.KNOWLEDGE])

    response = client.get(KIT, {"skills": ",".join(f"skill-{n}" for n in range(5))})

    assert [len(s.chosen) for s in response.context["kit"].skills] == [2] * 5


def test_kit_asks_the_chosen_questions_in_the_chosen_skill_order(client):
    sql = skill_with_questions("sql", [Kind.TECHNICAL, Kind.BEHAVIOURAL])
    excel = skill_with_questions("excel", [Kind.TECHNICAL, Kind.BEHAVIOURAL])
    last = sql.interview_questions.last()

    response = client.get(KIT, {"skills": "excel,sql", f"q.{sql.slug}": [last.pk], "q.excel": ""})

    assert [s.skill for s in response.context["kit"].skills] == [excel, sql]
    assert chosen_questions(response) == ["sql question 1?"]
    assert f"Q1</span> {last.question}" in response.text


def test_kit_shows_minutes_per_question_and_the_total(client):
    skill_with_questions("sql", [Kind.BEHAVIOURAL, Kind.TECHNICAL, Kind.KNOWLEDGE])

    response = client.get(KIT, {"skills": "sql"})

    # 6 + 5 + 3 minutes of questions, plus 10 for the welcome and the candidate's questions.
    assert "about <strong>24 minutes</strong>" in response.text
    assert "14 for questions" in response.text


def test_kit_names_the_role(client):
    skill_with_questions("sql", [Kind.TECHNICAL])

    response = client.get(KIT, {"skills": "sql", "role": "Data <analyst>"})

    assert "<h1>Interview kit: Data &lt;analyst&gt;</h1>" in response.text


def test_unknown_and_draft_skills_are_named_and_the_kit_goes_on(client):
    skill_with_questions("sql", [Kind.TECHNICAL])
    SkillFactory(slug="secret", status=Skill.Status.DRAFT)

    response = client.get(KIT, {"skills": "sql,no-such-skill,secret"})

    assert response.status_code == 200
    assert response.context["kit"].missing == ["no-such-skill", "secret"]
    assert "“no-such-skill”" in response.text and "The kit goes on without them" in response.text


def test_staff_see_draft_skills_in_a_kit(editor_client):
    SkillFactory(slug="secret", status=Skill.Status.DRAFT)

    response = editor_client.get(KIT, {"skills": "secret"})

    assert response.status_code == 200 and not response.context["kit"].missing


def test_a_kit_of_only_unknown_skills_is_a_404_that_says_why(client):
    response = client.get(KIT, {"skills": "no-such-skill"})

    assert response.status_code == 404
    assert "No published skill has the address “no-such-skill”" in response.text


def test_a_kit_past_the_limit_keeps_twelve_and_lists_those_left_out(client):
    slugs = [skill_with_questions(f"s{n:02}", [Kind.TECHNICAL]).slug for n in range(14)]

    response = client.get(KIT, {"skills": ",".join(slugs)})

    assert response.status_code == 200
    assert len(response.context["kit"].skills) == MAX_SKILLS
    assert "A kit holds at most 12 skills" in response.text
    assert "“s12”, “s13”" in response.text


def test_chosen_questions_that_no_longer_exist_are_reported(client):
    skill_with_questions("sql", [Kind.TECHNICAL])

    response = client.get(KIT, {"skills": "sql", "q.sql": ["999999"]})

    assert "1 chosen question no longer exists" in response.text


def test_kit_pages_are_not_for_search_engines(client):
    skill_with_questions("sql", [Kind.TECHNICAL])

    response = client.get(KIT, {"skills": "sql"})

    assert response.headers["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text


def test_malformed_kit_urls_never_fail(client):
    for query in [
        "skills=%00",
        "skills=a%00b&job_title=%00&role=%00",
        "skills=" + "x" * 5000,
        "q.=1&skills=,,,",
        "role=" + "r" * 999,
    ]:
        response = client.get(f"{KIT}?{query}")

        assert response.status_code in (200, 400, 404)  # a NUL is a 400 (ops/request_guard)


def test_empty_kit_explains_how_to_start_one(client):
    response = client.get(KIT)

    assert "Start a kit" in response.text
    assert reverse("interviews:kit-from-text") in response.text
    assert response.headers["Cache-Control"] == "private"


def test_empty_kit_opens_the_visitors_current_kit(client):
    client.cookies[KIT_COOKIE] = "skills%3Dsql"

    response = client.get(KIT)

    assert response.status_code == 302 and response.url == "/kit/?skills=sql"


# --- generic questions -------------------------------------------------------------------


def test_skill_without_written_questions_gets_two_labelled_generic_ones(client):
    SkillFactory(slug="negotiate-price", name="negotiate price")

    response = client.get(KIT, {"skills": "negotiate-price"})

    questions = response.context["kit"].questions
    assert [q.is_generic for q in questions] == [True, True]
    assert questions[0].question.startswith("Tell me about a time you had to negotiate price.")
    assert response.text.count("Generic question</span>") == 2
    assert "STAR" not in questions[0].guidance or "Situation" in questions[0].guidance


def test_skill_with_one_written_question_is_topped_up_with_a_generic_one(client):
    skill_with_questions("sql", [Kind.TECHNICAL])

    response = client.get(KIT, {"skills": "sql"})

    assert [q.is_generic for q in response.context["kit"].questions] == [False, True]


def test_generic_questions_never_make_a_skill_count_as_complete(client):
    skill = SkillFactory(slug="negotiate-price", name="negotiate price")

    client.get(KIT, {"skills": "negotiate-price"})

    skill.refresh_from_db()
    assert skill.question_count == 0 and not skill.is_complete
    assert not InterviewQuestion.objects.exists()


def test_editors_get_a_link_to_write_a_generic_question(editor_client):
    skill = SkillFactory(slug="negotiate-price", name="negotiate price")

    response = editor_client.get(KIT, {"skills": "negotiate-price"})

    add = reverse("admin:interviews_interviewquestion_add")
    assert f"{add}?skill={skill.pk}&amp;generic=g1" in response.text


def test_visitors_get_no_admin_link(client):
    SkillFactory(slug="negotiate-price", name="negotiate price")

    response = client.get(KIT, {"skills": "negotiate-price"})

    assert "/admin/" not in response.text


def test_admin_add_form_starts_from_the_generic_question(editor_client):
    skill = SkillFactory(name="negotiate price")

    response = editor_client.get(
        reverse("admin:interviews_interviewquestion_add"), {"skill": skill.pk, "generic": "g1"}
    )

    form = response.context["adminform"].form
    assert form.initial["question"].startswith("Tell me about a time you had to negotiate price.")
    assert form.initial["kind"] == "behavioural"
    assert "Situation" in form.initial["guidance"]


def test_a_generic_question_saved_in_admin_becomes_written_and_counts(editor_client):
    skill = SkillFactory(name="negotiate price")

    response = editor_client.post(
        reverse("admin:interviews_interviewquestion_add"),
        {
            "skill": skill.pk,
            "question": "Tell me about a time you had to negotiate price with a key supplier.",
            "guidance": "A specific deal, their walk-away point and the outcome.",
            "kind": "behavioural",
            "position": 0,
        },
    )

    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.question_count == 1
    kit = editor_client.get(KIT, {"skills": skill.slug}).context["kit"]
    assert [q.is_generic for q in kit.questions] == [False, True]


# --- editing without JavaScript: /kit/change/ -----------------------------------------------


def cookie_kit(response):
    return KitSpec.from_query(unquote(response.cookies[KIT_COOKIE].value))


def test_add_link_adds_to_the_current_kit_and_opens_it(client):
    client.cookies[KIT_COOKIE] = "skills%3Dsql%26role%3DAnalyst"

    response = client.get("/kit/change/", {"add": "excel"})

    assert response.status_code == 302
    assert response.url == "/kit/?skills=sql,excel&role=Analyst"
    assert cookie_kit(response).slugs == ("sql", "excel")
    assert response.cookies[KIT_COOKIE]["samesite"] == "Lax"


def test_add_link_without_a_kit_starts_one(client):
    response = client.get("/kit/change/", {"add": "sql"})

    assert response.url == "/kit/?skills=sql"


def test_adding_a_skill_twice_keeps_one(client):
    client.cookies[KIT_COOKIE] = "skills%3Dsql"

    response = client.get("/kit/change/", {"add": "sql"})

    assert response.url == "/kit/?skills=sql"


def test_adding_past_the_limit_is_refused_with_a_message(client):
    slugs = [skill_with_questions(f"s{n:02}", [Kind.TECHNICAL]).slug for n in range(12)]
    skill_with_questions("one-more", [Kind.TECHNICAL])
    client.cookies[KIT_COOKIE] = "skills%3D" + "%2C".join(slugs)

    response = client.get("/kit/change/", {"add": "one-more"}, follow=True)

    assert len(response.context["kit"].skills) == 12
    assert "“one-more” was not added: the kit already has 12 skills" in response.text


def test_kit_form_moves_a_skill_and_keeps_the_choices(client):
    response = client.get(
        "/kit/change/", {"skills": "a,b,c", "q.b": ["", "5"], "role": "R", "down": "a"}
    )

    assert response.url == "/kit/?skills=b,a,c&role=R&q.b=5"
    assert cookie_kit(response).slugs == ("b", "a", "c")


def test_kit_form_removes_a_skill(client):
    response = client.get("/kit/change/", {"skills": "a,b", "q.a": "1", "remove": "a"})

    assert response.url == "/kit/?skills=b"


def test_advert_form_starts_a_new_kit(client):
    client.cookies[KIT_COOKIE] = "skills%3Dold"

    response = client.get("/kit/change/", {"new": "1", "skills": ["sql", "excel"], "role": "BI"})

    assert response.url == "/kit/?skills=sql,excel&role=BI"


# --- from a job title ----------------------------------------------------------------------


def test_kit_from_a_job_title_takes_its_best_covered_skills(client):
    title = JobTitleFactory(name="Data Analyst", slug="data-analyst")
    rich = skill_with_questions("sql", [Kind.TECHNICAL] * 4, job_titles=[title])
    for n in range(7):
        skill_with_questions(f"other-{n}", [Kind.TECHNICAL], job_titles=[title])
    rich.question_count = 4
    rich.save()

    response = client.get(KIT, {"job_title": "data-analyst"})

    assert response.status_code == 302
    spec = KitSpec.from_query(response.url.split("?", 1)[1])
    assert spec.slugs[0] == "sql" and len(spec.slugs) == 6
    assert spec.role == "Data Analyst" and spec.job_title == "data-analyst"


def test_kit_from_a_job_title_offers_its_other_skills(client):
    title = JobTitleFactory(slug="data-analyst")
    for n in range(8):
        skill_with_questions(f"s{n}", [Kind.TECHNICAL], job_titles=[title])

    response = client.get(KIT, {"skills": "s0", "job_title": "data-analyst"})

    assert len(response.context["other_skills"]) == 7
    assert 'name="add" value="s1"' in response.text


def test_kit_from_an_unknown_job_title_is_a_404(client):
    assert client.get(KIT, {"job_title": "nobody"}).status_code == 404


def test_job_title_page_links_to_its_kit(client):
    title = JobTitleFactory(slug="data-analyst")
    SkillFactory(job_titles=[title])

    response = client.get(title.get_absolute_url())

    assert 'href="/kit/?job_title=data-analyst">Interview kit for this job</a>' in response.text


def test_job_title_page_without_skills_has_no_kit_link(client):
    title = JobTitleFactory()

    assert "Interview kit for this job" not in client.get(title.get_absolute_url()).text


# --- add to kit on skill pages, cards and search results --------------------------------------


@pytest.mark.parametrize("page", ["skill", "card", "search"])
def test_skill_page_cards_and_search_results_offer_add_to_kit(client, page):
    skill = SkillFactory(name="Kubernetes", slug="kubernetes")
    content_changed(skills=[skill.pk])  # into the search index
    url = {
        "skill": skill.get_absolute_url(),
        "card": skill.category.get_absolute_url(),
        "search": "/search/?q=kubernetes",
    }[page]

    response = client.get(url)

    assert 'href="/kit/change/?add=kubernetes"' in response.text
    assert 'aria-label="Add to interview kit: Kubernetes"' in response.text


# --- sourcing, Markdown and CSV -------------------------------------------------------------


def test_sourcing_string_names_the_role_and_the_first_skills_with_aliases(client):
    title = JobTitleFactory(name="Data Analyst")
    sql = skill_with_questions("sql", [Kind.TECHNICAL], name="SQL", job_titles=[title])
    SkillAliasFactory(skill=sql, term="T-SQL")
    skill_with_questions("excel", [Kind.TECHNICAL], name="Excel", job_titles=[title])

    response = client.get(KIT, {"skills": "sql,excel", "role": "BI analyst"})

    assert response.context["sourcing_string"] == (
        '("BI analyst" OR "Data Analyst") AND ("SQL" OR "T-SQL") AND ("Excel")'
    )


def test_markdown_download_is_the_scorecard_as_text(client):
    skill_with_questions("sql", [Kind.TECHNICAL], name="SQL")

    response = client.get("/kit/interview-kit.md", {"skills": "sql", "role": "Data analyst"})

    text = response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="data-analyst-kit.md"'
    assert text.startswith("# Interview kit: Data analyst")
    assert "1. **sql question 0?** (Technical, 5 min)" in text
    assert "What a strong answer shows: Concrete examples" in text
    assert "Overall rating for SQL (1–4): ____" in text


def test_markdown_download_shows_markup_in_questions_as_written(client):
    skill = SkillFactory(slug="sql", name="SQL")
    InterviewQuestionFactory(skill=skill, question="Use *this* [link](http://x)?")

    text = client.get("/kit/interview-kit.md", {"skills": "sql"}).content.decode()

    assert r"Use \*this\* \[link\]\(http://x\)?" in text


def test_csv_download_has_a_row_per_question_and_no_formulas(client):
    skill = SkillFactory(slug="sql", name="=HYPERLINK(1)")
    InterviewQuestionFactory(skill=skill, question="First?")
    InterviewQuestionFactory(skill=skill, question="Second?", kind=Kind.KNOWLEDGE)

    response = client.get("/kit/interview-kit.csv", {"skills": "sql"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [r["question"] for r in rows] == ["First?", "Second?"]
    assert rows[0]["skill"] == "'=HYPERLINK(1)"
    assert rows[1]["kind"] == "knowledge" and rows[1]["minutes"] == "3"


# --- a fixed number of queries -------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 12])
def test_kit_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    title = JobTitleFactory(slug="analyst")
    slugs = []
    for n in range(count):
        skill = skill_with_questions(f"s{n:02}", [Kind.TECHNICAL] * 6, job_titles=[title])
        SkillAliasFactory.create_batch(4, skill=skill)
        slugs.append(skill.slug)
    SkillFactory(slug="generic-only", job_titles=[title])

    # skills, their questions, aliases and job titles; with a job title: it, and its other skills
    with django_assert_num_queries(4):
        plain = client.get(KIT, {"skills": ",".join(slugs)})
    with django_assert_num_queries(6):
        from_title = client.get(KIT, {"skills": ",".join(slugs), "job_title": "analyst"})

    assert len(plain.context["kit"].skills) == count
    assert from_title.context["other_skills"][0].slug == "generic-only"


@pytest.mark.parametrize("count", [1, 12])
def test_kit_downloads_run_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    slugs = [skill_with_questions(f"s{n:02}", [Kind.TECHNICAL] * 5).slug for n in range(count)]

    for url in ("/kit/interview-kit.md", "/kit/interview-kit.csv"):
        with django_assert_num_queries(4):
            client.get(url, {"skills": ",".join(slugs)})


def test_advert_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    title = JobTitleFactory(name="Data Analyst")
    for n in range(20):
        skill = SkillFactory(name=f"Tool{n}", slug=f"tool-{n}", job_titles=[title])
        content_changed(skills=[skill.pk])
    content_changed(skills=[SkillFactory(name="Negotiate contracts with suppliers").pk])
    client.post("/kit/from-text/", {"text": "warm up"})
    advert = "Data Analyst wanted. " + ", ".join(f"Tool{n}" for n in range(20)) + "."
    advert += " You will negotiate supplier contracts."

    # names and aliases, their skills, job title freshness, the titles found, their skills,
    # then by meaning: the vectors' version and the visible skills among the close ones
    with django_assert_num_queries(7):
        response = client.post("/kit/from-text/", {"text": advert})

    assert len(response.context["extraction"].skills) == 21
