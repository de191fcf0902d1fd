"""Merging two skills, or two job titles, into one: everything moves to the survivor.

A merge is what editors do with a duplicate (``taxonomy.duplicates`` reports them). Nothing on
the loser is lost: its name becomes an alias of the survivor (a job title's other name), its
aliases, CV lines, job titles, related skills and each extension's content (interview questions)
move over, blank text on the survivor is filled from the loser, and its ESCO URI moves when the
survivor has none. The loser is then deleted, and the write rule leaves a permanent redirect from
its slug and a "merged" entry in the changes feed (``taxonomy.redirects``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from .changes import content_changed
from .extensions import skill_extensions
from .history import record_batch
from .models import (
    JobTitle,
    MergedExternalId,
    ResumeExample,
    Skill,
    SkillAlias,
    SkillPageOpen,
    Source,
)
from .names import name_key

FILLED_FROM_LOSER = ("summary", "definition")


def _check(loser, survivor, model):
    if not isinstance(loser, model) or not isinstance(survivor, model):
        raise ValidationError(f"Only two {model._meta.verbose_name_plural} can be merged.")
    if loser.pk == survivor.pk:
        raise ValidationError("Choose two different records to merge.")


@transaction.atomic
def merge_skills(loser, survivor, user=None):
    """Move everything of ``loser`` to ``survivor`` and delete ``loser``; returns the survivor.

    Both are in the history (by ``user``): the loser as it was, so it can be recovered, and
    the survivor as the merge left it."""
    _check(loser, survivor, Skill)
    loser = Skill.objects.select_for_update().get(pk=loser.pk)
    survivor = Skill.objects.select_for_update().get(pk=survivor.pk)
    loser_pk, related_pages = loser.pk, set(loser.related.values_list("pk", flat=True))
    record_batch(_merged_comment(loser, survivor), user=user, skills=[loser.pk])

    _move_aliases(loser, survivor)
    start = survivor.resume_examples.aggregate(last=Max("position"))["last"]
    start = -1 if start is None else start
    for offset, line in enumerate(loser.resume_examples.order_by("position", "pk"), start=1):
        line.skill, line.position = survivor, start + offset
        line.save(update_fields=["skill", "position"])
    survivor.job_titles.add(*loser.job_titles.all())
    survivor.related.add(*loser.related.exclude(pk=survivor.pk))
    survivor.esco_related.add(*loser.esco_related.exclude(pk=survivor.pk))
    for extension in skill_extensions():
        extension.merge(loser, survivor)
    _fill_blanks(loser, survivor, FILLED_FROM_LOSER)
    _move_external_id(loser, survivor)
    _move_page_opens(loser, survivor)

    loser.delete()
    survivor.save()
    record_batch(_merged_comment(loser, survivor), user=user, skills=[survivor.pk])
    content_changed(skills=[survivor.pk, loser_pk, *related_pages], merged=[(loser, survivor)])
    return survivor


def _merged_comment(loser, survivor):
    return f"Merged “{loser.name}” ({loser.slug}) into “{survivor.name}” ({survivor.slug})."


def _move_aliases(loser, survivor):
    """The loser's aliases and name become the survivor's aliases, once each (ignoring case,
    accents and punctuation), never repeating the survivor's own name."""
    taken = {name_key(survivor.name)} | {
        name_key(term) for term in survivor.aliases.values_list("term", flat=True)
    }
    for alias in loser.aliases.all():
        if name_key(alias.term) in taken:
            alias.delete()
        else:
            taken.add(name_key(alias.term))
            alias.skill = survivor
            alias.save(update_fields=["skill"])
    if name_key(loser.name) not in taken:
        SkillAlias.objects.create(skill=survivor, term=loser.name, source=Source.EDITOR)


def _move_page_opens(loser, survivor):
    """Recruiters' interest in the loser counts for the survivor (the editors' dashboard)."""
    for day, opens in loser.page_opens.values_list("day", "opens"):
        same_day = SkillPageOpen.objects.filter(skill=survivor, day=day)
        if not same_day.update(opens=F("opens") + opens):
            SkillPageOpen.objects.create(skill=survivor, day=day, opens=opens)


def _fill_blanks(loser, survivor, fields):
    for field in fields:
        if not getattr(survivor, field).strip() and getattr(loser, field).strip():
            setattr(survivor, field, getattr(loser, field))
            if field in loser.esco_fields:
                survivor.esco_fields[field] = loser.esco_fields[field]


def _move_external_id(loser, survivor):
    """The survivor takes the loser's identifier (an ESCO URI) when it has none, else keeps it
    as a merged one (skills): either way a later import finds the merged skill instead of
    creating the duplicate again."""
    if not loser.external_id:
        return
    if not survivor.external_id:
        survivor.external_id = loser.external_id
    elif isinstance(survivor, Skill):
        MergedExternalId.objects.update_or_create(
            external_id=loser.external_id, defaults={"skill": survivor}
        )
    type(loser).objects.filter(pk=loser.pk).update(external_id="")
    loser.external_id = ""
    if isinstance(loser, Skill):  # identifiers merged into the loser earlier follow it
        loser.merged_external_ids.update(skill=survivor)


@transaction.atomic
def merge_job_titles(loser, survivor, user=None):
    """Move the loser's skills and names to ``survivor`` and delete ``loser`` (both in the
    history, as for skills)."""
    _check(loser, survivor, JobTitle)
    loser = JobTitle.objects.select_for_update().get(pk=loser.pk)
    survivor = JobTitle.objects.select_for_update().get(pk=survivor.pk)
    loser_pk = loser.pk
    record_batch(_merged_comment(loser, survivor), user=user, job_titles=[loser.pk])
    survivor.skills.add(*loser.skills.all())
    names = [*survivor.alternative_label_list()]
    taken = {name_key(survivor.name)} | {name_key(n) for n in names}
    for other in [loser.name, *loser.alternative_label_list()]:
        if name_key(other) not in taken:
            taken.add(name_key(other))
            names.append(other)
    survivor.alternative_labels = "\n".join(names)
    _fill_blanks(loser, survivor, ["description"])
    _move_external_id(loser, survivor)
    loser.delete()
    survivor.save()
    record_batch(_merged_comment(loser, survivor), user=user, job_titles=[survivor.pk])
    content_changed(job_titles=[survivor.pk, loser_pk], merged=[(loser, survivor)])
    return survivor


def merge_counts(skill):
    """What a skill merge would move, for the confirmation page."""
    return {
        "aliases": skill.aliases.count(),
        "CV lines": ResumeExample.objects.filter(skill=skill).count(),
        "job titles": skill.job_titles.count(),
        "related skills": skill.related.count(),
        **{label: count for e in skill_extensions() for label, count in e.counts(skill).items()},
    }
