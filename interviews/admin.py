"""Interview questions are edited inside the skill form, and on their own for bulk review.

The inline reaches the skill admin through taxonomy's extension seam
(``interviews.skill_extension``), so taxonomy never imports this app.
"""

from django.contrib import admin

from taxonomy.changes import content_changed
from taxonomy.history import add_skills, recorded
from taxonomy.models import Skill

from .generic_questions import generic_questions
from .models import InterviewQuestion


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    extra = 1
    fields = [("question", "kind", "position"), "guidance"]


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "skill", "kind", "position"]
    list_filter = ["kind", "skill__status"]
    list_select_related = ["skill"]
    search_fields = ["question", "guidance", "skill__name"]
    autocomplete_fields = ["skill"]

    def get_changeform_initial_data(self, request):
        """``?skill=<id>&generic=g1`` starts a written question from a generic one (the kit
        links here for editors): the editor rewrites it for the skill and saves it."""
        initial = super().get_changeform_initial_data(request)
        key = request.GET.get("generic", "")
        skill_id = request.GET.get("skill", "")
        skill = Skill.objects.filter(pk=skill_id).first() if skill_id.isdigit() else None
        generic = {q.key: q for q in generic_questions(skill)} if skill else {}
        if key in generic:
            initial.pop("generic", None)
            initial.update(
                question=generic[key].question,
                guidance=generic[key].guidance,
                kind=generic[key].kind,
            )
        return initial

    # A question edited here is an edit of its skill (and of the skill it left, if moved): the
    # write rule bumps their timestamps, so a skill form opened earlier refuses to save over it,
    # and the page's ETag, search index and cached pages follow.
    def save_model(self, request, obj, form, change):
        previous_skill = InterviewQuestion.objects.filter(pk=obj.pk).values_list(
            "skill_id", flat=True
        )
        skill_ids = {obj.skill_id, *previous_skill}
        with recorded(request.user, f"Interview question {'changed' if change else 'added'}."):
            super().save_model(request, obj, form, change)
            add_skills(skill_ids)  # in the skills' history, with everything else on them
            content_changed(skills=skill_ids)

    def delete_queryset(self, request, queryset):
        skill_ids = set(queryset.values_list("skill_id", flat=True))
        with recorded(request.user, "Interview question deleted."):
            super().delete_queryset(request, queryset)
            add_skills(skill_ids)
            content_changed(skills=skill_ids)

    def delete_model(self, request, obj):
        self.delete_queryset(request, InterviewQuestion.objects.filter(pk=obj.pk))
