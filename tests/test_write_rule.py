"""The one write rule, path by path: a change is found by search and shown to visitors at once.

Every write path (admin, API, both importers, the rebuild command) ends in
``taxonomy.changes.content_changed``, which refreshes the search index, retires every cached
anonymous page and moves ``updated`` on the skills the change shows on. Each test here warms the
anonymous page cache first, writes through one path, then checks search, the pages a visitor
had cached, and the skill's ``updated`` stamp.
"""

import csv
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from interviews.models import InterviewQuestion
from search.ranking import search_skills
from taxonomy.changes import content_changed
from taxonomy.file_format import export_document
from taxonomy.models import JobTitle, Skill

from .admin_forms import inline, skill_change_data
from .factories import CategoryFactory, InterviewQuestionFactory, JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db

SKILLS_API = "/api/v1/skills/"
SKILL_LIST = reverse("taxonomy:skill-list")
SEARCH = reverse("search:results")
ESCO_SKILL = "http://data.europa.eu/esco/skill/write-rule-0001"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/write-rule-0001"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CACHE_SECONDS = 60


@pytest.fixture
def visitor():
    """An anonymous browser, apart from the editor's logged-in ``client``."""
    return Client()


def indexed(skill):
    """Factories write rows directly; apply the write rule as a write path would."""
    content_changed(skills=[skill])
    skill.refresh_from_db()  # the rule moved ``updated``: admin forms must post the new one
    return skill


def found(query):
    return list(search_skills(Skill.objects.published(), query).values_list("name", flat=True))


def search_page(query):
    return f"{SEARCH}?{urlencode({'q': query})}"


def warm(visitor, *urls):
    """Visit each page until the cache serves it: a later visit sees a change only if the
    write rule retired the cached copy."""
    for url in urls:
        visitor.get(url)
        assert visitor.get(url).headers.get("X-Page-Cache") == "hit", url


def shows(visitor, url, text):
    return text in visitor.get(url).text


def updated_moved(skill):
    """Whether the stored ``updated`` is later than the one ``skill`` was loaded with."""
    return Skill.objects.get(pk=skill.pk).updated > skill.updated


def admin_url(obj, view="change"):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def import_esco(folder, file_name, rows):
    """Write one small file in ESCO's CSV format (the columns the rows name), import the folder."""
    with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_esco", str(folder), verbosity=0)


def write_json(path, document):
    path.write_text(json.dumps(document))
    return str(path)


# --- admin: the skill form and its inlines ------------------------------------------------------


def test_skill_renamed_in_the_admin_form_shows_at_once(editor_client, visitor):
    skill = indexed(SkillFactory(name="Backchannel Talks"))
    warm(visitor, skill.get_absolute_url(), search_page("quiet diplomacy"))

    response = editor_client.post(
        admin_url(skill), skill_change_data(skill, name="Quiet Diplomacy")
    )

    assert response.status_code == 302
    assert found("quiet diplomacy") == ["Quiet Diplomacy"]
    assert shows(visitor, search_page("quiet diplomacy"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Quiet Diplomacy")
    assert updated_moved(skill)


def test_alias_added_in_the_admin_inline_shows_at_once(editor_client, visitor):
    skill = indexed(SkillFactory(name="Kubernetes"))
    warm(visitor, skill.get_absolute_url(), search_page("k8s"))

    response = editor_client.post(
        admin_url(skill), skill_change_data(skill, **inline("aliases", [{"term": "K8s"}]))
    )

    assert response.status_code == 302
    assert found("k8s") == ["Kubernetes"]
    assert shows(visitor, search_page("k8s"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "K8s")
    assert updated_moved(skill)


def test_question_added_in_the_admin_inline_shows_at_once(editor_client, visitor):
    """Questions are not search content (search.indexing): the page and the stamp move."""
    skill = indexed(SkillFactory(name="Mediation"))
    warm(visitor, skill.get_absolute_url())
    question = {
        "question": "When did you bring two stubborn parties to agreement?",
        "guidance": "A concrete case and what moved each side.",
        "kind": InterviewQuestion.Kind.BEHAVIOURAL,
        "position": "0",
    }

    response = editor_client.post(
        admin_url(skill), skill_change_data(skill, **inline("interview_questions", [question]))
    )

    assert response.status_code == 302
    assert shows(visitor, skill.get_absolute_url(), "two stubborn parties")
    assert updated_moved(skill)


def test_question_edited_on_its_own_admin_page_shows_at_once(editor_client, visitor):
    """Questions are not search content (search.indexing): the page and the stamp move."""
    question = InterviewQuestionFactory()
    skill = indexed(question.skill)
    warm(visitor, skill.get_absolute_url())

    response = editor_client.post(
        admin_url(question),
        {
            "skill": str(skill.pk),
            "question": "How do you open a session between parties who refuse to meet?",
            "guidance": question.guidance,
            "kind": question.kind,
            "position": str(question.position),
        },
    )

    assert response.status_code == 302
    assert shows(visitor, skill.get_absolute_url(), "parties who refuse to meet")
    assert updated_moved(skill)


# --- admin: job titles and categories -----------------------------------------------------------


def test_job_title_renamed_in_the_admin_shows_at_once(editor_client, visitor):
    title = JobTitleFactory(name="Clerk")
    skill = indexed(SkillFactory(name="Ledger Keeping", job_titles=[title]))
    warm(visitor, skill.get_absolute_url(), search_page("bookkeeper"))

    response = editor_client.post(
        admin_url(title),
        {"name": "Bookkeeper", "slug": title.slug, "alternative_labels": "", "description": ""},
    )

    assert response.status_code == 302
    assert found("bookkeeper") == ["Ledger Keeping"]
    assert shows(visitor, search_page("bookkeeper"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Bookkeeper")
    assert updated_moved(skill)


def test_job_title_deleted_in_the_admin_disappears_at_once(editor_client, visitor):
    title = JobTitleFactory(name="Clerk")
    skill = indexed(SkillFactory(name="Ledger Keeping", job_titles=[title]))
    warm(visitor, skill.get_absolute_url(), search_page("clerk"))

    response = editor_client.post(admin_url(title, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert found("clerk") == []
    assert not shows(visitor, search_page("clerk"), skill.get_absolute_url())
    assert not shows(visitor, skill.get_absolute_url(), "Clerk")
    assert updated_moved(skill)


def test_category_renamed_in_the_admin_shows_at_once(editor_client, visitor):
    """Category names are not search content; the search page shows them on each result."""
    category = CategoryFactory(name="Diplomacy")
    skill = indexed(SkillFactory(name="Treaty Drafting", category=category))
    warm(visitor, skill.get_absolute_url(), search_page("treaty drafting"))

    response = editor_client.post(
        admin_url(category),
        {"name": "Statecraft", "slug": category.slug, "description": category.description},
    )

    assert response.status_code == 302
    assert shows(visitor, search_page("treaty drafting"), "Statecraft")
    breadcrumb = f'<a href="{category.get_absolute_url()}">Statecraft</a>'
    assert shows(visitor, skill.get_absolute_url(), breadcrumb)
    assert updated_moved(skill)


def test_empty_category_deleted_in_the_admin_disappears_at_once(editor_client, visitor):
    category = CategoryFactory(name="Statecraft")
    warm(visitor, category.get_absolute_url(), SEARCH)  # the search form offers every category

    response = editor_client.post(admin_url(category, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert visitor.get(category.get_absolute_url()).status_code == 404
    assert not shows(visitor, SEARCH, "Statecraft")


# --- admin: bulk actions and deletes ------------------------------------------------------------


@pytest.mark.parametrize(
    "action, status_before, public_after",
    [("publish", Skill.Status.DRAFT, True), ("archive", Skill.Status.PUBLISHED, False)],
)
def test_bulk_status_action_in_the_admin_shows_at_once(
    editor_client, visitor, action, status_before, public_after
):
    skill = indexed(SkillFactory(name="Science Diplomacy", status=status_before))
    page, results = skill.get_absolute_url(), search_page("science diplomacy")
    warm(visitor, results, SKILL_LIST)

    response = editor_client.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": action, "_selected_action": [str(skill.pk)]},
    )

    assert response.status_code == 302
    assert (found("science diplomacy") == ["Science Diplomacy"]) is public_after
    assert shows(visitor, results, page) is public_after
    assert shows(visitor, SKILL_LIST, page) is public_after
    assert (visitor.get(page).status_code == 200) is public_after
    assert updated_moved(skill)


def delete_page(skill):
    return admin_url(skill, "delete"), {"post": "yes"}


def delete_selected_action(skill):
    return reverse("admin:taxonomy_skill_changelist"), {
        "action": "delete_selected",
        "_selected_action": [str(skill.pk)],
        "post": "yes",
    }


@pytest.mark.parametrize("delete_request", [delete_page, delete_selected_action])
def test_skill_deleted_in_the_admin_disappears_at_once(editor_client, visitor, delete_request):
    other = SkillFactory(name="Telegraphy")
    skill = indexed(SkillFactory(name="Telex Operation", related=[other]))
    other = indexed(other)
    warm(visitor, skill.get_absolute_url(), other.get_absolute_url(), search_page("telex"))

    response = editor_client.post(*delete_request(skill))

    assert response.status_code == 302
    assert "Telex Operation" not in found("telex")  # "Telegraphy" is close in meaning
    assert not shows(visitor, search_page("telex"), skill.get_absolute_url())
    assert visitor.get(skill.get_absolute_url()).status_code == 404
    assert not shows(visitor, other.get_absolute_url(), skill.get_absolute_url())
    assert updated_moved(other)  # its page listed the deleted skill


# --- the REST API -------------------------------------------------------------------------------


def test_skill_created_through_the_api_shows_at_once(editor_api_client, visitor):
    category = CategoryFactory(slug="diplomacy")
    warm(visitor, search_page("track two diplomacy"), category.get_absolute_url())

    response = editor_api_client.post(
        SKILLS_API,
        {
            "name": "Track Two Diplomacy",
            "slug": "track-two-diplomacy",
            "summary": "Unofficial dialogue between influential non-state actors.",
            "status": "published",
            "category": "diplomacy",
        },
        format="json",
    )

    assert response.status_code == 201
    assert found("track two diplomacy") == ["Track Two Diplomacy"]
    assert shows(visitor, search_page("track two diplomacy"), "/skills/track-two-diplomacy/")
    assert shows(visitor, category.get_absolute_url(), "/skills/track-two-diplomacy/")


def test_skill_patched_through_the_api_shows_at_once(editor_api_client, visitor):
    skill = indexed(SkillFactory(name="Backchannel Talks"))
    warm(visitor, skill.get_absolute_url(), search_page("quiet diplomacy"))

    response = editor_api_client.patch(
        f"{SKILLS_API}{skill.slug}/", {"name": "Quiet Diplomacy"}, format="json"
    )

    assert response.status_code == 200
    assert found("quiet diplomacy") == ["Quiet Diplomacy"]
    assert shows(visitor, search_page("quiet diplomacy"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Quiet Diplomacy")
    assert updated_moved(skill)


def test_skill_deleted_through_the_api_disappears_at_once(editor_api_client, visitor):
    other = SkillFactory(name="Telegraphy")
    skill = indexed(SkillFactory(name="Telex Operation", related=[other]))
    other = indexed(other)
    warm(visitor, skill.get_absolute_url(), other.get_absolute_url(), search_page("telex"))

    response = editor_api_client.delete(f"{SKILLS_API}{skill.slug}/")

    assert response.status_code == 204
    assert "Telex Operation" not in found("telex")  # "Telegraphy" is close in meaning
    assert not shows(visitor, search_page("telex"), skill.get_absolute_url())
    assert visitor.get(skill.get_absolute_url()).status_code == 404
    assert not shows(visitor, other.get_absolute_url(), skill.get_absolute_url())
    assert updated_moved(other)  # its page listed the deleted skill


# --- manage.py import_taxonomy and import_esco --------------------------------------------------


def test_skill_changed_by_a_taxonomy_import_shows_at_once(visitor, tmp_path):
    skill = indexed(SkillFactory(name="Falconry"))
    warm(visitor, skill.get_absolute_url(), search_page("hawking"))
    document = export_document()
    document["skills"][0]["aliases"] = ["Hawking"]

    call_command("import_taxonomy", write_json(tmp_path / "skills.json", document), verbosity=0)

    assert found("hawking") == ["Falconry"]
    assert shows(visitor, search_page("hawking"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Hawking")
    assert updated_moved(skill)


@pytest.fixture
def job_title_rename_file(tmp_path):
    """A taxonomy file renaming the job title ``clerk`` and nothing else."""
    document = {
        "format": "skill-atlas-taxonomy",
        "version": 1,
        "job_titles": [{"slug": "clerk", "name": "Bookkeeper"}],
    }
    return write_json(tmp_path / "job-titles.json", document)


def test_job_title_renamed_by_a_taxonomy_import_shows_at_once(visitor, job_title_rename_file):
    title = JobTitleFactory(name="Clerk", slug="clerk")
    skill = indexed(SkillFactory(name="Ledger Keeping", job_titles=[title]))
    warm(visitor, skill.get_absolute_url(), search_page("bookkeeper"))

    call_command("import_taxonomy", job_title_rename_file, verbosity=0)

    assert found("bookkeeper") == ["Ledger Keeping"]
    assert shows(visitor, search_page("bookkeeper"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Bookkeeper")


def test_job_title_renamed_by_a_taxonomy_import_moves_updated_on_its_skills(
    job_title_rename_file,
):
    title = JobTitleFactory(name="Clerk", slug="clerk")
    skill = indexed(SkillFactory(name="Ledger Keeping", job_titles=[title]))

    call_command("import_taxonomy", job_title_rename_file, verbosity=0)

    assert updated_moved(skill)


def test_skill_changed_by_an_esco_reimport_shows_at_once(visitor, tmp_path):
    row = {"conceptUri": ESCO_SKILL, "preferredLabel": "negotiate treaties", "altLabels": ""}
    import_esco(tmp_path, "skills_en.csv", [row])
    skill = Skill.objects.get(external_id=ESCO_SKILL)
    warm(visitor, skill.get_absolute_url(), search_page("treaty negotiation"))

    renamed = {
        **row,
        "preferredLabel": "negotiate peace treaties",
        "altLabels": "treaty negotiation",
    }
    import_esco(tmp_path, "skills_en.csv", [renamed])

    assert found("treaty negotiation") == ["negotiate peace treaties"]
    assert shows(visitor, search_page("treaty negotiation"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "negotiate peace treaties")
    assert updated_moved(skill)


def test_occupation_renamed_by_an_esco_reimport_shows_at_once(visitor, tmp_path):
    row = {"conceptUri": ESCO_OCCUPATION, "preferredLabel": "diplomat", "altLabels": ""}
    import_esco(tmp_path, "occupations_en.csv", [row])
    title = JobTitle.objects.get(external_id=ESCO_OCCUPATION)
    skill = indexed(SkillFactory(name="Treaty Drafting", job_titles=[title]))
    warm(visitor, skill.get_absolute_url(), search_page("envoy"))

    import_esco(tmp_path, "occupations_en.csv", [{**row, "preferredLabel": "envoy"}])

    assert found("envoy") == ["Treaty Drafting"]
    assert shows(visitor, search_page("envoy"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "envoy")
    assert updated_moved(skill)


# --- manage.py rebuild_search_index -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the command runs in its own transaction, as in use
def test_raw_update_is_found_and_shown_only_after_the_index_is_rebuilt(visitor):
    skill = indexed(SkillFactory(name="Orienteering"))
    warm(visitor, skill.get_absolute_url(), search_page("rogaining"))

    Skill.objects.filter(pk=skill.pk).update(name="Rogaining")  # bypasses the write rule
    assert found("rogaining") == []
    assert not shows(visitor, skill.get_absolute_url(), "Rogaining")

    call_command("rebuild_search_index", verbosity=0)

    assert found("rogaining") == ["Rogaining"]
    assert shows(visitor, search_page("rogaining"), skill.get_absolute_url())
    assert shows(visitor, skill.get_absolute_url(), "Rogaining")
