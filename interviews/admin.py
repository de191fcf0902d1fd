"""Interview questions are edited inside the skill form, and on their own for bulk review."""

from django.contrib import admin
from django.utils import timezone

from taxonomy.admin import SkillAdmin
from taxonomy.models import Skill

from .models import InterviewQuestion


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    extra = 1
    fields = [("question", "kind", "position"), "guidance"]


# The skill form composes both apps; interviews adds its inline so taxonomy never
# has to know about interviews.
SkillAdmin.inlines = [*SkillAdmin.inlines, InterviewQuestionInline]


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "skill", "kind", "position"]
    list_filter = ["kind", "skill__status"]
    list_select_related = ["skill"]
    search_fields = ["question", "guidance", "skill__name"]
    autocomplete_fields = ["skill"]

    # A question edited here is an edit of its skill: bumping the skill's timestamp makes a
    # skill form opened earlier refuse to save over it, and changes the page's ETag.
    def save_model(self, request, obj, form, change):
        previous_skill = InterviewQuestion.objects.filter(pk=obj.pk).values("skill_id")
        skill_ids = {obj.skill_id, *previous_skill.values_list("skill_id", flat=True)}
        super().save_model(request, obj, form, change)
        Skill.objects.filter(pk__in=skill_ids).update(updated=timezone.now())

    def delete_queryset(self, request, queryset):
        skill_ids = set(queryset.values_list("skill_id", flat=True))
        super().delete_queryset(request, queryset)
        Skill.objects.filter(pk__in=skill_ids).update(updated=timezone.now())

    def delete_model(self, request, obj):
        self.delete_queryset(request, InterviewQuestion.objects.filter(pk=obj.pk))
