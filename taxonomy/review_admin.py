"""The skill admin's part of review before publishing (``taxonomy.review``): the status field
each editor may set, the review note, and the changelist actions (submit, publish, send back
with a comment, archive)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import ngettext

from ops.edit_conflicts import EditConflictForm

from .models import Skill
from .review import EDITOR_STATUSES, can_publish, move_skills, status_change_error


class ReviewActionForm(ActionForm):
    """The changelist's action bar, with the comment that goes with "send back to draft"."""

    comment = forms.CharField(
        required=False,
        label="Comment (for “send back”)",
        max_length=2000,
        widget=forms.TextInput(attrs={"size": 40}),
    )


class SkillForm(EditConflictForm):
    """The skill form: the status choices follow the editor's permission, and a publisher who
    sends a skill back from review says why."""

    editor = None  # set per request by ReviewAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.old_status = self.instance.status if self.instance.pk else None
        field = self.fields.get("status")
        if field is None or can_publish(self.editor):
            return
        if self.old_status and self.old_status not in EDITOR_STATUSES:
            field.disabled = True
            field.help_text = "Only editors who may publish can change the status of this skill."
        else:
            field.choices = [c for c in field.choices if c[0] in EDITOR_STATUSES]
            field.help_text = (
                "Choose “In review” when it is ready: an editor who may publish will publish it "
                "or send it back with a comment."
            )

    def clean_status(self):
        status = self.cleaned_data["status"]
        error = status_change_error(self.editor, self.old_status, status)
        if error:
            raise forms.ValidationError(error)
        return status

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        sending_back = (
            self.old_status == Skill.Status.IN_REVIEW
            and status == Skill.Status.DRAFT
            and can_publish(self.editor)
        )
        if "review_note" in self.fields:
            if sending_back and not (cleaned_data.get("review_note") or "").strip():
                self.add_error(
                    "review_note", "Say what needs to change before the skill can be published."
                )
            if status == Skill.Status.PUBLISHED:
                cleaned_data["review_note"] = ""
        return cleaned_data


class ReviewAdmin(admin.ModelAdmin):
    """Mixed into the skill admin: review before publishing."""

    form = SkillForm
    action_form = ReviewActionForm
    review_actions = ["submit_for_review", "publish", "send_back", "archive"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.editor = request.user  # get_form builds a new class per request
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if can_publish(request.user) else [*readonly, "review_note"]

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def _move(self, request, queryset, status, done, note=None):
        moved, refused = move_skills(queryset, status, user=request.user, note=note)
        if moved:
            self.message_user(
                request,
                ngettext("%(n)d skill %(done)s.", "%(n)d skills %(done)s.", len(moved))
                % {"n": len(moved), "done": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                status_change_error(request.user, refused[0].status, status)
                + f" Not changed: {', '.join(s.name for s in refused[:5])}"
                + ("…" if len(refused) > 5 else ""),
                messages.ERROR,
            )
        return moved

    @admin.action(description="Submit selected skills for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Skill.Status.DRAFT)
        skipped = queryset.exclude(status=Skill.Status.DRAFT).count()
        self._move(request, drafts, Skill.Status.IN_REVIEW, "submitted for review")
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d skill was not a draft and was left as it is.",
                    "%(n)d skills were not drafts and were left as they are.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description="Publish selected skills", permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, Skill.Status.PUBLISHED, "published")

    @admin.action(
        description="Send selected skills back to draft, with the comment", permissions=["publish"]
    )
    def send_back(self, request, queryset):
        comment = (request.POST.get("comment") or "").strip()
        if not comment:
            self.message_user(
                request,
                "Write in “Comment” what needs to change; nothing was sent back.",
                messages.ERROR,
            )
            return
        in_review = queryset.filter(status=Skill.Status.IN_REVIEW)
        self._move(request, in_review, Skill.Status.DRAFT, "sent back to draft", note=comment)

    @admin.action(description="Archive selected skills", permissions=["publish"])
    def archive(self, request, queryset):
        self._move(request, queryset, Skill.Status.ARCHIVED, "archived")
