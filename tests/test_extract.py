"""Reading a job advert: what it names, where, and only in a context that makes it the skill.
The text is never stored or logged, even when something goes wrong."""

import logging
import sys

import pytest
from django.core.signals import got_request_exception
from django.test import override_settings
from django.views.debug import ExceptionReporter

from search import extract
from search.extract import MAX_TEXT_LENGTH, TextTooLong, find_skills
from taxonomy.changes import content_changed
from taxonomy.models import Skill

from .factories import JobTitleFactory, SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db


def skill(name, slug, *aliases, **kwargs):
    created = SkillFactory(name=name, slug=slug, **kwargs)
    for alias in aliases:
        SkillAliasFactory(skill=created, term=alias)
    content_changed(skills=[created.pk])
    return created


@pytest.fixture
def tech_skills():
    for args in [
        ("Go", "go", "Golang"),
        ("R", "r"),
        ("Python", "python"),
        ("SQL", "sql", "T-SQL", "PL/SQL"),
        ("Microsoft Excel", "excel", "Excel"),
        ("Leadership", "leadership", "lead"),
        ("Swift", "swift"),
        ("React", "react"),
        ("React Native", "react-native"),
        ("C#", "csharp"),
        ("C++", "cpp"),
        ("Public Relations", "pr", "PR"),
        ("Power BI", "power-bi"),
        ("Data Pipelines", "pipelines"),
        ("Stakeholder Management", "stakeholders"),
    ]:
        skill(*args)


def slugs(text):
    return [found.skill.slug for found in find_skills(text, Skill.objects.all()).skills]


def test_names_and_aliases_are_found_in_order_of_appearance(tech_skills):
    assert slugs("You know SQL and Golang, and Python is a plus.") == ["sql", "go", "python"]


def test_matches_carry_offsets_into_the_text_as_given(tech_skills):
    text = "Reports in Power-BI,\r\n and (PL/SQL)."

    found = find_skills(text, Skill.objects.all()).skills

    spans = {f.skill.slug: [(m.start, m.end, m.text, m.via) for m in f.matches] for f in found}
    assert spans["power-bi"] == [(11, 19, "Power-BI", "name")]
    assert spans["sql"] == [(28, 34, "PL/SQL", "alias")]
    assert text[28:34] == "PL/SQL"


def test_case_accents_and_plurals_do_not_matter_for_long_names(tech_skills):
    assert slugs("STAKEHOLDER MANAGEMENT and building data pipelines") == [
        "stakeholders",
        "pipelines",
    ]


def test_the_longest_name_wins(tech_skills):
    assert slugs("Experience with React Native apps") == ["react-native"]


@pytest.mark.parametrize(
    "text",
    [
        "You will excel at building relationships.",
        "Excel at stakeholder engagement.",
        "We go the extra mile for customers.",
        "Go beyond the brief.",
        "A go-getter attitude.",
        "Work with our R&D team.",
        "You will lead the team.",
        "Lead the weekly review.",
        "A swift response to incidents.",
        "We react quickly to feedback.",
        "Review PRs from the team.",
        "Pull requests and the letter r.",
    ],
)
def test_short_and_ordinary_words_are_not_skills_out_of_context(tech_skills, text):
    """A sentence starting with an ordinary word needs a cue even when it is the skill
    ("Python is a plus." alone is not taken): "Go beyond" and "Lead the" look the same."""
    found = set(slugs(text)) - {"stakeholders"}

    assert found == set(), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our backend is written in Go and Python.", {"go", "python"}),
        ("Experience with Python, R and SQL.", {"python", "r", "sql"}),
        ("Senior Go Engineer", {"go"}),
        ("Strong Excel skills.", {"excel"}),
        ("Statistics in R.", {"r"}),
        ("You will write Swift for iOS and SQL.", {"swift", "sql"}),
        ("Briefing our PR agency, PR and SQL.", {"pr", "sql"}),
    ],
)
def test_short_and_ordinary_words_count_in_a_context_that_makes_them_skills(
    tech_skills, text, expected
):
    assert set(slugs(text)) == expected


def test_c_sharp_and_c_plus_plus_are_told_apart(tech_skills):
    assert slugs("Modern C++ and some Python.") == ["cpp", "python"]
    assert slugs("Python and C#, not C.") == ["python", "csharp"]


def test_an_ing_word_used_as_a_verb_is_not_the_skill():
    skill("Talent Acquisition", "ta", "Recruiting")

    assert slugs("The department is recruiting a policy adviser.") == []
    assert slugs("Recruiting and onboarding engineers.") == ["ta"]


def test_a_phrase_does_not_cross_a_sentence_or_a_bullet(tech_skills):
    assert slugs("We build data. Pipelines matter.\n• Stakeholder\n• management") == []


def test_a_line_wrapped_in_lower_case_goes_on(tech_skills):
    assert slugs("weekly stakeholder\nmanagement") == ["stakeholders"]


def test_a_name_beats_an_alias_of_another_skill():
    skill("Recruitment", "recruitment")
    skill("Talent Acquisition", "ta", "Recruitment")

    assert slugs("Recruitment") == ["recruitment"]


def test_only_visible_skills_are_found():
    skill("Kubernetes", "kubernetes", status=Skill.Status.DRAFT)

    assert find_skills("Kubernetes", Skill.objects.published()).skills == []


def test_job_titles_are_found_with_their_skills():
    sql = skill("SQL", "sql")
    title = JobTitleFactory(name="Data Analyst", alternative_labels="BI analyst\nReporting analyst")
    sql.job_titles.add(title)

    found = find_skills("Our new BI Analyst will own reporting.", Skill.objects.all()).job_titles

    assert [(f.job_title, [m.text for m in f.matches], f.skills) for f in found] == [
        (title, ["BI Analyst"], [extract.SkillRef(sql.pk, "sql", "SQL")])
    ]


def test_job_titles_are_read_again_when_they_change():
    find_skills("Data Analyst", Skill.objects.all())
    JobTitleFactory(name="Data Analyst")

    assert len(find_skills("Data Analyst", Skill.objects.all()).job_titles) == 1


def test_text_past_the_limit_is_refused():
    with pytest.raises(TextTooLong, match="20,000"):
        find_skills("x" * (MAX_TEXT_LENGTH + 1), Skill.objects.all())


def test_a_sentence_close_in_meaning_suggests_a_skill_after_the_named_ones(tech_skills):
    """No name or alias of the skill appears, but one sentence says the same thing: it is
    offered after the skills named outright, with that sentence as its phrase."""
    skill("Negotiate contracts with suppliers", "negotiate-supplier-contracts")

    found = find_skills(
        "We write Golang. You will negotiate supplier contracts.", Skill.objects.all()
    ).skills

    assert [f.skill.slug for f in found] == ["go", "negotiate-supplier-contracts"]
    [match] = found[1].matches
    assert (match.via, match.text) == ("meaning", "You will negotiate supplier contracts")


def test_a_loosely_related_sentence_suggests_nothing(tech_skills):
    """Precision first: "data pipeline systems" is related to Data Pipelines, not the same."""
    found = find_skills("Building reliable data pipeline systems matters.", Skill.objects.all())

    assert all(m.via != "meaning" for f in found.skills for m in f.matches)


def test_extraction_runs_a_fixed_number_of_queries(tech_skills, django_assert_num_queries):
    JobTitleFactory(name="Data Analyst")
    skill("Negotiate contracts with suppliers", "negotiate-supplier-contracts")
    find_skills("warm the job title cache", Skill.objects.all())
    text = "Data Analyst. " + " ".join(["We want SQL, Python and Power BI."] * 150)
    text += " You will negotiate supplier contracts."

    # names and aliases, their skills, job title freshness, the job titles found, their skills,
    # then by meaning: the vectors' version and the visible skills among the close ones
    with django_assert_num_queries(7):
        extraction = find_skills(text, Skill.objects.all())

    assert "meaning" in {match.via for found in extraction.skills for match in found.matches}


# --- /kit/from-text/ ------------------------------------------------------------------------


ADVERT = "Data Analyst needed: SQL, Python and Power BI. You will excel at stakeholder management."


def test_advert_page_lists_the_skills_with_their_phrases(client, tech_skills):
    response = client.post("/kit/from-text/", {"text": ADVERT})

    assert response.status_code == 200
    found = [f.skill.slug for f in response.context["extraction"].skills]
    assert found == ["sql", "python", "power-bi", "stakeholders"]
    assert 'name="skills" value="sql" id="pick-sql" checked' in response.text
    assert "from “stakeholder management”" in response.text
    assert response.headers["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_advert_page_refuses_empty_and_oversized_text_and_keeps_it(client):
    empty = client.post("/kit/from-text/", {"text": "   "})
    long_text = "word " * 4001 + "x"
    too_long = client.post("/kit/from-text/", {"text": long_text})

    assert empty.status_code == 400 and "Paste the text of a job advert" in empty.text
    assert too_long.status_code == 400
    assert "please paste at most 20,000" in too_long.text
    assert long_text.strip() in too_long.text  # nothing typed is lost


def test_advert_line_breaks_count_once(client):
    text = "a\r\n" * 9999  # 29,997 characters sent, 19,998 in the box

    assert client.post("/kit/from-text/", {"text": text}).status_code == 200


def test_advert_text_is_never_logged(client, tech_skills, caplog):
    secret = "Confidential advert for Project Nightingale: SQL and Python."
    with override_settings(LOG_FORMAT="json"), caplog.at_level(logging.DEBUG):
        client.post("/kit/from-text/", {"text": secret})
        client.post("/kit/from-text/", {"text": secret * 400})
        client.post("/api/v1/extract/", {"text": secret}, content_type="application/json")

    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "Nightingale" not in logged


def test_advert_text_is_hidden_from_error_reports(client, tech_skills, monkeypatch):
    """Should reading the advert ever fail, the error report (mail to admins, logs) shows
    neither the posted text nor the variables holding it."""
    secret = "Confidential advert for Project Nightingale: SQL."
    reports = []

    def report(sender, request, **kwargs):
        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_text())

    def broken(words):
        raise RuntimeError("the reader broke")

    monkeypatch.setattr(extract, "_runs", broken)
    got_request_exception.connect(report)
    client.raise_request_exception = False
    try:
        for send in (
            lambda: client.post("/kit/from-text/", {"text": secret}),
            lambda: client.post(
                "/api/v1/extract/", {"text": secret}, content_type="application/json"
            ),
        ):
            assert send().status_code == 500
    finally:
        got_request_exception.disconnect(report)

    assert len(reports) == 2
    assert all("the reader broke" in r and "Nightingale" not in r for r in reports)


def test_an_ordinary_word_is_a_job_title_only_as_written():
    JobTitleFactory(name="Buyer")

    assert find_skills("You work closely with buyers.", Skill.objects.all()).job_titles == []
    assert len(find_skills("We need a Buyer for Spain.", Skill.objects.all()).job_titles) == 1


def test_advert_page_offers_a_close_match_by_meaning_unticked(client, tech_skills):
    """A suggestion by meaning is labelled and left for the recruiter to tick."""
    skill("Negotiate contracts with suppliers", "negotiate-supplier-contracts")

    response = client.post(
        "/kit/from-text/", {"text": "SQL daily. You will negotiate supplier contracts."}
    )

    assert 'value="sql" id="pick-sql" checked' in response.text
    assert 'id="pick-negotiate-supplier-contracts">' in response.text
    assert "Close match by meaning" in response.text
