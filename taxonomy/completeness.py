"""What "complete" means: the one definition used by badges, filters, the worklist and tests.

A skill page answers five questions (``ANSWERS``). A skill is *complete* when it answers them
well enough to hire on (``REQUIREMENTS``): a summary; a definition that says more than the
summary; at least 3 CV lines, 2 job titles, 3 aliases and 2 related skills; and at least 4
written interview questions of two kinds or more, each with guidance. Generated (generic)
questions are never stored, so they never count.

The counts live on the skill (``coverage``, ``answer_count``, ``question_count``,
``is_complete``) so lists, filters and ranking read a column instead of counting children on
every request. The write rule (``taxonomy.changes``) refreshes them for every skill it touches;
extensions (``taxonomy.extensions``) supply their part, e.g. interviews the question counts.
"""

from collections import Counter

from django.db.models import Count

from .extensions import skill_extensions
from .models import ResumeExample, Skill, SkillAlias

REFRESH_CHUNK = 2000

# The five answers of a skill page, and when the page gives each at all.
ANSWERS = [
    ("what", "What it is", lambda c: c["summary"] and c["definition"]),
    ("cv", "How it shows on a CV", lambda c: c["cv_lines"] > 0),
    ("who", "Who has it", lambda c: c["job_titles"] > 0),
    ("also", "What else to search for", lambda c: c["aliases"] + c["related"] > 0),
    ("interview", "How to interview for it", lambda c: c["questions"] > 0),
]

# What a complete skill has: (label, test on its coverage).
REQUIREMENTS = [
    ("a one-line summary", lambda c: c["summary"]),
    ("a definition that says more than the summary", lambda c: c["definition"]),
    ("at least 3 CV lines", lambda c: c["cv_lines"] >= 3),
    ("at least 2 job titles", lambda c: c["job_titles"] >= 2),
    ("at least 3 aliases", lambda c: c["aliases"] >= 3),
    ("at least 2 related skills", lambda c: c["related"] >= 2),
    (
        "at least 4 written interview questions of two kinds, with guidance",
        lambda c: c["questions"] >= 4 and c["question_kinds"] >= 2,
    ),
]


def says_more_than_summary(summary, definition):
    """False for a blank definition or one that only repeats the summary (ESCO's summary is the
    first sentence of its description, so a one-sentence description says nothing more)."""
    summary, definition = summary.strip(), definition.strip()
    if not definition:
        return False
    rest = definition.removeprefix(summary).strip() if summary else definition
    return len(rest) >= 40


def missing(coverage):
    """The labels of the requirements ``coverage`` does not meet (empty: complete)."""
    return [label for label, met in REQUIREMENTS if not met(coverage)]


def answers(coverage):
    """(key, label, given) for each of the five answers."""
    return [(key, label, bool(given(coverage))) for key, label, given in ANSWERS]


def refresh_coverage(skill_ids):
    """Recompute the coverage columns of these skills (deleted ids are skipped)."""
    ids = sorted(set(skill_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        _refresh(ids[start : start + REFRESH_CHUNK])


def _counts(queryset, key):
    return Counter(dict(queryset.values(key).annotate(n=Count("pk")).values_list(key, "n")))


def _refresh(ids):
    """Writes only the skills whose coverage changed: an import of 9,000 new skills with no
    content yet, created with ``blank_coverage``, rewrites nothing."""
    columns = ["coverage", "question_count", "answer_count", "is_complete"]
    skills = list(Skill.objects.filter(pk__in=ids).only("summary", "definition", *columns))
    if not skills:
        return
    lines = _counts(ResumeExample.objects.filter(skill_id__in=ids), "skill_id")
    aliases = _counts(SkillAlias.objects.filter(skill_id__in=ids), "skill_id")
    titles = _counts(Skill.job_titles.through.objects.filter(skill_id__in=ids), "skill_id")
    related = _counts(Skill.related.through.objects.filter(from_skill_id__in=ids), "from_skill_id")
    extra = {}
    for extension in skill_extensions():
        for skill_id, values in extension.coverage(ids).items():
            extra.setdefault(skill_id, {}).update(values)
    changed = []
    for skill in skills:
        counts = {
            "cv_lines": lines[skill.pk],
            "job_titles": titles[skill.pk],
            "aliases": aliases[skill.pk],
            "related": related[skill.pk],
            **extra.get(skill.pk, {}),
        }
        before = [getattr(skill, name) for name in columns]
        _set_coverage(skill, counts)
        if [getattr(skill, name) for name in columns] != before:
            changed.append(skill)
    Skill.objects.bulk_update(changed, columns, batch_size=500)


def _set_coverage(skill, counts):
    coverage = {
        "summary": bool(skill.summary.strip()),
        "definition": says_more_than_summary(skill.summary, skill.definition),
        "cv_lines": 0,
        "job_titles": 0,
        "aliases": 0,
        "related": 0,
        "questions": 0,
        "question_kinds": 0,
        **counts,
    }
    skill.coverage = coverage
    skill.question_count = coverage["questions"]
    skill.answer_count = sum(given for _, _, given in answers(coverage))
    skill.is_complete = not missing(coverage)


def blank_coverage(skill):
    """Set the coverage columns of a new, unsaved ``skill`` that has nothing but its own
    fields yet (no aliases, CV lines, links or questions): what ``refresh_coverage`` would."""
    _set_coverage(skill, {})
