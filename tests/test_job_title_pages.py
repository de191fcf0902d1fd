"""A job title page shows the first of its skills and technologies and links the rest: an
ESCO title holds up to 251 skills and an O*NET one works with up to 425 technologies, which
made a page of 161 KB. The A-Z index filtered to the job title lists them all. Likewise a skill
page shows its first job titles (ESCO links a generic skill to up to 345) and links the job
titles list filtered to the skill."""

import re

import pytest
from django.urls import reverse

from taxonomy.models import Skill, TechnologyUse
from taxonomy.views import JOB_TITLE_SKILLS, JOB_TITLE_TECHNOLOGIES, SKILL_JOB_TITLES

from .factories import JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db


def card_names(text):
    return re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', text)


def technology_names(text):
    section = re.search(r'<section aria-labelledby="technology-heading">.*?</section>', text, re.S)
    assert section, "no technology section"
    return re.findall(r'<li><a href="/skills/[^"]+">([^<]+)</a>', section.group())


@pytest.fixture
def auditor():
    """A job title holding two skills more than its page shows, and a draft."""
    title = JobTitleFactory(name="Auditor", slug="auditor")
    for number in range(JOB_TITLE_SKILLS + 2):
        SkillFactory(name=f"Audit skill {number:03}", job_titles=[title])
    SkillFactory(name="Audit draft", job_titles=[title], status=Skill.Status.DRAFT)
    return title


def test_job_title_page_shows_its_first_skills_a_to_z_and_links_all_of_them(client, auditor):
    text = client.get(auditor.get_absolute_url()).text

    names = card_names(text)
    assert names == [f"Audit skill {number:03}" for number in range(JOB_TITLE_SKILLS)]
    assert "2 more skills: " in text
    assert "Those with an interview guide first." in text
    assert 'href="/skills/?job_title=auditor">every skill and technology for Auditor, A–Z' in text
    assert "Audit draft" not in text


def test_job_title_page_shows_skills_with_interview_guides_before_the_others(client, auditor):
    SkillFactory(name="Zero-based budgeting", job_titles=[auditor], question_count=2)
    SkillFactory(name="Risk assessment", job_titles=[auditor], question_count=5)

    names = card_names(client.get(auditor.get_absolute_url()).text)

    assert names[:3] == ["Risk assessment", "Zero-based budgeting", "Audit skill 000"]
    assert len(names) == JOB_TITLE_SKILLS


def test_job_title_page_with_few_skills_shows_them_all_and_no_link(client):
    title = JobTitleFactory(name="Mediator")
    SkillFactory(name="Mediation", job_titles=[title])

    text = client.get(title.get_absolute_url()).text

    assert card_names(text) == ["Mediation"]
    assert "/skills/?job_title=" not in text


def test_job_title_page_is_the_same_size_whatever_the_number_of_skills(client, auditor):
    before = len(client.get(auditor.get_absolute_url()).content)
    for number in range(100):
        SkillFactory(name=f"Audit skill {number:03}b", job_titles=[auditor])

    text = client.get(auditor.get_absolute_url()).text

    assert len(card_names(text)) == JOB_TITLE_SKILLS
    assert "102 more skills: " in text
    assert abs(len(text.encode()) - before) < 200  # only the number of those not shown


def test_job_title_page_shows_its_hottest_technologies_and_counts_the_rest(client):
    title = JobTitleFactory(name="Web developer", slug="web-developer")
    for number in range(JOB_TITLE_TECHNOLOGIES + 3):
        skill = SkillFactory(name=f"Tool {number:03}", kind="technology")
        TechnologyUse.objects.create(skill=skill, job_title=title, hot_technology=number >= 3)

    text = client.get(title.get_absolute_url()).text

    names = technology_names(text)
    assert len(names) == JOB_TITLE_TECHNOLOGIES
    assert names[0] == "Tool 003"  # hot ones first
    assert not {"Tool 000", "Tool 001", "Tool 002"} & set(names)
    assert "3 more technologies: " in text
    assert 'href="/skills/?job_title=web-developer"' in text


def test_a_to_z_for_a_job_title_lists_its_skills_and_technologies(client, auditor):
    excel = SkillFactory(name="Microsoft Excel", kind="technology")
    TechnologyUse.objects.create(skill=excel, job_title=auditor)
    SkillFactory(name="Zoning law")  # not the auditor's

    first = client.get("/skills/", {"job_title": "auditor"})
    second = client.get("/skills/", {"job_title": "auditor", "page": 2})

    assert first.context["paginator"].count == JOB_TITLE_SKILLS + 3
    listed = card_names(first.text) + card_names(second.text)
    assert "Microsoft Excel" in listed
    assert "Zoning law" not in listed
    assert "Audit draft" not in listed
    assert "Skills A–Z for Auditor" in first.text
    assert f'<a href="{auditor.get_absolute_url()}">Auditor</a>' in first.text
    assert '<input type="hidden" name="job_title" value="auditor">' in first.text


def test_a_to_z_for_a_job_title_keeps_it_in_the_letter_bar_and_drops_it_on_request(client, auditor):
    text = client.get("/skills/", {"job_title": "auditor"}).text

    letters = re.findall(r'<a href="([^"]+)">([A-Z])</a>', text)
    assert letters == [("/skills/?job_title=auditor&amp;letter=A", "A")]  # only A has skills
    assert '<a href="/skills/">Show skills for every job</a>' in text


def test_a_to_z_for_an_unknown_job_title_is_a_404(client):
    response = client.get(reverse("taxonomy:skill-list"), {"job_title": "no-such-job"})

    assert response.status_code == 404


@pytest.fixture
def problem_solving():
    """A skill on more job titles than its page shows, one of them working with it (O*NET)."""
    skill = SkillFactory(name="Create solutions to problems", slug="create-solutions")
    for number in range(SKILL_JOB_TITLES + 4):
        JobTitleFactory(name=f"Job {number:03}").skills.add(skill)
    TechnologyUse.objects.create(skill=skill, job_title=JobTitleFactory(name="Zookeeper"))
    return skill


def tag_names(text, section_id):
    section = re.search(rf'<section class="answer" id="{section_id}".*?</section>', text, re.S)
    assert section, f"no {section_id} section"
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section.group())


def test_skill_page_shows_its_first_job_titles_and_links_all_of_them(client, problem_solving):
    response = client.get(problem_solving.get_absolute_url())

    shown = [f"Job {number:03}" for number in range(SKILL_JOB_TITLES)]
    assert tag_names(response.text, "titles") == shown
    assert "4 more job titles: " in response.text
    assert 'href="/job-titles/?skill=create-solutions">every job title with' in response.text
    # The sourcing string names the job titles shown, not 34 a search box would not take.
    sourcing = response.context["sourcing_string"]
    assert '"Job 029")' in sourcing
    assert "Job 030" not in sourcing


def test_skill_page_with_few_job_titles_shows_them_all_and_no_link(client):
    skill = SkillFactory(name="Mediation")
    JobTitleFactory(name="Mediator").skills.add(skill)

    response = client.get(skill.get_absolute_url())

    assert tag_names(response.text, "titles") == ["Mediator"]
    assert "?skill=" not in response.text
    assert response.context["sourcing_string"] == '("Mediation") AND ("Mediator")'


def test_job_titles_with_a_skill_lists_those_holding_it_or_working_with_it(client, problem_solving):
    JobTitleFactory(name="Accountant")  # without the skill

    response = client.get("/job-titles/", {"skill": "create-solutions"})

    names = re.findall(r'<li><a href="/job-titles/[^"]+/">([^<]+)</a>', response.text)
    assert len(names) == SKILL_JOB_TITLES + 5
    assert "Zookeeper" in names
    assert "Accountant" not in names
    assert "35 job titles hold " in response.text
    assert "Job titles with Create solutions to problems" in response.text


def test_job_titles_with_a_draft_or_unknown_skill_is_a_404(client):
    draft = SkillFactory(status=Skill.Status.DRAFT)

    assert client.get("/job-titles/", {"skill": draft.slug}).status_code == 404
    assert client.get("/job-titles/", {"skill": "no-such-skill"}).status_code == 404
