"""The duplicate guard: one name, one skill (and one job title), in admin, the API and imports.

Names are the same ignoring case, accents, spacing and punctuation (taxonomy/names.py), so each
test runs through every kind of spelling variant.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from taxonomy.changes import content_changed
from taxonomy.models import JobTitle, Skill, SkillAlias

from .admin_forms import inline, skill_change_data
from .factories import CategoryFactory, JobTitleFactory, SkillAliasFactory, SkillFactory
from .test_import_esco import OCCUPATION_COLUMNS, SKILL_COLUMNS, skill_row, write_csv

pytestmark = pytest.mark.django_db

ADD_SKILL = reverse("admin:taxonomy_skill_add")
ADD_JOB_TITLE = reverse("admin:taxonomy_jobtitle_add")
SKILLS = "/api/v1/skills/"

# "Negotiate Price" written as an editor might type it again.
VARIANTS = [
    pytest.param("negotiate price", id="case"),
    pytest.param("NEGOTIATE PRICE", id="upper"),
    pytest.param("Négotiate Pricé", id="accents"),
    pytest.param("Negotiate-Price.", id="punctuation"),
    pytest.param("  Negotiate \t  Price ", id="whitespace"),
]


@pytest.fixture
def existing():
    skill = SkillFactory(name="Negotiate Price", slug="negotiate-price")
    content_changed(skills=[skill])  # indexed for search, as every write path leaves it
    skill.refresh_from_db()
    return skill


def new_skill_form(name, **extra):
    category = CategoryFactory()
    return {
        "name": name,
        "slug": "new-skill",
        "status": "draft",
        "category": str(category.pk),
        "summary": "A one-line summary.",
        "definition": "",
        "external_id": "",
        **inline("aliases", []),
        **inline("resume_examples", []),
        **inline("interview_questions", []),
        **extra,
    }


def name_errors(response):
    return [str(e) for e in response.context["adminform"].form.errors.get("name", [])]


@pytest.mark.parametrize("name", VARIANTS)
def test_adding_a_skill_named_like_an_existing_one_is_a_form_error_linking_to_it(
    editor_client, existing, name
):
    response = editor_client.post(ADD_SKILL, new_skill_form(name))

    assert response.status_code == 200  # the form again, not a redirect
    errors = name_errors(response)
    assert errors and "already exists" in errors[0]
    change_url = reverse("admin:taxonomy_skill_change", args=[existing.pk])
    assert f'<a href="{change_url}">Negotiate Price</a>' in response.content.decode()
    assert not Skill.objects.filter(slug="new-skill").exists()
    assert response.context["adminform"].form["name"].value() == name  # nothing typed is lost


@pytest.mark.parametrize("name", VARIANTS)
def test_renaming_a_skill_to_an_existing_name_is_a_form_error(editor_client, existing, name):
    other = SkillFactory(name="Haggle")
    url = reverse("admin:taxonomy_skill_change", args=[other.pk])

    response = editor_client.post(url, skill_change_data(other, name=name))

    assert response.status_code == 200
    assert "already exists" in name_errors(response)[0]
    other.refresh_from_db()
    assert other.name == "Haggle"


def test_a_skill_may_change_the_case_of_its_own_name(editor_client, existing):
    url = reverse("admin:taxonomy_skill_change", args=[existing.pk])

    response = editor_client.post(url, skill_change_data(existing, name="negotiate price"))

    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.name == "negotiate price"


@pytest.mark.parametrize("term", VARIANTS)
def test_an_alias_that_is_another_skills_name_is_an_error_on_that_alias(
    editor_client, existing, term
):
    other = SkillFactory(name="Haggle")
    url = reverse("admin:taxonomy_skill_change", args=[other.pk])
    data = skill_change_data(other, **inline("aliases", [{"term": "Bargain"}, {"term": term}]))

    response = editor_client.post(url, data)

    assert response.status_code == 200
    alias_forms = response.context["inline_admin_formsets"][0].formset.forms
    assert "is the name of another skill" in str(alias_forms[1].errors["term"])
    assert not alias_forms[0].errors
    assert not SkillAlias.objects.filter(skill=other).exists()


def test_an_unchanged_alias_naming_another_skill_does_not_block_a_save(editor_client, existing):
    """ESCO shares labels between concepts: such an alias, imported, stays editable around."""
    other = SkillFactory(name="Haggle")
    alias = SkillAliasFactory(skill=other, term="negotiate price")
    url = reverse("admin:taxonomy_skill_change", args=[other.pk])
    rows = [{"id": str(alias.pk), "skill": str(other.pk), "term": alias.term}]
    data = skill_change_data(other, summary="Changed.", **inline("aliases", rows, initial=1))

    response = editor_client.post(url, data)

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.summary == "Changed."


def test_a_near_duplicate_is_a_warning_listing_it_until_saved_anyway(editor_client):
    stakeholders = SkillFactory(name="Stakeholder Management", slug="stakeholder-management")
    content_changed(skills=[stakeholders])
    form = new_skill_form("Stakeholder managment")  # a typo: not the same name, but close

    warned = editor_client.post(ADD_SKILL, form)

    assert warned.status_code == 200
    assert "Similar skills already exist" in name_errors(warned)[0]
    change_url = reverse("admin:taxonomy_skill_change", args=[stakeholders.pk])
    assert f'<a href="{change_url}">Stakeholder Management</a>' in warned.content.decode()
    assert 'type="checkbox" name="save_anyway"' in warned.content.decode()
    assert not Skill.objects.filter(slug="new-skill").exists()

    saved = editor_client.post(ADD_SKILL, {**form, "save_anyway": "on"})

    assert saved.status_code == 302
    assert Skill.objects.get(slug="new-skill").name == "Stakeholder managment"


def test_an_unrelated_name_gets_no_warning(editor_client, existing):
    response = editor_client.post(ADD_SKILL, new_skill_form("Cross-cultural Communication"))

    assert response.status_code == 302


def test_the_save_anyway_box_is_hidden_until_there_is_a_warning(editor_client):
    response = editor_client.get(ADD_SKILL)

    assert 'type="hidden" name="save_anyway"' in response.content.decode()
    assert 'type="checkbox" name="save_anyway"' not in response.content.decode()


@pytest.mark.parametrize(
    "name", ["data analyst", "DATA ANALYST", "Dàta Ánalyst", "Data-Analyst", " Data  Analyst "]
)
def test_adding_a_job_title_named_like_an_existing_one_is_a_form_error(editor_client, name):
    analyst = JobTitleFactory(name="Data Analyst", slug="data-analyst")

    response = editor_client.post(ADD_JOB_TITLE, {"name": name, "slug": "data-analyst-2"})

    assert response.status_code == 200
    assert "already exists" in name_errors(response)[0]
    change_url = reverse("admin:taxonomy_jobtitle_change", args=[analyst.pk])
    assert f'<a href="{change_url}">Data Analyst</a>' in response.content.decode()
    assert JobTitle.objects.count() == 1


def test_a_near_duplicate_job_title_is_a_warning_until_saved_anyway(editor_client):
    engineer = JobTitleFactory(name="Software Engineer", slug="software-engineer")
    content_changed(
        skills=[SkillFactory(name="Python", job_titles=[engineer])], job_titles=[engineer]
    )
    form = {"name": "Sofware Engineer", "slug": "sofware-engineer"}

    warned = editor_client.post(ADD_JOB_TITLE, form)

    assert "Similar job titles already exist" in name_errors(warned)[0]
    assert editor_client.post(ADD_JOB_TITLE, {**form, "save_anyway": "on"}).status_code == 302
    assert JobTitle.objects.filter(slug="sofware-engineer").exists()


# --- the API -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VARIANTS)
def test_api_answers_a_new_skill_with_an_existing_name_with_409_and_its_slug(
    editor_api_client, existing, name
):
    response = editor_api_client.post(
        SKILLS, {"name": name, "slug": "new-skill", "summary": "One line."}, format="json"
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate"
    assert body["field"] == "name"
    assert body["existing"]["slug"] == "negotiate-price"
    assert body["existing"]["url"].endswith("/api/v1/skills/negotiate-price/")
    assert not Skill.objects.filter(slug="new-skill").exists()


@pytest.mark.parametrize("name", VARIANTS)
def test_api_answers_a_rename_to_an_existing_name_with_409(editor_api_client, existing, name):
    SkillFactory(name="Haggle", slug="haggle")

    response = editor_api_client.patch(f"{SKILLS}haggle/", {"name": name}, format="json")

    assert response.status_code == 409
    assert response.json()["existing"]["slug"] == "negotiate-price"
    assert Skill.objects.get(slug="haggle").name == "Haggle"


def test_api_lets_a_skill_change_the_case_of_its_own_name(editor_api_client, existing):
    response = editor_api_client.patch(
        f"{SKILLS}negotiate-price/", {"name": "negotiate price"}, format="json"
    )

    assert response.status_code == 200


@pytest.mark.parametrize("term", VARIANTS)
def test_api_answers_a_new_alias_that_is_another_skills_name_with_409(
    editor_api_client, existing, term
):
    SkillFactory(name="Haggle", slug="haggle")

    response = editor_api_client.patch(
        f"{SKILLS}haggle/", {"aliases": ["Bargain", term]}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["field"] == "aliases"
    assert response.json()["existing"]["slug"] == "negotiate-price"
    assert not SkillAlias.objects.filter(skill__slug="haggle").exists()


# --- imports report and go on ----------------------------------------------------------------


def test_taxonomy_import_reports_a_shared_name_and_imports_both(tmp_path):
    document = {
        "format": "skill-atlas-taxonomy",
        "version": 1,
        "skills": [
            {"slug": "negotiate-price", "name": "Negotiate Price"},
            {"slug": "negotiate-price-2", "name": "negotiate price"},
        ],
    }
    path = tmp_path / "skills.json"
    path.write_text(json.dumps(document))
    out = io.StringIO()

    call_command("import_taxonomy", str(path), stdout=out)

    assert Skill.objects.count() == 2
    report = out.getvalue()
    assert "name collisions (imported anyway; merge or rename in admin): 1" in report
    assert "'Negotiate Price' (negotiate-price), 'negotiate price' (negotiate-price-2)" in report


def test_esco_import_reports_shared_labels_and_goes_on(tmp_path):
    SkillFactory(name="Spanish", slug="spanish")  # ours, without ESCO's URI
    rows = [
        skill_row(1, "negotiate price", alt="haggle"),
        skill_row(2, "Spanish"),
        skill_row(3, "haggle"),  # another concept's alternative label
    ]
    write_csv(tmp_path / "skills_en.csv", SKILL_COLUMNS, rows)
    write_csv(tmp_path / "occupations_en.csv", OCCUPATION_COLUMNS, [])
    out = io.StringIO()

    call_command("import_esco", str(tmp_path), stdout=out, verbosity=0)

    assert Skill.objects.count() == 4
    report = out.getvalue()
    assert "name collisions (imported anyway; merge or rename in admin): 2" in report
    assert "skill name shared by 'Spanish' (spanish), 'Spanish' (spanish-2)" in report
    assert "alias 'haggle' of negotiate-price is the name of skill haggle" in report
