"""Writing a skill with its children in one go: all or nothing, through the write rule.

Nested lists replace what the skill had; a list left out (with PUT or PATCH) is left alone, so
a script updating the summary cannot wipe the questions by accident. Aliases keep their source
(editor/ESCO) when a term is sent again unchanged.
"""

from django.db import transaction

from interviews.models import InterviewQuestion
from taxonomy.changes import content_changed
from taxonomy.history import add_skills, record_batch, recorded
from taxonomy.models import ResumeExample, SkillAlias, Source

SCALAR_FIELDS = (
    "slug",
    "name",
    "summary",
    "definition",
    "status",
    "kind",
    "external_id",
    "category",
)


@transaction.atomic
def save_skill(skill, data, user=None):
    """Create or update ``skill`` from validated API input for ``user``; returns the saved skill.

    The write is recorded in the skill's history with ``user`` as its author."""
    comment = (
        f"Changed through the API: {', '.join(sorted(data))}."
        if skill.pk
        else "Created through the API."
    )
    with recorded(user, comment):
        return _save_skill(skill, data)


def _save_skill(skill, data):
    old_slug = skill.slug if skill.pk else None
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(skill, name, data[name])
    skill.save()
    if "aliases" in data:
        _replace_aliases(skill, data["aliases"])
    if "resume_lines" in data:
        skill.resume_examples.all().delete()
        ResumeExample.objects.bulk_create(
            ResumeExample(skill=skill, text=text, position=index)
            for index, text in enumerate(data["resume_lines"])
        )
    if "interview_questions" in data:
        skill.interview_questions.all().delete()
        InterviewQuestion.objects.bulk_create(
            InterviewQuestion(skill=skill, position=index, **question)
            for index, question in enumerate(data["interview_questions"])
        )
    if "job_titles" in data:
        skill.job_titles.set(data["job_titles"])
    if "related" in data:
        skill.related.set(data["related"])
    renamed = [("skill", old_slug, skill.slug)] if old_slug and old_slug != skill.slug else []
    add_skills([skill.pk])  # bulk writes above send no signal reversion would see
    content_changed(skills=[skill.pk], renamed=renamed)
    return skill


def _replace_aliases(skill, terms):
    sources = {alias.term: alias.source for alias in skill.aliases.all()}
    skill.aliases.all().delete()
    SkillAlias.objects.bulk_create(
        SkillAlias(skill=skill, term=term, source=sources.get(term, Source.EDITOR))
        for term in terms
    )


@transaction.atomic
def delete_skill(skill, user=None):
    """Delete ``skill``; its history keeps it as it was, so an editor can recover it."""
    skill_id, related_ids = skill.pk, list(skill.related.values_list("pk", flat=True))
    record_batch("Deleted through the API.", user=user, skills=[skill_id])
    skill.delete()
    content_changed(skills=[skill_id, *related_ids], deleted=[skill])  # their pages listed it
