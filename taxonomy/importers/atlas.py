"""Import Skill Atlas's own taxonomy files (docs/taxonomy-format.md): keyed by slug, all or nothing.

The file is authoritative for every record it holds: a skill's aliases, resume lines, questions,
job titles and related skills become exactly the file's. Records equal to what the database
already holds are left untouched, so importing the same file twice changes nothing. Reading the
file (JSON or CSV) is ``taxonomy.file_format``'s job; this module validates and writes.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..alias_keys import alias_key
from ..changes import content_changed
from ..duplicates import collisions
from ..extensions import file_extensions
from ..file_format import (
    SECTIONS,
    category_record,
    job_title_record,
    read_taxonomy_file,
    skill_record,
)
from ..history import record_batch
from ..import_errors import ImportFailed
from ..models import (
    CATEGORY_MAX_DEPTH,
    Category,
    JobTitle,
    ResumeExample,
    Skill,
    SkillAlias,
    Source,
    digest,
)
from ..review import check_import_statuses
from ..text_checks import first_unstorable
from .counts import Counts, collision_lines


@dataclass
class ImportSummary:
    categories: Counts = field(default_factory=Counts)
    job_titles: Counts = field(default_factory=Counts)
    skills: Counts = field(default_factory=Counts)
    changed_skill_ids: list = field(default_factory=list)
    collisions: list = field(default_factory=list)  # names shared with other rows

    def lines(self):
        lines = [f"{name.replace('_', ' ')}: {getattr(self, name)}" for name in SECTIONS]
        return lines + collision_lines(self.collisions)


@dataclass
class Record:
    data: dict
    file: Path
    where: object  # "skills[3]" in JSON, a line number in CSV
    items: dict = field(default_factory=dict)  # CSV: "aliases[2]" -> (line, column)
    absent: frozenset = frozenset()  # --partial: keys the file does not give, left as they are

    def fail(self, message, field=""):
        line, column = self.where, field
        key, _, subfield = field.partition(".")
        if key in self.items:
            line, column = self.items[key]
            column = subfield or column
        raise ImportFailed(message, file=self.file, line=line, field=column)


def _records(documents, partial=False):
    """Every record of every file, tagged with where it came from; slugs unique across files."""
    merged = {section: {} for section in SECTIONS}
    for path, document, locations in documents:
        for section in SECTIONS:
            items = document.get(section, [])
            if not isinstance(items, list):
                raise ImportFailed("must be a list", file=path, field=section)
            for index, data in enumerate(items):
                if locations is None:
                    record = Record(data, path, f"{section}[{index}]")
                else:
                    record = Record(data, path, *locations[section][index])
                if not isinstance(data, dict):
                    record.fail("must be an object")
                if partial and locations is None:
                    record.absent = frozenset(_text_defaults(section)) - set(data)
                slug = data.get("slug")
                if not isinstance(slug, str) or not slug:
                    record.fail("a slug is required", "slug")
                if slug in merged[section]:
                    first = merged[section][slug]
                    record.fail(f"duplicate slug {slug!r} (first in {first.file}, {first.where})")
                merged[section][slug] = record
    return merged


TEXT_DEFAULTS = {
    "categories": {"name": None, "description": "", "external_id": "", "parent": None},
    "job_titles": {
        "name": None,
        "description": "",
        "external_id": "",
        "alternative_labels": [],
        "esco_fields": [],
    },
    "skills": {
        "name": None,
        "summary": "",
        "definition": "",
        "category": None,
        "status": Skill.Status.DRAFT,
        "kind": Skill.Kind.SKILL,
        "external_id": "",
        "esco_fields": [],
        "aliases": [],
        "resume_examples": [],
        "job_titles": [],
        "related": [],
        "esco_related": [],
    },
}
# Fields whose content may be ESCO's (``esco_fields``: the rest is the editors').
ESCO_FIELDS = {
    "job_titles": {"name", "description", "alternative_labels"},
    "skills": {"name", "summary", "definition", "category", "kind"},
}


def _text_defaults(section):
    defaults = dict(TEXT_DEFAULTS[section])
    if section == "skills":
        defaults.update({extension.key: [] for extension in file_extensions()})
    return defaults


def _normalise(record, section):
    """Fill defaults and check types, so records compare equal to ``export`` output."""
    defaults = _text_defaults(section)
    extension_keys = {extension.key for extension in file_extensions()}
    unknown = set(record.data) - set(defaults) - {"slug"}
    if unknown:
        record.fail(f"unknown key(s): {', '.join(sorted(unknown))}")
    found = first_unstorable(record.data)
    if found:
        where, reason = found
        record.fail(reason, where)
    data = {"slug": record.data["slug"]}
    for key, default in defaults.items():
        value = record.data.get(key, default)
        if default is None and key == "name":
            if not isinstance(value, str) or not value.strip():
                record.fail("a name is required", key)
        elif isinstance(default, list):
            if not isinstance(value, list):
                record.fail("must be a list", key)
            if key == "aliases":
                value = [_alias(record, index, item) for index, item in enumerate(value)]
            elif key not in extension_keys and not all(isinstance(v, str) for v in value):
                record.fail("must be a list of strings", key)
            if key == "alternative_labels":  # stored one per line, blank lines dropped
                value = [line.strip() for v in value for line in v.splitlines() if line.strip()]
            if key == "esco_fields":
                unknown_fields = set(value) - ESCO_FIELDS[section]
                if unknown_fields:
                    record.fail(f"not a field ESCO writes: {sorted(unknown_fields)[0]!r}", key)
                value = sorted(set(value))
        elif key in ("parent", "category"):
            if value is not None and not isinstance(value, str):
                record.fail("must be a slug or null", key)
        elif not isinstance(value, str):
            record.fail("must be a string", key)
        data[key] = value
    return data


def _alias(record, index, item):
    """A string (an editor's alias) or ``{"term": …, "source": …}``; returns the export form."""
    if isinstance(item, str):
        return item
    where = f"aliases[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("term"), str):
        record.fail("must be a string or an object with a term", where)
    unknown = set(item) - {"term", "source"}
    if unknown:
        record.fail(f"unknown key(s): {', '.join(sorted(unknown))}", where)
    source = item.get("source", Source.EDITOR)
    if source not in Source.values:
        record.fail(f"unknown source {source!r}", f"{where}.source")
    return item["term"] if source == Source.EDITOR else {"term": item["term"], "source": source}


def alias_parts(alias):
    """(term, source) of an alias in export form."""
    if isinstance(alias, str):
        return alias, Source.EDITOR
    return alias["term"], alias["source"]


def _check_model(record, instance, exclude=()):
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            record.fail(" ".join(messages), name)


def _extension_items(record, data):
    """Each extension's items of a skill (its questions...), validated: ``{key: [instances]}``.

    ``data`` is rewritten in the export form, so it compares equal to ``skill_record``."""
    built = {}
    for extension in file_extensions():
        items = []
        for index, item in enumerate(data[extension.key]):
            where = f"{extension.key}[{index}]"
            try:
                items.append(extension.build(item, index))
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, messages in exc.message_dict.items():
                        record.fail(" ".join(messages), f"{where}.{name}")
                record.fail(" ".join(exc.messages), where)
        built[extension.key] = items
        data[extension.key] = [extension.export_item(item) for item in items]
    return built


def _check_skill(record, data):
    keys = ("name", "slug", "summary", "definition", "status", "kind")
    skill = Skill(**{k: data[k] for k in keys})
    skill.external_id = data["external_id"]
    _check_model(record, skill, exclude=["category"])
    seen = {}
    for index, item in enumerate(data["aliases"]):
        term, source = alias_parts(item)
        try:
            SkillAlias(term=term, source=source).full_clean(
                exclude=["skill"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                suffix = ".source" if name == "source" else ""
                record.fail(" ".join(messages), f"aliases[{index}]{suffix}")
        if alias_key(term) in seen:
            record.fail(f"duplicate alias {term!r} (ignoring case)", f"aliases[{index}]")
        seen[alias_key(term)] = term
    for index, text in enumerate(data["resume_examples"]):
        try:
            ResumeExample(text=text).full_clean(exclude=["skill"], validate_unique=False)
        except ValidationError as exc:
            record.fail(
                " ".join(exc.message_dict.get("text", exc.messages)), f"resume_examples[{index}]"
            )


def _resolve(records, key, model, known):
    """Check every slug a record points at exists in the files or the database."""
    wanted = set()
    for _, data in records:
        values = data[key] if isinstance(data[key], list) else [data[key]]
        wanted.update(v for v in values if v)
    missing = (
        wanted - known - set(model.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    )
    for record, data in records:
        values = data[key] if isinstance(data[key], list) else [data[key]]
        for index, value in enumerate(values):
            if value in missing:
                where = f"{key}[{index}]" if isinstance(data[key], list) else key
                record.fail(f"unknown {model._meta.verbose_name} {value!r}", where)


def _check_external_ids(records, model):
    """External identifiers are unique per table: in the files and against the database."""
    first, by_slug = {}, {data["slug"]: data for _, data in records}
    for record, data in records:
        external_id = data["external_id"]
        if not external_id:
            continue
        if external_id in first:
            record.fail(
                f"external_id {external_id!r} is also {first[external_id]!r}'s", "external_id"
            )
        first[external_id] = data["slug"]
    holders = model.objects.filter(external_id__in=list(first)).values_list("external_id", "slug")
    for external_id, slug in holders:
        claimant = first[external_id]
        if (
            slug != claimant
            and by_slug.get(slug, {}).get("external_id", external_id) == external_id
        ):
            record = next(r for r, d in records if d["slug"] == claimant)
            record.fail(
                f"external_id {external_id!r} belongs to {slug!r} in the database", "external_id"
            )


def _check_category_tree(categories):
    """No loops, and no branch deeper than the limit once the file's moves are applied."""
    parents = dict(Category.objects.values_list("slug", "parent__slug"))
    parents.update({data["slug"]: data["parent"] for _, data in categories})
    children = {}
    for slug, parent in parents.items():
        children.setdefault(parent, []).append(slug)

    def height(slug):
        return 1 + max((height(child) for child in children.get(slug, ())), default=0)

    for record, data in categories:
        depth, node, seen = 1, data["parent"], {data["slug"]}
        while node:
            if node in seen:
                record.fail("categories form a loop", "parent")
            seen.add(node)
            depth += 1
            node = parents.get(node)
        if depth + height(data["slug"]) - 1 > CATEGORY_MAX_DEPTH:
            record.fail(
                f"categories nest at most {CATEGORY_MAX_DEPTH} levels deep "
                "(counting the subcategories below this one)",
                "parent",
            )


def _related_pairs(skills, key="related"):
    """Related skills are symmetric: a link named on either side counts for both."""
    pairs = set()
    for _, data in skills:
        for other in data[key]:
            if other != data["slug"]:
                pairs.add(frozenset((data["slug"], other)))
    return pairs


def _esco_digests(data, values):
    """``esco_fields`` as stored: a digest of each field the record says is ESCO's."""
    return {name: digest(values[name]) for name in data["esco_fields"]}


def _upsert(model, rows, existing, fields, keep_existing, counts, to_record):
    """Create new rows, update rows whose exported form differs; returns the written slugs."""
    created, updated = [], []
    now = timezone.now()
    for data, instance in rows:
        current = existing.get(data["slug"])
        if current is None:
            created.append(instance)
        elif keep_existing or _comparable(to_record(current)) == _comparable(data):
            counts.unchanged += 1
        else:
            instance.pk = current.pk
            if hasattr(instance, "updated"):
                instance.updated = now
            updated.append(instance)
    if updated:
        # An external identifier may move between records in one file; release the ones that
        # change first so no statement ever sees two rows holding the same identifier.
        moving = [i.pk for i in updated if existing[i.slug].external_id != i.external_id]
        model.objects.filter(pk__in=moving).update(external_id="")
        model.objects.bulk_update(
            updated,
            [*fields, *(["updated"] if hasattr(model, "updated") else [])],
            batch_size=500,
        )
    model.objects.bulk_create(created, batch_size=500)
    counts.created += len(created)
    counts.updated += len(updated)
    return {i.slug for i in created} | {i.slug for i in updated}


def import_taxonomy(paths, *, keep_existing=False, dry_run=False, partial=False, user=None):
    """Import one or more taxonomy files together; raises ImportFailed and writes nothing on error.

    ``keep_existing`` leaves records whose slug already exists as they are (demo loading must not
    undo an editor's work); ``dry_run`` reports what would change and rolls everything back;
    ``partial`` accepts files without some columns (CSV) or keys (JSON) and leaves what those
    hold untouched on records that exist (without it a CSV missing a column is refused).
    ``user`` is the account the import runs for: it must hold the publish permission to
    publish, archive or unpublish a skill (``taxonomy.review``); None is the server's operator.
    """
    documents = [(Path(p), *read_taxonomy_file(p, partial)) for p in paths]
    merged = _records(documents, partial)
    categories = [(r, _normalise(r, "categories")) for r in merged["categories"].values()]
    job_titles = [(r, _normalise(r, "job_titles")) for r in merged["job_titles"].values()]
    skills = [(r, _normalise(r, "skills")) for r in merged["skills"].values()]
    if partial:
        _keep_absent(categories, Category.objects.select_related("parent"), category_record)
        _keep_absent(job_titles, JobTitle.objects.all(), job_title_record)
        _keep_absent(skills, Skill.objects.for_export(), skill_record)

    for record, data in categories:
        _check_model(
            record, Category(**{k: data[k] for k in ("name", "slug", "description", "external_id")})
        )
    for record, data in job_titles:
        instance = JobTitle(**{k: data[k] for k in ("name", "slug", "description", "external_id")})
        _check_model(record, instance)
    attached = {}
    for record, data in skills:
        _check_skill(record, data)
        attached[data["slug"]] = _extension_items(record, data)

    _resolve(categories, "parent", Category, set(merged["categories"]))
    _check_category_tree(categories)
    _resolve(skills, "category", Category, set(merged["categories"]))
    _resolve(skills, "job_titles", JobTitle, set(merged["job_titles"]))
    _resolve(skills, "related", Skill, set(merged["skills"]))
    _resolve(skills, "esco_related", Skill, set(merged["skills"]))
    _check_external_ids(categories, Category)
    _check_external_ids(job_titles, JobTitle)
    _check_external_ids(skills, Skill)
    _check_statuses(skills, keep_existing, user)
    pairs = {key: _related_pairs(skills, key) for key in ("related", "esco_related")}
    for _, data in skills:
        for key, linked in pairs.items():
            data[key] = sorted(
                other for pair in linked if data["slug"] in pair for other in pair - {data["slug"]}
            )
        data["job_titles"] = sorted(set(data["job_titles"]))

    summary = ImportSummary()
    with transaction.atomic():
        written_categories = _write_categories(categories, keep_existing, summary)
        written_titles = _write_job_titles(job_titles, keep_existing, summary)
        _write_skills(skills, attached, pairs, keep_existing, summary)
        title_ids = list(
            JobTitle.objects.filter(slug__in=written_titles).values_list("pk", flat=True)
        )
        touched = {
            "skills": summary.changed_skill_ids,
            "job_titles": title_ids,
            "categories": Category.objects.filter(slug__in=written_categories).values_list(
                "pk", flat=True
            ),
        }
        names = " ".join(path.name for path, *_ in documents)
        record_batch(f"import_taxonomy {names}"[:1000], user=user, **touched)
        content_changed(**touched)
        summary.collisions = collisions(summary.changed_skill_ids, title_ids)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _keep_absent(pairs, queryset, to_record):
    """``--partial``: what a record does not give is what the database holds for it."""
    wanted = [data["slug"] for record, data in pairs if record.absent]
    if not wanted:
        return
    current = {obj.slug: to_record(obj) for obj in queryset.filter(slug__in=wanted)}
    for record, data in pairs:
        existing = current.get(data["slug"])
        for key in record.absent if existing else ():
            if key in existing:
                data[key] = existing[key]


def _check_statuses(skills, keep_existing, user):
    """Review before publishing: an account without the permission cannot publish by import."""
    if user is None:
        return
    current = dict(
        Skill.objects.filter(slug__in=[d["slug"] for _, d in skills]).values_list("slug", "status")
    )
    moves = [
        (record, current.get(data["slug"]), data["status"])
        for record, data in skills
        if not (keep_existing and data["slug"] in current)
    ]
    refused = check_import_statuses(user, moves)
    if refused:
        record, message = refused
        record.fail(message, "status")


def _write_categories(categories, keep_existing, summary):
    slugs = [data["slug"] for _, data in categories]
    existing = {c.slug: c for c in Category.objects.select_related("parent").filter(slug__in=slugs)}
    rows = []
    for _, data in categories:
        fields = {k: data[k] for k in ("name", "slug", "description", "external_id")}
        rows.append((data, Category(**fields)))
    written = _upsert(
        Category,
        rows,
        existing,
        ["name", "description", "external_id"],
        keep_existing,
        summary.categories,
        category_record,
    )
    wanted_parents = {
        data["slug"]: data["parent"] for _, data in categories if data["slug"] in written
    }
    ids = dict(
        Category.objects.filter(
            slug__in={*wanted_parents, *filter(None, wanted_parents.values())}
        ).values_list("slug", "pk")
    )
    changed = []
    for slug, parent in wanted_parents.items():
        category = Category(pk=ids[slug], parent_id=ids.get(parent) if parent else None)
        changed.append(category)
    Category.objects.bulk_update(changed, ["parent"], batch_size=500)
    return written


def _write_job_titles(job_titles, keep_existing, summary):
    slugs = [data["slug"] for _, data in job_titles]
    existing = {t.slug: t for t in JobTitle.objects.filter(slug__in=slugs)}
    rows = []
    for _, data in job_titles:
        fields = {k: data[k] for k in ("name", "slug", "description", "external_id")}
        fields["alternative_labels"] = "\n".join(data["alternative_labels"])
        rows.append((data, JobTitle(**fields, esco_fields=_esco_digests(data, fields))))
    return _upsert(
        JobTitle,
        rows,
        existing,
        ["name", "description", "external_id", "alternative_labels", "esco_fields"],
        keep_existing,
        summary.job_titles,
        job_title_record,
    )


def _write_skills(skills, attached, pairs, keep_existing, summary):
    slugs = [data["slug"] for _, data in skills]
    existing = {s.slug: s for s in Skill.objects.for_export().filter(slug__in=slugs)}
    category_ids = dict(
        Category.objects.filter(
            slug__in={d["category"] for _, d in skills if d["category"]}
        ).values_list("slug", "pk")
    )
    rows = []
    for _, data in skills:
        keys = ("name", "slug", "summary", "definition", "status", "kind", "external_id")
        fields = {k: data[k] for k in keys}
        fields["category_id"] = category_ids.get(data["category"])
        values = {**fields, "category": fields["category_id"]}
        rows.append((data, Skill(**fields, esco_fields=_esco_digests(data, values))))
    written = _upsert(
        Skill,
        rows,
        existing,
        ["name", "summary", "definition", "status", "kind", "external_id", "category"]
        + ["esco_fields"],
        keep_existing,
        summary.skills,
        skill_record,
    )
    if not written:
        return
    by_slug = {data["slug"]: data for _, data in skills}
    every_pair = pairs["related"] | pairs["esco_related"]
    involved = written | {other for pair in every_pair if pair & written for other in pair}
    skill_ids = dict(Skill.objects.filter(slug__in=involved).values_list("slug", "pk"))
    title_ids = dict(
        JobTitle.objects.filter(
            slug__in={t for slug in written for t in by_slug[slug]["job_titles"]}
        ).values_list("slug", "pk")
    )
    written_ids = [skill_ids[slug] for slug in written]
    summary.changed_skill_ids = written_ids

    SkillAlias.objects.filter(skill_id__in=written_ids).delete()
    ResumeExample.objects.filter(skill_id__in=written_ids).delete()
    JobTitleLink = Skill.job_titles.through
    JobTitleLink.objects.filter(skill_id__in=written_ids).delete()
    for key in ("related", "esco_related"):
        through = getattr(Skill, key).through
        through.objects.filter(from_skill_id__in=written_ids).delete()
        through.objects.filter(to_skill_id__in=written_ids).delete()

    aliases, lines, links = [], [], []
    for slug in written:
        data, skill_id = by_slug[slug], skill_ids[slug]
        aliases += [
            SkillAlias(skill_id=skill_id, term=term, source=source)
            for term, source in map(alias_parts, data["aliases"])
        ]
        lines += [
            ResumeExample(skill_id=skill_id, text=text, position=position)
            for position, text in enumerate(data["resume_examples"])
        ]
        links += [
            JobTitleLink(skill_id=skill_id, jobtitle_id=title_ids[t]) for t in data["job_titles"]
        ]
    SkillAlias.objects.bulk_create(aliases, batch_size=1000)
    ResumeExample.objects.bulk_create(lines, batch_size=1000)
    JobTitleLink.objects.bulk_create(links, batch_size=1000)
    for key, linked in pairs.items():
        through, rows = getattr(Skill, key).through, []
        for pair in linked:
            if pair & written:
                a, b = (skill_ids[slug] for slug in sorted(pair))
                rows += [
                    through(from_skill_id=a, to_skill_id=b),
                    through(from_skill_id=b, to_skill_id=a),
                ]
        through.objects.bulk_create(rows, batch_size=1000)
    for extension in file_extensions():
        extension.replace({skill_ids[slug]: attached[slug][extension.key] for slug in written})


def _comparable(record):
    """Alias order is not content (the site lists them alphabetically)."""
    if "aliases" in record:
        return {**record, "aliases": sorted(record["aliases"], key=alias_parts)}
    return record
