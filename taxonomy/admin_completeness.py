"""What to write next, in the skill change list: a compact mark of the five answers a page
gives (``taxonomy.completeness``), sortable, and filters for what is missing."""

from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from .completeness import answers

GIVEN, MISSING = "✓", "·"
# A row the write rule has not reached yet (made in a shell) has no coverage: nothing given.
NOTHING = {"summary": False, "definition": False, "cv_lines": 0, "job_titles": 0}
NOTHING |= {"aliases": 0, "related": 0, "questions": 0, "question_kinds": 0}


@admin.display(description="answers", ordering="answer_count")
def completeness_mark(skill):
    """Five marks, one per answer (what, CV, who, also, interview), then "complete" or the
    count; the title and the screen-reader text name each. Reads only the skill's columns."""
    given = answers({**NOTHING, **(skill.coverage or {})})
    label = "; ".join(f"{text}: {'yes' if ok else 'missing'}" for _, text, ok in given)
    marks = format_html_join("", "{}", ((GIVEN if ok else MISSING,) for _, _, ok in given))
    status = "complete" if skill.is_complete else f"{skill.answer_count}/5"
    return format_html(
        '<span title="{}" aria-label="{}">{} <small>{}</small></span>', label, label, marks, status
    )


class MissingAnswerFilter(admin.SimpleListFilter):
    """Skills lacking one of the answers editors most often have to write."""

    title = "missing"
    parameter_name = "missing"
    CONDITIONS = {
        "questions": ("no interview questions", Q(question_count=0)),
        "cv_lines": ("no CV lines", Q(coverage__cv_lines=0)),
        "job_titles": ("no job titles", Q(coverage__job_titles=0)),
        "aliases": ("no aliases or related skills", Q(coverage__aliases=0, coverage__related=0)),
        "definition": ("no definition", Q(coverage__definition=False)),
        "incomplete": ("anything (not complete)", Q(is_complete=False)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.CONDITIONS.items()]

    def queryset(self, request, queryset):
        condition = self.CONDITIONS.get(self.value())
        return queryset.filter(condition[1]) if condition else queryset
