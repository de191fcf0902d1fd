"""History: every content change recorded with who and when, a field-by-field diff, and revert."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient
from reversion.models import Revision, Version

from interviews.models import InterviewQuestion
from taxonomy.file_format import skill_record
from taxonomy.history import history, record_batch
from taxonomy.models import JobTitle, Skill, SkillAlias, Source

from .admin_forms import inline, skill_change_data
from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
    UserFactory,
    make_editor,
    token_client,
)
from .test_import_esco import build_folder

pytestmark = pytest.mark.django_db


def change_url(skill):
    return reverse("admin:taxonomy_skill_change", args=[skill.pk])


def history_url(skill):
    return reverse("admin:taxonomy_skill_history", args=[skill.pk])


def revision_url(skill, version):
    return reverse("admin:taxonomy_skill_revision", args=[skill.pk, version.pk])


def everything(skill):
    """The skill as the taxonomy file holds it: fields, aliases (with sources), resume lines,
    job titles, related skills and interview questions."""
    return skill_record(Skill.objects.for_export().get(pk=skill.pk))


def skill_versions(skill):
    return Version.objects.get_for_object(skill).order_by("pk")


def api_as(user):
    return token_client(user)


@pytest.fixture
def rich_skill():
    """A skill with something in every inline and link."""
    skill = SkillFactory(name="Mediation", slug="mediation", summary="Helping parties agree.")
    SkillAliasFactory(skill=skill, term="Conflict resolution")
    SkillAliasFactory(skill=skill, term="Dispute resolution", source=Source.ESCO)
    ResumeExampleFactory(skill=skill, text="Mediated 40 workplace disputes", position=0)
    ResumeExampleFactory(skill=skill, text="Cut grievances by 30%", position=1)
    InterviewQuestionFactory(skill=skill, question="Tell me about a stalemate.", position=0)
    InterviewQuestionFactory(skill=skill, question="How do you open?", kind="knowledge", position=1)
    skill.job_titles.set([JobTitleFactory(name="Mediator"), JobTitleFactory(name="HR Partner")])
    skill.related.set([SkillFactory(name="Negotiation"), SkillFactory(name="Facilitation")])
    record_batch("setup", skills=[skill.pk])
    return skill


def test_admin_save_records_who_and_a_field_by_field_diff(editor_client, editor):
    skill = SkillFactory(summary="Old summary.")
    response = editor_client.post(
        change_url(skill),
        skill_change_data(
            skill, summary="New summary.", **inline("aliases", [{"term": "Go-between"}])
        ),
    )
    assert response.status_code == 302
    page = editor_client.get(history_url(skill))
    entry = page.context["entries"][0]
    assert entry.revision.user == editor
    changes = {c.field: c for c in entry.changes}
    assert (changes["summary"].before, changes["summary"].after) == ("", "New summary.")
    assert changes["aliases"].added == ["Go-between"]
    content = page.content.decode()
    assert "editor" in content and "New summary." in content and "Go-between" in content


def test_second_admin_save_diff_shows_the_old_and_new_value(editor_client):
    skill = SkillFactory(summary="First.")
    editor_client.post(change_url(skill), skill_change_data(skill, summary="Second."))
    skill.refresh_from_db()
    editor_client.post(change_url(skill), skill_change_data(skill, summary="Third."))
    newest = editor_client.get(history_url(skill)).context["entries"][0]
    summary = next(c for c in newest.changes if c.field == "summary")
    assert (summary.before, summary.after) == ("Second.", "Third.")


def test_revert_restores_every_inline_and_link_exactly(rich_skill, editor_client, editor):
    before = everything(rich_skill)
    version = skill_versions(rich_skill).last()
    api_as(make_editor("api", password="!")).put(
        "/api/v1/skills/mediation/",
        {
            "name": "Mediation (renamed)",
            "slug": "mediation",
            "summary": "Changed.",
            "status": "published",
            "aliases": ["Something else"],
            "resume_lines": ["Another line"],
            "interview_questions": [{"question": "New?", "guidance": "g", "kind": "technical"}],
            "job_titles": [JobTitleFactory(slug="clerk").slug],
            "related": [SkillFactory(slug="typing").slug],
        },
        format="json",
    )
    assert everything(rich_skill) != before

    response = editor_client.post(revision_url(rich_skill, version))

    assert response.status_code == 302
    assert everything(rich_skill) == before
    aliases = {(a.term, a.source) for a in SkillAlias.objects.filter(skill=rich_skill)}
    assert ("Dispute resolution", Source.ESCO) in aliases
    assert not Skill.objects.get(slug="typing").related.exists()  # the link went both ways


def test_revert_is_itself_recorded_with_its_author(rich_skill, editor_client, editor):
    version = skill_versions(rich_skill).last()
    rich_skill.summary = "Changed."
    rich_skill.save()
    record_batch("edit", skills=[rich_skill.pk])
    editor_client.post(revision_url(rich_skill, version))
    newest = skill_versions(rich_skill).last()
    assert newest.revision.user == editor
    assert newest.revision.comment.startswith("Reverted to the version of")
    summary = next(c for c in history(Skill, rich_skill.pk)[0].changes if c.field == "summary")
    assert (summary.before, summary.after) == ("Changed.", "Helping parties agree.")


def test_revert_goes_through_the_write_rule(rich_skill, editor_client, client):
    version = skill_versions(rich_skill).last()
    Skill.objects.filter(pk=rich_skill.pk).update(summary="Vandalised.")
    editor_client.post(revision_url(rich_skill, version))
    assert "Helping parties agree." in client.get("/skills/mediation/").content.decode()
    found = client.get("/search/", {"q": "Mediation"}).content.decode()
    assert "Helping parties agree." in found


def test_revert_page_shows_what_reverting_changes(rich_skill, editor_client):
    version = skill_versions(rich_skill).last()
    rich_skill.aliases.filter(term="Conflict resolution").delete()
    record_batch("edit", skills=[rich_skill.pk])
    page = editor_client.get(revision_url(rich_skill, version))
    aliases = next(c for c in page.context["undo"] if c.field == "aliases")
    assert aliases.added == ["Conflict resolution"]
    assert SkillAlias.objects.filter(term="Conflict resolution").count() == 0  # GET changes nothing


def test_editor_without_publish_permission_cannot_revert_into_publishing(rich_skill, client):
    version = skill_versions(rich_skill).last()  # published
    Skill.objects.filter(pk=rich_skill.pk).update(status=Skill.Status.DRAFT, summary="Draft.")
    client.force_login(make_editor("writer", can_publish=False))
    response = client.post(revision_url(rich_skill, version), follow=True)
    assert "only editors who may publish" in response.content.decode().lower()
    rich_skill.refresh_from_db()
    assert (rich_skill.status, rich_skill.summary) == ("draft", "Draft.")


def test_deleted_skill_is_recovered_with_everything_on_it(rich_skill, editor_client):
    before = everything(rich_skill)
    editor_client.post(
        reverse("admin:taxonomy_skill_delete", args=[rich_skill.pk]), {"post": "yes"}
    )
    assert not Skill.objects.filter(pk=rich_skill.pk).exists()
    last = Version.objects.get_deleted(Skill).get(object_id=str(rich_skill.pk))
    assert last.revision.comment == "Deleted in admin."
    editor_client.post(reverse("admin:taxonomy_skill_recover", args=[last.pk]))
    assert everything(rich_skill) == before


def test_job_title_change_is_recorded_and_reverted(editor_client):
    title = JobTitleFactory(name="Data Analyst", description="Works with data.")
    url = reverse("admin:taxonomy_jobtitle_change", args=[title.pk])
    form = {"name": "Data Analyst", "slug": title.slug, "description": "", "alternative_labels": ""}
    editor_client.post(url, {**form, "description": "Works with data."})
    editor_client.post(url, {**form, "description": "Analyses data."})
    first = Version.objects.get_for_object(title).order_by("pk").first()
    editor_client.post(reverse("admin:taxonomy_jobtitle_revision", args=[title.pk, first.pk]))
    title.refresh_from_db()
    assert title.description == "Works with data."
    assert Version.objects.get_for_object(title).count() == 3


def test_admin_publish_action_is_recorded(editor_client, editor):
    skill = SkillFactory(status=Skill.Status.IN_REVIEW)
    editor_client.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "publish", "_selected_action": [str(skill.pk)]},
    )
    entry = history(Skill, skill.pk)[0]
    assert (entry.revision.user, entry.revision.comment) == (editor, "Published.")
    status = next(c for c in entry.changes if c.field == "status")
    assert status.after == "published"


def test_interview_question_edited_on_its_own_is_in_the_skills_history(editor_client):
    question = InterviewQuestionFactory(question="Old question?")
    url = reverse("admin:interviews_interviewquestion_change", args=[question.pk])
    editor_client.post(
        url,
        {
            "skill": question.skill_id,
            "question": "New question?",
            "guidance": question.guidance,
            "kind": question.kind,
            "position": 0,
        },
    )
    entry = history(Skill, question.skill_id)[0]
    questions = next(c for c in entry.changes if c.field == "interview questions")
    assert any("New question?" in item for item in questions.added)


# ------------------------------------------------------------------ API


def test_api_write_is_recorded_with_the_token_account_as_author():
    skill = SkillFactory(slug="mediation")
    user = make_editor("script", password="!")
    api_as(user).patch("/api/v1/skills/mediation/", {"summary": "From a script."}, format="json")
    entry = history(Skill, skill.pk)[0]
    assert entry.revision.user == user
    assert entry.revision.comment == "Changed through the API: summary."


def test_editor_reads_a_skills_history_from_the_api(rich_skill):
    api = api_as(make_editor("script", password="!"))
    api.patch("/api/v1/skills/mediation/", {"summary": "Short."}, format="json")
    response = api.get("/api/v1/skills/mediation/history/")
    assert response.status_code == 200
    newest = response.json()["results"][0]
    assert newest["user"] == "script"
    assert {"field": "summary", "before": "Helping parties agree.", "after": "Short."}.items() <= (
        next(c for c in newest["changes"] if c["field"] == "summary").items()
    )
    assert response.json()["results"][1]["comment"] == "setup"


def test_history_api_needs_an_editor(rich_skill):
    assert APIClient().get("/api/v1/skills/mediation/history/").status_code == 401
    reader = api_as(UserFactory(password="!"))
    response = reader.get("/api/v1/skills/mediation/history/")
    assert response.status_code == 403
    assert "history" in response.json()["detail"]


def test_history_api_runs_a_fixed_number_of_queries(rich_skill):
    api = api_as(make_editor("script", password="!"))
    api.patch("/api/v1/skills/mediation/", {"summary": "One."}, format="json")
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/skills/mediation/history/").status_code == 200
    for n in range(6):
        api.patch("/api/v1/skills/mediation/", {"summary": f"Again {n}."}, format="json")
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/skills/mediation/history/").status_code == 200
    assert len(many) == len(few)


# ------------------------------------------------------------------ imports


def write_taxonomy(tmp_path, count, summary="Imported."):
    path = tmp_path / "skills.json"
    skills = [
        {
            "slug": f"skill-{n}",
            "name": f"Skill {n}",
            "summary": summary,
            "status": "draft",
            "aliases": [f"alias {n}", f"other {n}"],
            "resume_examples": [f"Did {n} things"],
        }
        for n in range(count)
    ]
    path.write_text(json.dumps({"format": "skill-atlas-taxonomy", "version": 1, "skills": skills}))
    return path


def test_import_is_one_revision_named_by_its_command_with_one_entry_per_skill(tmp_path):
    path = write_taxonomy(tmp_path, 5)
    call_command("import_taxonomy", str(path), verbosity=0)
    revision = Revision.objects.get()
    assert revision.comment == "import_taxonomy skills.json"
    for skill in Skill.objects.all():
        entries = history(Skill, skill.pk)
        assert len(entries) == 1
        assert entries[0].revision == revision
        aliases = next(c for c in entries[0].changes if c.field == "aliases")
        assert len(aliases.added) == 2


def test_reimport_records_only_the_skills_it_changed(tmp_path):
    call_command("import_taxonomy", str(write_taxonomy(tmp_path, 3)), verbosity=0)
    call_command("import_taxonomy", str(write_taxonomy(tmp_path, 3)), verbosity=0)
    assert Revision.objects.count() == 1  # nothing changed, nothing recorded
    data = json.loads(write_taxonomy(tmp_path, 3).read_text())
    data["skills"][1]["summary"] = "Only this one changed."
    (tmp_path / "skills.json").write_text(json.dumps(data))
    call_command("import_taxonomy", str(tmp_path / "skills.json"), verbosity=0)
    latest = Revision.objects.order_by("pk").last()
    skill_type = Version.objects.get_for_model(Skill).filter(revision=latest)
    assert list(skill_type.values_list("object_repr", flat=True)) == ["Skill 1"]


def test_import_recording_takes_the_same_queries_for_more_skills(tmp_path):
    for count in (3, 30):
        Skill.objects.all().delete()
        call_command("import_taxonomy", str(write_taxonomy(tmp_path, count)), verbosity=0)
        ids = list(Skill.objects.values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            record_batch("bench", skills=ids)
        if count == 3:
            few = len(queries)
    assert len(queries) == few


def test_import_run_for_an_account_names_it_in_the_history(tmp_path):
    user = make_editor("importer")
    call_command("import_taxonomy", str(write_taxonomy(tmp_path, 2)), user="importer", verbosity=0)
    assert Revision.objects.get().user == user


def test_esco_import_is_one_revision_with_one_entry_per_skill_touched(tmp_path):
    folder = build_folder(tmp_path / "esco")
    call_command("import_esco", str(folder), verbosity=0)
    revision = Revision.objects.get()
    assert revision.comment == f"import_esco {folder}"
    skill_versions = Version.objects.get_for_model(Skill).filter(revision=revision)
    assert skill_versions.count() == Skill.objects.count()
    assert Version.objects.get_for_model(JobTitle).filter(revision=revision).count() == (
        JobTitle.objects.count()
    )
    assert Version.objects.get_for_model(InterviewQuestion).count() == 0
