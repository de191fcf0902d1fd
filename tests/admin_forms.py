"""What the skill change form in admin posts, for tests that save through it."""


def inline(prefix, rows, initial=0):
    """The management form and rows of one inline formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def skill_change_data(skill, **fields):
    """The form for ``skill`` as saved, with empty inlines; ``fields`` adds or replaces fields."""
    return {
        "name": skill.name,
        "slug": skill.slug,
        "status": skill.status,
        "category": str(skill.category_id),
        "summary": skill.summary,
        "definition": skill.definition,
        "external_id": skill.external_id,
        "seen_updated": skill.updated.isoformat(),
        **inline("aliases", []),
        **inline("resume_examples", []),
        **inline("interview_questions", []),
        **fields,
    }
