"""The whole taxonomy as plain data: the export file and the importer's idea of "unchanged"."""

from .models import Category, JobTitle, Skill

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
        "aliases": [alias.term for alias in skill.aliases.all()],
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
