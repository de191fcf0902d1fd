"""The whole taxonomy as plain data: the export file and the importer's idea of "unchanged".

Two forms of the same content (docs/taxonomy-format.md): a JSON document, and a CSV table with
one row per record, a ``record`` column saying which kind. Both are lossless and
``import_taxonomy`` reads either.
"""

import csv
import io

from .models import Category, JobTitle, Skill, Source

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
        "external_id": skill.external_id,
        "aliases": [alias_record(alias) for alias in skill.aliases.all()],
        "resume_examples": [line.text for line in skill.resume_examples.all()],
        "job_titles": sorted(title.slug for title in skill.job_titles.all()),
        "related": sorted(other.slug for other in skill.related.all()),
        "interview_questions": [
            {"question": q.question, "guidance": q.guidance, "kind": q.kind}
            for q in skill.interview_questions.all()
        ],
    }


def export_taxonomy():
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "categories": [
            category_record(c) for c in Category.objects.select_related("parent").order_by("slug")
        ],
        "job_titles": [job_title_record(t) for t in JobTitle.objects.order_by("slug")],
        "skills": [skill_record(s) for s in Skill.objects.for_export().order_by("slug")],
    }


# One CSV row per record. Child rows (aliases, resume lines, links, questions, a job title's
# alternative labels) name their owner in the ``skill`` or ``job_title`` column and follow the
# file's order. A cell a record kind does not use stays empty.
CSV_RECORDS = {
    "category": ["slug", "name", "parent", "description", "external_id"],
    "job_title": ["slug", "name", "description", "external_id"],
    "job_title_label": ["job_title", "label"],
    "skill": ["slug", "name", "summary", "definition", "category", "status", "external_id"],
    "alias": ["skill", "term", "source"],
    "resume_example": ["skill", "text"],
    "skill_job_title": ["skill", "job_title"],
    "related_skill": ["skill", "related"],
    "interview_question": ["skill", "question", "guidance", "kind"],
}
CSV_COLUMNS = [
    "record",
    "slug",
    "name",
    "parent",
    "category",
    "status",
    "summary",
    "definition",
    "description",
    "external_id",
    "skill",
    "job_title",
    "label",
    "term",
    "source",
    "text",
    "related",
    "question",
    "guidance",
    "kind",
]
assert {c for cs in CSV_RECORDS.values() for c in cs} == set(CSV_COLUMNS[1:])


def csv_rows(document):
    """The rows of the CSV form of an exported ``document``, header first."""
    yield CSV_COLUMNS

    def row(record, **cells):
        used = CSV_RECORDS[record]
        return [record, *((cells.get(c) or "") if c in used else "" for c in CSV_COLUMNS[1:])]

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
        for question in skill["interview_questions"]:
            yield row("interview_question", skill=slug, **question)


def export_csv(document=None):
    """The CSV form as text (RFC 4180 quoting; newlines inside cells are kept)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(csv_rows(document or export_taxonomy()))
    return out.getvalue()
