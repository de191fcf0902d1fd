"""Skill pages are honest about what they lack: one line naming the missing answers and what
the page offers instead, no empty headings, and the summary never repeated as the definition."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from taxonomy.models import Skill

from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

ESCO_URI = "http://data.europa.eu/esco/skill/0001"
SUMMARY = "The process of developing a mathematical representation of a surface."


def esco_stub(**fields):
    """An imported skill as ESCO leaves it: a name, a summary taken from its description."""
    return SkillFactory(
        name="3D modelling",
        summary=SUMMARY,
        definition=SUMMARY,
        external_id=ESCO_URI,
        kind=Skill.Kind.SKILL,
        **fields,
    )


def test_thin_page_says_in_one_line_what_is_missing_and_what_it_offers(client):
    skill = esco_stub(related=[SkillFactory(name="Render 3D images")])

    response = client.get(skill.get_absolute_url())

    assertContains(
        response,
        '<p class="thin-note"><strong>Not written yet:</strong> CV lines, job titles and '
        'written interview questions. Instead, see <a href="#interview">generic interview '
        'questions</a>, <a href="#related">related skills</a> and '
        f'<a href="{ESCO_URI}">its entry in ESCO</a>.</p>',
        html=True,
    )


def test_thin_page_shows_no_empty_headings(client):
    response = client.get(esco_stub().get_absolute_url())

    for heading in ("How it shows on a CV", "Typical job titles", "Also try searching for"):
        assertNotContains(response, heading)
    assertNotContains(response, 'id="related"')
    assertNotContains(response, 'href="#cv"')


def test_summary_is_not_repeated_as_the_definition(client):
    response = client.get(esco_stub().get_absolute_url())

    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count(SUMMARY) == 1
    assertNotContains(response, "What is it?")


def test_definition_beyond_the_summary_is_kept_without_the_repeated_sentence(client):
    skill = esco_stub()
    skill.definition = f"{SUMMARY} The product is called a 3D model.\n\nIt can be printed."
    skill.save()

    response = client.get(skill.get_absolute_url())

    assertContains(
        response, "<p>The product is called a 3D model.</p><p>It can be printed.</p>", html=True
    )
    assertContains(response, '<a href="#what">What is it?</a>', count=2)  # phone and wide


def test_skill_without_written_questions_offers_the_generic_ones_labelled(client):
    skill = esco_stub()

    response = client.get(skill.get_absolute_url())

    assertContains(response, "Tell me about a time your skills in 3D modelling made a difference")
    assertContains(response, '<span class="kind kind--generic">Generic</span>', count=2, html=True)
    assertContains(response, f'href="/kit/?skills={skill.slug}">interview kit</a>')


def test_complete_skill_page_has_no_thin_note_and_no_generic_questions(client):
    skill = SkillFactory(name="Track One Diplomacy")
    ResumeExampleFactory(skill=skill)
    skill.job_titles.set([JobTitleFactory()])
    InterviewQuestionFactory(skill=skill)

    response = client.get(skill.get_absolute_url())

    assertNotContains(response, "Not written yet")
    assertNotContains(response, "Generic")


def test_jump_links_name_only_the_sections_the_page_shows(client):
    skill = SkillFactory(summary="Official diplomacy.", definition="Official diplomacy.")
    SkillAliasFactory(skill=skill, term="Track 1 diplomacy")
    InterviewQuestionFactory(skill=skill)

    html = client.get(skill.get_absolute_url()).text

    # The phone's jump links at the top and the wide screen's beside the answers.
    assert html.count('<a href="#also">Other names</a>') == 2
    assert html.count('<a class="jump-extension" href="#interview">Interview questions</a>') == 2
    assert 'href="#what"' not in html
    assert 'href="#cv"' not in html
    assert 'id="also"' in html and 'id="interview"' in html


def test_each_question_has_its_guide_shown_and_a_copy_button(client):
    skill = SkillFactory()
    InterviewQuestionFactory.create_batch(3, skill=skill)

    response = client.get(skill.get_absolute_url())

    assertContains(response, '<p class="guidance-label">What to look for</p>', count=3)
    assertContains(response, 'data-copy-target="question-3"')
    # One switch for all guides, hidden until guide-switch.js shows it.
    assertContains(response, 'class="guide-switch"', count=1)
    assertContains(response, '<p class="guide-switch-row" hidden>')
