"""The taxonomy file (docs/taxonomy-format.md): its JSON and CSV forms, read and written here.

Two forms of the same content: a JSON document, and a CSV table with one row per record, a
``record`` column saying which kind. Both are lossless. Writing: ``export_document()`` and
``export_csv()``; reading: ``read_taxonomy_file(path)``, which turns either form into the JSON
form's document (the importer in ``importers.atlas`` validates and writes it). The record
builders double as the importer's idea of "unchanged". Content other apps attach to skills
(interview questions) rides along through ``taxonomy.extensions``.
"""

import csv
import functools
import io
import json
import sys
from pathlib import Path

from .extensions import file_extensions
from .import_errors import ImportFailed, undecodable_line
from .models import (
    ESCO_CREDIT,
    ESCO_URI_PREFIX,
    Category,
    JobTitle,
    Skill,
    SkillAlias,
    Source,
    TechnologyUse,
)
from .onet_models import ONET_CREDIT, ONET_TECHNOLOGY_PREFIX

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

FORMAT_NAME = "skill-atlas-taxonomy"
FORMAT_VERSION = 1


def category_record(category):
    return {
        "slug": category.slug,
        "name": category.name,
        "parent": category.parent.slug if category.parent_id else None,
        "description": category.description,
        "external_id": category.external_id,
    }


def job_title_record(job_title):
    return {
        "slug": job_title.slug,
        "name": job_title.name,
        "alternative_labels": job_title.alternative_label_list(),
        "description": job_title.description,
        "external_id": job_title.external_id,
        "esco_fields": sorted(job_title.field_sources()),
    }


def alias_record(alias):
    """An editor's alias is a plain string; any other source (ESCO) is kept as an object."""
    if alias.source == Source.EDITOR:
        return alias.term
    return {"term": alias.term, "source": alias.source}


def skill_record(skill):
    """Expects a skill loaded with ``Skill.objects.for_export()``."""
    return {
        "slug": skill.slug,
        "name": skill.name,
        "summary": skill.summary,
        "definition": skill.definition,
        "category": skill.category.slug if skill.category_id else None,
        "status": skill.status,
        "kind": skill.kind,
        "external_id": skill.external_id,
        "esco_fields": sorted(skill.field_sources()),
        "aliases": [alias_record(alias) for alias in skill.aliases.all()],
        "resume_examples": [line.text for line in skill.resume_examples.all()],
        "job_titles": sorted(title.slug for title in skill.job_titles.all()),
        "related": sorted(other.slug for other in skill.related.all()),
        "esco_related": sorted(other.slug for other in skill.esco_related.all()),
        **{extension.key: extension.export(skill) for extension in file_extensions()},
    }


def credits():
    """The attributions the exported content requires: ESCO's, when any of ESCO's text is in
    (an ESCO URI alone, on a curated skill, is our link to ESCO, not ESCO's content); O*NET's,
    when any job title, technology or technology link came from O*NET."""
    esco = (
        Skill.objects.exclude(esco_fields={}).exists()
        or JobTitle.objects.exclude(esco_fields={}).exists()
        or Category.objects.filter(external_id__startswith=ESCO_URI_PREFIX).exists()
        or SkillAlias.objects.filter(source=Source.ESCO).exists()
        or Skill.esco_related.through.objects.exists()
    )
    onet = (
        JobTitle.objects.exclude(onet_code="").exists()
        or Skill.objects.filter(external_id__startswith=ONET_TECHNOLOGY_PREFIX).exists()
        or TechnologyUse.objects.exists()
    )
    return [ESCO_CREDIT] * esco + [ONET_CREDIT] * onet


def export_document():
    """The whole taxonomy, every status, as the JSON form's document."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "credits": credits(),
        "categories": [
            category_record(c) for c in Category.objects.select_related("parent").order_by("slug")
        ],
        "job_titles": [job_title_record(t) for t in JobTitle.objects.order_by("slug")],
        "skills": [skill_record(s) for s in Skill.objects.for_export().order_by("slug")],
    }


# One CSV row per record. Child rows (aliases, resume lines, links, questions, a job title's
# alternative labels) name their owner in the ``skill`` or ``job_title`` column and follow the
# file's order. A cell a record kind does not use stays empty.
BASE_CSV_RECORDS = {
    "category": ["slug", "name", "parent", "description", "external_id"],
    "job_title": ["slug", "name", "description", "external_id", "esco_fields"],
    "job_title_label": ["job_title", "label"],
    "skill": [
        "slug",
        "name",
        "summary",
        "definition",
        "category",
        "status",
        "kind",
        "external_id",
        "esco_fields",
    ],
    "alias": ["skill", "term", "source"],
    "resume_example": ["skill", "text"],
    "skill_job_title": ["skill", "job_title"],
    "related_skill": ["skill", "related"],
    "esco_related_skill": ["skill", "related"],
    "credit": ["text"],
}
BASE_CSV_COLUMNS = [
    "record",
    "slug",
    "name",
    "parent",
    "category",
    "status",
    "kind",
    "summary",
    "definition",
    "description",
    "external_id",
    "esco_fields",
    "skill",
    "job_title",
    "label",
    "term",
    "source",
    "text",
    "related",
]
# Child record kind -> (owner section, owner column, the owner's list key, the item's column,
# whether the item is the whole row as an object rather than that column's text).
BASE_CSV_CHILDREN = {
    "job_title_label": ("job_titles", "job_title", "alternative_labels", "label", False),
    "alias": ("skills", "skill", "aliases", "term", False),
    "resume_example": ("skills", "skill", "resume_examples", "text", False),
    "skill_job_title": ("skills", "skill", "job_titles", "job_title", False),
    "related_skill": ("skills", "skill", "related", "related", False),
    "esco_related_skill": ("skills", "skill", "esco_related", "related", False),
}
CSV_SECTIONS = {"category": "categories", "job_title": "job_titles", "skill": "skills"}


@functools.cache
def csv_records():
    """Record kind -> the columns it uses, taxonomy's own then each extension's."""
    records = dict(BASE_CSV_RECORDS)
    for extension in file_extensions():
        records[extension.csv_record] = ["skill", *extension.csv_columns]
    return records


@functools.cache
def csv_columns():
    columns = list(BASE_CSV_COLUMNS)
    for extension in file_extensions():
        columns += [c for c in extension.csv_columns if c not in columns]
    return columns


def csv_children():
    children = dict(BASE_CSV_CHILDREN)
    for extension in file_extensions():
        first = extension.csv_columns[0]
        children[extension.csv_record] = ("skills", "skill", extension.key, first, True)
    return children


def csv_rows(document):
    """The rows of the CSV form of an exported ``document``, header first."""
    columns, records = csv_columns(), csv_records()
    yield columns

    def row(record, **cells):
        used = records[record]
        if isinstance(cells.get("esco_fields"), list):
            cells["esco_fields"] = ",".join(cells["esco_fields"])
        return [record, *((cells.get(c) or "") if c in used else "" for c in columns[1:])]

    for text in document.get("credits", []):
        yield row("credit", text=text)
    for category in document["categories"]:
        yield row("category", **category)
    for title in document["job_titles"]:
        yield row("job_title", **title)
        for label in title["alternative_labels"]:
            yield row("job_title_label", job_title=title["slug"], label=label)
    for skill in document["skills"]:
        slug = skill["slug"]
        yield row("skill", **skill)
        for alias in skill["aliases"]:
            alias = alias if isinstance(alias, dict) else {"term": alias}
            yield row("alias", skill=slug, **alias)
        for text in skill["resume_examples"]:
            yield row("resume_example", skill=slug, text=text)
        for title in skill["job_titles"]:
            yield row("skill_job_title", skill=slug, job_title=title)
        for other in skill["related"]:
            yield row("related_skill", skill=slug, related=other)
        for other in skill["esco_related"]:
            yield row("esco_related_skill", skill=slug, related=other)
        for extension in file_extensions():
            for item in skill[extension.key]:
                yield row(extension.csv_record, skill=slug, **item)


def export_csv(document=None):
    """The CSV form as text (RFC 4180 quoting; newlines inside cells are kept)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_rows(document or export_document()))
    return out.getvalue()


def export_json(document=None):
    return json.dumps(document or export_document(), ensure_ascii=False, indent=2) + "\n"


# --- Reading ---------------------------------------------------------------------------------

SECTIONS = ("categories", "job_titles", "skills")


def read_taxonomy_file(path, partial=False):
    """Returns ``(document, locations)``; ``locations`` is None for JSON (see ``read_csv``)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # CSV cells keep "\r\n"
            text = handle.read()
    except FileNotFoundError:
        raise ImportFailed("file not found", file=path) from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"not UTF-8 text ({exc.reason})", file=path, line=undecodable_line(path)
        ) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc}", file=path) from None
    suffix = path.suffix.lower()
    if suffix == ".csv" or (suffix != ".json" and not text.lstrip().startswith("{")):
        return read_csv(path, text, partial)
    return read_json(path, text), None


def read_json(path, text):
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno
        ) from None
    except RecursionError:
        raise ImportFailed(
            "the JSON nests lists or objects too deeply (a taxonomy file is 4 levels deep)",
            file=path,
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ImportFailed(f"not a {FORMAT_NAME} file", file=path, field="format")
    if document.get("version") != FORMAT_VERSION:
        raise ImportFailed(
            f"unsupported version {document.get('version')!r}; expected {FORMAT_VERSION}",
            file=path,
            field="version",
        )
    unknown = set(document) - {"format", "version", "credits", *SECTIONS}
    if unknown:
        raise ImportFailed(f"unknown key(s): {', '.join(sorted(unknown))}", file=path)
    return document


def csv_kinds_of_section():
    """Section -> the record kinds its records are written as (the record's own, its children)."""
    kinds = {section: [kind] for kind, section in CSV_SECTIONS.items()}
    for kind, (section, *_) in csv_children().items():
        kinds[section].append(kind)
    return kinds


def _missing_columns(header, kinds_present, partial, fail):
    """Per section, the keys its records cannot give because a column is missing.

    A file must carry every column its records use: a missing ``summary`` column would
    otherwise read as empty summaries and erase them. ``partial`` allows it, and the importer
    then leaves those keys as the database has them."""
    records, children = csv_records(), csv_children()
    absent = {section: set() for section in CSV_SECTIONS.values()}
    for section, kinds in csv_kinds_of_section().items():
        if not kinds_present & set(kinds):
            continue
        for kind in kinds:
            missing = [c for c in records[kind] if c not in header]
            if missing and not partial:
                fail(
                    f"column {missing[0]!r} is missing ({kind} records use it); export the "
                    "file again, or import with --partial to leave what it holds untouched",
                    1,
                    missing[0],
                )
            if not missing:
                continue
            if kind in CSV_SECTIONS:
                absent[section].update(missing)
            else:
                absent[section].add(children[kind][2])
    return absent


def read_csv(path, text, partial=False):
    """Returns ``(document, locations)``; ``locations[section][index]`` is
    ``(line, fields, absent)`` where ``fields`` maps a list item such as ``aliases[2]`` to its
    ``(line, column)`` and ``absent`` names the keys the file has no column for (``partial``)."""

    def fail(message, line, column=""):
        raise ImportFailed(message, file=path, line=line, field=column)

    records, known_columns, children_of = csv_records(), csv_columns(), csv_children()
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    document.update({section: [] for section in CSV_SECTIONS.values()})
    locations = {section: [] for section in CSV_SECTIONS.values()}
    owners = {section: {} for section in CSV_SECTIONS.values()}
    children = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        header = next(reader, None)
        if not header or "record" not in header:
            fail(f"not a {FORMAT_NAME} CSV file: the header has no 'record' column", 1)
        for column in header:
            if column not in known_columns:
                fail(f"unknown column {column!r}", 1, column)
        if len(set(header)) != len(header):
            fail("a column appears twice in the header", 1)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not cells:
                continue
            if len(cells) != len(header):
                fail(f"expected {len(header)} columns as in the header, found {len(cells)}", line)
            row = dict(zip(header, cells, strict=True))
            kind = row.pop("record")
            if kind not in records:
                fail(f"unknown record kind {kind!r}", line, "record")
            used = records[kind]
            for column, value in row.items():
                if value and column not in used:
                    fail(f"{kind} records leave this column empty", line, column)
            data = {column: value for column, value in row.items() if value}
            if "esco_fields" in data:
                data["esco_fields"] = [f.strip() for f in data["esco_fields"].split(",")]
            if kind == "credit":  # an attribution the export carries; nothing to import
                continue
            if kind in CSV_SECTIONS:
                section = CSV_SECTIONS[kind]
                if kind == "job_title":
                    data["alternative_labels"] = []
                elif kind == "skill":
                    data.update(aliases=[], resume_examples=[], job_titles=[], related=[])
                    data["esco_related"] = []
                    data.update({extension.key: [] for extension in file_extensions()})
                document[section].append(data)
                locations[section].append((line, {}))
                if data.get("slug"):
                    owners[section].setdefault(data["slug"], len(document[section]) - 1)
            else:
                children.append((line, kind, data))
    except csv.Error as exc:
        fail(f"malformed CSV: {exc} (an unbalanced quote?)", start)
    kinds_present = {kind for _, kind, _ in children} | {
        kind for kind, section in CSV_SECTIONS.items() if document[section]
    }
    absent = _missing_columns(header, kinds_present, partial, fail)
    for section, places in locations.items():
        locations[section] = [(line, fields, frozenset(absent[section])) for line, fields in places]

    for line, kind, data in children:
        section, owner_column, key, column, whole_row = children_of[kind]
        slug = data.pop(owner_column, "")
        if slug not in owners[section]:
            noun = section[:-1].replace("_", " ")
            fail(f"no {noun} {slug!r} in this file", line, owner_column)
        index = owners[section][slug]
        items = document[section][index][key]
        locations[section][index][1][f"{key}[{len(items)}]"] = (line, column)
        if whole_row:
            items.append(data)
        elif kind == "alias" and data.get("source"):
            items.append({"term": data.get("term", ""), **data})
        else:
            items.append(data.get(column, ""))
    return document, locations
