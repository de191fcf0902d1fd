"""Reverting to an earlier version, in one step: the object (a skill with everything on it) as
it was then, recorded as a new revision, through review's rules and the write rule."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .changes import content_changed
from .history import add_skills, recorded, skill_children
from .models import Category, JobTitle, Skill
from .review import status_change_error

KINDS = {Skill: "skills", JobTitle: "job_titles", Category: "categories"}


class RevertRefused(Exception):
    """The revert would break a rule (review, a slug taken since); nothing was changed."""


def revert(version, *, user):
    """Restore the object ``version`` records, as it was then; returns the object.

    A skill's aliases, resume lines and children (questions) become exactly the version's, and
    its job titles and related skills too (links to what was deleted since are dropped).
    """
    model = version._model
    when = timezone.localtime(version.revision.date_created)
    comment = f"Reverted to the version of {when:%Y-%m-%d %H:%M} (revision {version.revision_id})."
    try:
        with transaction.atomic(), recorded(user, comment):
            if model is Skill:
                return _revert_skill(version, user)
            return _revert_one(model, version)
    except IntegrityError as exc:
        raise RevertRefused(
            "The old version clashes with what is there now (another record has taken its "
            f"slug or identifier since), so nothing was changed: {exc}"
        ) from exc


def _revert_one(model, version):
    current = model.objects.filter(pk=version.object_id).first()
    _drop_missing_links(version)
    version.revert()
    obj = model.objects.get(pk=version.object_id)
    reversion.add_to_revision(obj)
    kind = KINDS[model]
    renamed = []
    if current is not None and current.slug != obj.slug:
        renamed = [(kind.removesuffix("s"), current.slug, obj.slug)]
    content_changed(**{kind: [obj.pk]}, renamed=renamed)
    return obj


def _revert_skill(version, user):
    skill_id = int(version.object_id)
    current = Skill.objects.filter(pk=skill_id).first()
    old = version._object_version.object
    error = status_change_error(user, current.status if current else None, old.status)
    if error:
        raise RevertRefused(f"{error} (the old version is {old.get_status_display().lower()}).")
    related_before = set(current.related.values_list("pk", flat=True)) if current else set()
    types = ContentType.objects.get_for_models(*skill_children().values()).values()
    children = list(
        version.revision.version_set.filter(
            content_type__in=list(types), serialized_data__contains=f'"skill": {skill_id}'
        )
    )
    children = [v for v in children if v._object_version.object.skill_id == skill_id]
    _drop_missing_links(version)
    if current is not None:  # the children become exactly the version's
        for name in skill_children():
            getattr(current, name).all().delete()
    version.revert()
    for child in children:
        child.revert()
    skill = Skill.objects.get(pk=skill_id)
    add_skills([skill_id])
    related_after = set(skill.related.values_list("pk", flat=True))
    renamed = []
    if current is not None and current.slug != skill.slug:
        renamed = [("skill", current.slug, skill.slug)]
    content_changed(skills={skill_id} | (related_before ^ related_after), renamed=renamed)
    return skill


def _drop_missing_links(version):
    """A link to a category, job title or skill deleted since cannot be restored: drop it."""
    deserialized = version._object_version
    obj = deserialized.object
    for field in obj._meta.concrete_fields:
        if field.is_relation and getattr(obj, field.attname) is not None:
            target = field.related_model
            if not target.objects.filter(pk=getattr(obj, field.attname)).exists():
                setattr(obj, field.attname, None)
    for name, ids in (deserialized.m2m_data or {}).items():
        target = obj._meta.get_field(name).related_model
        deserialized.m2m_data[name] = list(
            target.objects.filter(pk__in=list(ids)).values_list("pk", flat=True)
        )
