"""The history of content changes, kept by django-reversion: who changed what, when, and how.

Registered: categories, job titles, and skills together with everything on them (aliases, resume
lines, and each extension's children such as interview questions, through ``follow``); a
skill's job titles and related skills are part of its own record. A *revision* is one change
(who, when, a comment); it holds one *version* per object as it was after the change.

Every write path records one, inside its transaction and before the write rule:
- admin saves, through reversion's ``VersionAdmin`` (the skill, job title and category admins);
- code (API writes, admin actions, reverts) wraps its writes in ``recorded(user, comment)`` and
  names what it wrote with ``add_skills`` (bulk writes send no signals reversion could see);
- imports call ``record_batch``: one revision named by the command, one version per skill,
  job title and category touched (and one per child of those skills), serialised from a few
  prefetching queries and inserted in bulk, so a 4,000-skill import is not 30,000 round trips.

Reading: ``skill_history`` gives a skill's entries, newest first, each with the field-by-field
changes from the version before, in a fixed number of queries. Reverting is
``taxonomy.reverts``.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import router
from django.utils import timezone
from reversion.models import Revision, Version

from .extensions import skill_extensions
from .models import Category, JobTitle, ResumeExample, Skill, SkillAlias

CHUNK = 500
# Kept current by the write rule (or by the database): never shown as a change.
DERIVED_FIELDS = {
    "created",
    "updated",
    "coverage",
    "answer_count",
    "question_count",
    "is_complete",
    "esco_fields",
}


def skill_children():
    """The reverse relations a skill's history follows: ``{name: model}``, in page order."""
    children = {"aliases": SkillAlias, "resume_examples": ResumeExample}
    for extension in skill_extensions():
        children.update(extension.history_children)
    return children


def register_models():
    """Register the content models with reversion (once; the admin and the app both ask)."""
    if reversion.is_registered(Skill):
        return
    reversion.register(Category)
    reversion.register(JobTitle)
    for model in skill_children().values():
        reversion.register(model)
    reversion.register(Skill, follow=tuple(skill_children()))


@contextmanager
def recorded(user=None, comment=""):
    """Record the writes inside as one revision by ``user`` (joins an enclosing one)."""
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def add_skills(skill_ids):
    """Put these skills, with everything on them as it is now, in the current revision."""
    if not reversion.is_active():
        return
    for skill in Skill.objects.filter(pk__in=list(skill_ids)).prefetch_related(*skill_children()):
        reversion.add_to_revision(skill)


class _PrefetchedSerializer(PythonSerializer):
    """Django's serialisation (reversion's "json" format once dumped), reading many-to-many
    fields from the prefetch cache instead of one query per field per object."""

    def handle_m2m_field(self, obj, field):
        if field.remote_field.through._meta.auto_created:
            self._current[field.name] = [related.pk for related in getattr(obj, field.name).all()]


def _version(revision, obj, content_type, db):
    # json.dumps in one go uses the C encoder; the "json" serializer streams in pure Python.
    data = json.dumps(_PrefetchedSerializer().serialize([obj]), cls=DjangoJSONEncoder)
    return Version(
        revision=revision,
        content_type=content_type,
        object_id=str(obj.pk),
        db=db,
        format="json",
        serialized_data=data,
        object_repr=str(obj),
    )


def record_batch(comment, *, user=None, skills=(), job_titles=(), categories=()):
    """One revision for a bulk write (an import): a version of every object named (ids).

    Call it inside the import's transaction, after its writes. Returns the revision, or None
    when nothing was named.
    """
    skill_ids, title_ids, category_ids = (
        sorted(set(ids)) for ids in (skills, job_titles, categories)
    )
    if not (skill_ids or title_ids or category_ids):
        return None
    revision = Revision.objects.create(
        date_created=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment,
    )
    children = skill_children()
    plans = [
        (
            Skill,
            skill_ids,
            Skill.objects.prefetch_related("job_titles", "related", "esco_related", *children),
        ),
        (JobTitle, title_ids, JobTitle.objects.all()),
        (Category, category_ids, Category.objects.with_path()),
    ]
    for model, ids, queryset in plans:
        db = router.db_for_write(model)
        content_types = {
            m: ContentType.objects.get_for_model(m) for m in (model, *children.values())
        }
        for start in range(0, len(ids), CHUNK):
            versions = []
            for obj in queryset.filter(pk__in=ids[start : start + CHUNK]):
                versions.append(_version(revision, obj, content_types[model], db))
                if model is Skill:
                    for name, child_model in children.items():
                        versions += [
                            _version(revision, child, content_types[child_model], db)
                            for child in getattr(obj, name).all()
                        ]
            Version.objects.bulk_create(versions, batch_size=CHUNK)
    return revision


# Reading -------------------------------------------------------------------------------------


@dataclass
class Change:
    """One field's change: ``before``/``after`` for a value, ``added``/``removed`` for a list."""

    field: str
    before: str = ""
    after: str = ""
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    reordered: bool = False


@dataclass
class HistoryEntry:
    version: Version
    changes: list

    @property
    def revision(self):
        return self.version.revision


def _fields(version):
    return json.loads(version.serialized_data)[0]["fields"]


def _child_item(fields):
    """A child as the page shows it: its text fields, without the links, position and keys
    computed from the text (an alias's ``key``)."""
    values = [
        str(value)
        for name, value in fields.items()
        if name not in ("skill", "position", "key") and value not in ("", None, "editor")
    ]
    return " — ".join(values)


def _child_versions(skill_id, revision_ids):
    """The children's versions of ``skill_id`` in these revisions: ``{revision id: {relation:
    [items in order]}}``, one query (an import's revision holds every skill's children; the
    text filter narrows it in the database, the parsed field decides)."""
    children = skill_children()
    by_type = {ContentType.objects.get_for_model(m).pk: name for name, m in children.items()}
    found = {}
    rows = Version.objects.filter(
        revision_id__in=revision_ids,
        content_type_id__in=list(by_type),
        serialized_data__contains=f'"skill": {skill_id}',
    ).values_list("revision_id", "content_type_id", "serialized_data")
    for revision_id, type_id, data in rows:
        fields = json.loads(data)[0]["fields"]
        if fields.get("skill") != skill_id:
            continue
        found.setdefault(revision_id, {}).setdefault(by_type[type_id], []).append(fields)
    return {
        revision_id: {
            name: [
                _child_item(f)
                for f in sorted(items, key=lambda f: (f.get("position", 0), _child_item(f)))
            ]
            for name, items in relations.items()
        }
        for revision_id, relations in found.items()
    }


def _names(model, ids):
    return {pk: str(obj) for pk, obj in model.objects.in_bulk(ids).items()} if ids else {}


def _label(model, name):
    if name in skill_children():
        return skill_children()[name]._meta.verbose_name_plural
    return model._meta.get_field(name).verbose_name


def _diff(model, before, after, names):
    """Field-by-field changes from ``before`` to ``after`` (states; ``before`` None: the first
    version, compared with nothing)."""
    before = before or {}
    changes = []
    for name, new in after.items():
        old = before.get(name, [] if isinstance(new, list) else "")
        if name in DERIVED_FIELDS or old == new:
            continue
        label = _label(model, name)
        if isinstance(new, list):
            shown_old = [names.get((name, v), v) if not isinstance(v, str) else v for v in old]
            shown_new = [names.get((name, v), v) if not isinstance(v, str) else v for v in new]
            added = [v for v in shown_new if v not in shown_old]
            removed = [v for v in shown_old if v not in shown_new]
            changes.append(
                Change(
                    label,
                    added=[str(v) for v in added],
                    removed=[str(v) for v in removed],
                    reordered=not added and not removed,
                )
            )
        else:
            changes.append(
                Change(label, before=_shown(name, old, names), after=_shown(name, new, names))
            )
    return changes


def _shown(name, value, names):
    if value in (None, ""):
        return ""
    return str(names.get((name, value), value))


REFERENCES = {"category": Category, "parent": Category, "job_titles": JobTitle}


def _resolve_names(model, states):
    """Names of the categories, job titles and skills the states point at, by (field, id)."""
    wanted = {}
    for state in states:
        for name, value in state.items():
            target = model if name in ("related", "esco_related") else REFERENCES.get(name)
            if target is None or value in (None, ""):
                continue
            ids = value if isinstance(value, list) else [value]
            wanted.setdefault(target, {}).setdefault(name, set()).update(ids)
    names = {}
    for target, fields in wanted.items():
        found = _names(target, {pk for ids in fields.values() for pk in ids})
        for name, ids in fields.items():
            names.update({(name, pk): found.get(pk, f"#{pk} (deleted)") for pk in ids})
    return names


def versions_of(model, object_id):
    """Every version of one object, newest first, with its revision and author."""
    return (
        Version.objects.get_for_object_reference(model, object_id)
        .select_related("revision__user")
        .order_by("-pk")
    )


def history(model, object_id, versions=None):
    """``HistoryEntry`` list for ``versions`` of one object (default: all, newest first), each
    with its changes from the version before it; a fixed number of queries."""
    versions = list(versions_of(model, object_id) if versions is None else versions)
    if not versions:
        return []
    oldest = versions[-1]
    previous = versions_of(model, object_id).filter(pk__lt=oldest.pk).first()
    chain = [*versions, previous] if previous else versions
    states = [state(model, v, None) for v in chain]
    if model is Skill:
        children = _child_versions(int(object_id), [v.revision_id for v in chain])
        states = [state(model, v, children.get(v.revision_id, {})) for v in chain]
    names = _resolve_names(model, states)
    return [
        HistoryEntry(
            version, _diff(model, states[i + 1] if i + 1 < len(states) else None, states[i], names)
        )
        for i, version in enumerate(versions)
    ]


def state(model, version, children):
    """What a version records, as comparable values: fields (ids for links, sorted id lists for
    many-to-many) and, for a skill, each child relation's items in order."""
    fields = _fields(version)
    result = {
        name: sorted(value) if isinstance(value, list) else value
        for name, value in fields.items()
        if name not in DERIVED_FIELDS
    }
    if model is Skill:
        for name in skill_children():
            result[name] = (children or {}).get(name, [])
    return result
