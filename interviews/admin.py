"""Interview questions are edited inside the skill form, and on their own for bulk review."""

from django.contrib import admin

from taxonomy.admin import SkillAdmin

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
