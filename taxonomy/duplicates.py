"""The duplicate guard: one name, one skill (and one job title).

Two names are the same name when their ``taxonomy.names.name_key`` is equal (case, accents,
spacing and punctuation other than "#" and "+" ignored). Each skill and job title keeps its key
in ``name_key`` (refreshed by the write rule), so a guard is one indexed query.

- An *exact duplicate* is refused where an editor writes: the admin forms (an error linking to
  the existing one) and the API (409 with its slug). An alias equal to another skill's name is
  refused too: it would send searchers to two pages for one name.
- A *near duplicate* is what the search app finds for the name (its ranking and meaning); the
  admin shows them as a warning the editor may confirm past. Taxonomy does not import search:
  ``settings.NEAR_DUPLICATE_FINDER`` names the function (``find(model, name, exclude)``, a list
  of instances), so without it there are no warnings, only the exact guard.
- Imports never stop on a duplicate (ESCO itself shares labels between concepts): they name
  the collisions in their summary (``collisions``) and go on.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.module_loading import import_string

from .models import JobTitle, Skill, SkillAlias
from .names import name_key

KEY_LENGTH = Skill._meta.get_field("name_key").max_length
CHUNK = 2000
SHOWN_COLLISIONS = 20


def stored_key(name):
    return name_key(name)[:KEY_LENGTH]


def same_name(model, name, exclude=None):
    """The first ``model`` (Skill or JobTitle) whose name is ``name`` ignoring case, accents and
    punctuation, other than ``exclude`` (an instance or pk); None when there is none."""
    key = stored_key(name)
    if not key:
        return None
    found = model.objects.filter(name_key=key)
    if exclude is not None:
        found = found.exclude(pk=getattr(exclude, "pk", exclude))
    return found.order_by("pk").first()


def skills_named(terms, exclude=None):
    """{term: the skill named so} for the terms (aliases) that are another skill's name."""
    keys = {term: stored_key(term) for term in terms if stored_key(term)}
    found = Skill.objects.filter(name_key__in=set(keys.values()))
    if exclude is not None:
        found = found.exclude(pk=getattr(exclude, "pk", exclude))
    by_key = {}
    for skill in found.order_by("pk"):
        by_key.setdefault(skill.name_key, skill)
    return {term: by_key[key] for term, key in keys.items() if key in by_key}


def near_duplicates(model, name, exclude=None):
    """Instances the configured finder (the search app) holds close to ``name``: the admin's
    warning. Exact duplicates are the guard's, so they are left out here."""
    path = getattr(settings, "NEAR_DUPLICATE_FINDER", "")
    if not path or not name_key(name):
        return []
    exclude_pk = getattr(exclude, "pk", exclude)
    found = import_string(path)(model, name, exclude_pk)
    key = stored_key(name)
    return [obj for obj in found if obj.pk != exclude_pk and obj.name_key != key]


def refresh_name_keys(skill_ids=(), job_title_ids=()):
    """Part of the write rule: the stored key of each named skill and job title follows its
    name (deleted ids are skipped). Only rows whose key changed are written."""
    for model, ids in ((Skill, skill_ids), (JobTitle, job_title_ids)):
        ids = sorted(set(ids))
        for start in range(0, len(ids), CHUNK):
            rows = model.objects.filter(pk__in=ids[start : start + CHUNK]).only("name", "name_key")
            stale = []
            for row in rows:
                key = stored_key(row.name)
                if row.name_key != key:
                    row.name_key = key
                    stale.append(row)
            model.objects.bulk_update(stale, ["name_key"], batch_size=500)


def collisions(skill_ids=(), job_title_ids=()):
    """What an import should report: for the given skills and job titles, other rows with the
    same name, and their aliases that are another skill's name. A list of sentences, at most
    ``SHOWN_COLLISIONS`` plus a count of the rest. Two queries per kind, plus one per chunk."""
    found = []
    for model, ids, label in (
        (Skill, skill_ids, "skill"),
        (JobTitle, job_title_ids, "job title"),
    ):
        found += _same_names(model, set(ids), label)
    if skill_ids:
        found += _aliases_naming_other_skills(set(skill_ids))
    if len(found) > SHOWN_COLLISIONS:
        rest = len(found) - SHOWN_COLLISIONS
        found = [*found[:SHOWN_COLLISIONS], f"... and {rest} more"]
    return found


def _same_names(model, ids, label):
    if not ids:
        return []
    keys = set()
    for start in range(0, len(ids), CHUNK):
        chunk = sorted(ids)[start : start + CHUNK]
        keys |= set(model.objects.filter(pk__in=chunk).values_list("name_key", flat=True))
    keys.discard("")
    groups = defaultdict(list)
    keys = sorted(keys)
    for start in range(0, len(keys), CHUNK):
        rows = model.objects.filter(name_key__in=keys[start : start + CHUNK]).order_by("pk")
        for pk, name, slug, key in rows.values_list("pk", "name", "slug", "name_key"):
            groups[key].append((pk, name, slug))
    return [
        f"{label} name shared by " + ", ".join(f"{name!r} ({slug})" for _, name, slug in rows)
        for key, rows in sorted(groups.items())
        if len(rows) > 1 and any(pk in ids for pk, _, _ in rows)
    ]


def _aliases_naming_other_skills(ids):
    found = []
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        aliases = SkillAlias.objects.filter(skill_id__in=ids[start : start + CHUNK])
        by_key = defaultdict(list)
        for term, skill_slug in aliases.values_list("term", "skill__slug"):
            by_key[stored_key(term)].append((term, skill_slug))
        by_key.pop("", None)
        named = Skill.objects.filter(name_key__in=list(by_key)).values_list("name_key", "slug")
        for key, slug in sorted(named):
            for term, owner in by_key[key]:
                if owner != slug:
                    found.append(f"alias {term!r} of {owner} is the name of skill {slug}")
    return found
