"""Editing the taxonomy: everything about a skill on one page."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef
from django.forms.models import BaseInlineFormSet

from ops.edit_conflicts import SEEN_FIELD

from .admin_completeness import MissingAnswerFilter, completeness_mark
from .admin_duplicates import SAVE_ANYWAY, AliasNameGuard, DuplicateGuardForm, JobTitleForm
from .admin_merge import merge_selected
from .alias_keys import alias_key
from .changes import affected_skill_ids, content_changed
from .extensions import skill_extensions
from .history import record_batch, register_models
from .history_admin import HistoryAdmin
from .models import (
    CATEGORY_PARENT_CHAIN,
    Category,
    JobTitle,
    ResumeExample,
    Skill,
    SkillAlias,
    subquery_aggregate,
)
from .redirects import kind_of
from .review_admin import ReviewAdmin
from .review_admin import SkillForm as ReviewForm


class CategoryListFilter(admin.RelatedOnlyFieldListFilter):
    """Categories in use, named by their path, with every parent loaded in the one query."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values_list(f"{field.name}__pk", flat=True)
        return [
            (category.pk, str(category))
            for category in Category.objects.with_path().filter(pk__in=used).order_by("name")
        ]


class AliasFormSet(AliasNameGuard, BaseInlineFormSet):
    """Catches aliases that differ only in case within one save, before the database does."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            term = alias_key((form.cleaned_data.get("term") or "").strip())
            if not term:
                continue
            if term in seen:
                form.add_error(
                    "term", "This alias is already listed for this skill (ignoring case)."
                )
                raise ValidationError("Each alias may appear only once, ignoring case.")
            seen.add(term)


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    formset = AliasFormSet
    extra = 1
    fields = ["term", "source"]
    readonly_fields = ["source"]


class ResumeExampleInline(admin.TabularInline):
    model = ResumeExample
    extra = 1
    fields = ["text", "position"]


CHANGE_KIND_IDS = {
    "skills": "skill_ids",
    "job_titles": "job_title_ids",
    "categories": "category_ids",
}


register_models()  # before the admin classes below are built (VersionAdmin would guess)


class ContentAdmin(HistoryAdmin):
    """Every save and delete of this model goes through the write rule (taxonomy.changes), and
    every save is recorded in its history (HistoryAdmin, taxonomy.history_admin).

    ``change_kind`` is the keyword of ``content_changed`` this model's ids go to.
    """

    change_kind = "skills"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # inlines and links are saved
        self.tidy_saved(form.instance)
        old_slug = form.initial.get("slug")
        renamed = ()
        if change and old_slug and old_slug != form.instance.slug:
            renamed = [(kind_of(form.instance), old_slug, form.instance.slug)]
        content_changed(**{self.change_kind: [form.instance.pk]}, renamed=renamed)

    def tidy_saved(self, obj):
        """Last corrections to a saved object before the write rule runs."""

    def delete_queryset(self, request, queryset):
        deleted = list(queryset)  # their slugs go to the changes feed (taxonomy.redirects)
        ids = [obj.pk for obj in deleted]
        shown_on = self.pages_showing(ids)  # before the rows go
        # The history keeps them as they were, for "Recover deleted …".
        record_batch("Deleted in admin.", user=request.user, **{self.change_kind: ids})
        super().delete_queryset(request, queryset)
        content_changed(**{self.change_kind: ids, "skills": shown_on}, deleted=deleted)

    def pages_showing(self, ids):
        """Skills whose page shows these objects (their ids are in ``change_kind``)."""
        return set(affected_skill_ids(**{CHANGE_KIND_IDS[self.change_kind]: ids}))

    def delete_model(self, request, obj):
        self.delete_queryset(request, type(obj).objects.filter(pk=obj.pk))


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    change_kind = "categories"
    list_display = ["name", "parent", "skill_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_filter = [("parent", CategoryListFilter)]
    ordering = ["name"]

    def get_queryset(self, request):
        # A category's name shows its path, so its parents come in the same query.
        return (
            super()
            .get_queryset(request)
            .select_related(f"parent__{CATEGORY_PARENT_CHAIN}")
            .annotate(
                skill_total=subquery_aggregate(
                    Skill.objects.filter(category=OuterRef("pk")), "COUNT"
                )
            )
        )

    @admin.display(description="skills", ordering="skill_total")
    def skill_count(self, obj):
        return obj.skill_total


@admin.register(JobTitle)
class JobTitleAdmin(ContentAdmin):
    change_kind = "job_titles"
    form = JobTitleForm  # the duplicate guard
    actions = [merge_selected]
    list_display = ["name", "skill_count", "updated"]
    search_fields = ["name", "alternative_labels"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["updated"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_total=Count("skills"))

    @admin.display(description="skills", ordering="skill_total")
    def skill_count(self, obj):
        return obj.skill_total


class SkillForm(DuplicateGuardForm, ReviewForm):
    """The skill form: the duplicate guard, then review's status rules and the edit-conflict
    check (two editors on one skill: the second save is refused)."""


@admin.register(Skill)
class SkillAdmin(ReviewAdmin, ContentAdmin):
    # ReviewAdmin (taxonomy.review_admin): review before publishing, the status and review
    # actions. Narrow enough for 1280 px: the answers mark replaces the count columns.
    form = SkillForm
    list_display = ["name", completeness_mark, "status", "category", "updated"]
    list_filter = ["status", MissingAnswerFilter, ("category", CategoryListFilter)]
    list_select_related = [f"category__{CATEGORY_PARENT_CHAIN}"]
    ordering = ["name"]
    search_fields = ["name", "aliases__term"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["category", "job_titles", "related"]
    readonly_fields = ["created", "updated"]
    date_hierarchy = "updated"
    actions = [*ReviewAdmin.review_actions, merge_selected]
    inlines = [SkillAliasInline, ResumeExampleInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    SAVE_ANYWAY,
                    "slug",
                    "status",
                    "category",
                    "summary",
                    "definition",
                    SEEN_FIELD,
                ]
            },
        ),
        ("Review", {"fields": ["review_note"]}),
        ("Who has it and what else to search", {"fields": ["job_titles", "related"]}),
        (
            "Provenance",
            {"fields": ["external_id", "created", "updated"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                # Subqueries, not joined Counts: several joins multiply rows before grouping.
                alias_total=subquery_aggregate(
                    SkillAlias.objects.filter(skill=OuterRef("pk")), "COUNT"
                ),
                job_title_total=subquery_aggregate(
                    Skill.job_titles.through.objects.filter(skill=OuterRef("pk")), "COUNT"
                ),
            )
        )

    def get_inlines(self, request, obj):
        """Taxonomy's inlines, then each extension's (interview questions)."""
        extra = [inline for e in skill_extensions() for inline in e.admin_inlines]
        return [*self.inlines, *extra]

    def tidy_saved(self, skill):
        skill.related.remove(skill)  # a skill is not related to itself

    def pages_showing(self, ids):
        """A deleted skill was listed on its related skills' pages too."""
        related = Skill.related.through.objects.filter(from_skill_id__in=ids)
        return set(ids) | set(related.values_list("to_skill_id", flat=True))

    @admin.display(description="aliases", ordering="alias_total")
    def alias_count(self, obj):
        return obj.alias_total

    @admin.display(description="job titles", ordering="job_title_total")
    def job_title_count(self, obj):
        return obj.job_title_total

    @admin.display(description="questions", ordering="question_count")
    def questions(self, obj):
        return obj.question_count
