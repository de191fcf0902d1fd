"""Optimistic locking for admin forms: the second of two overlapping saves is refused.

The form carries the object's ``updated`` timestamp as it was when the editor opened it.
On save, the admin has just reloaded the object, so a different timestamp means someone
else (another editor, an API client, an import) saved in between; the editor gets a form
error instead of silently overwriting that work, and keeps everything they typed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

SEEN_FIELD = "seen_updated"


class EditConflictForm(forms.ModelForm):
    """A ModelForm for models with an ``updated`` auto_now timestamp."""

    seen_updated = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[SEEN_FIELD].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        seen = cleaned_data.get(SEEN_FIELD) or ""
        if seen != self.instance.updated.isoformat():
            raise ValidationError(self.conflict_message(), code="edit_conflict")
        return cleaned_data

    def conflict_message(self):
        saved_at = timezone.localtime(self.instance.updated)
        name = self.instance._meta.verbose_name
        return (
            f"Someone else saved this {name} at {saved_at:%H:%M} "
            f"({saved_at.tzname()}) while you were editing, so your changes were not saved "
            "(they are still in the form below). To keep both: open this page in a new tab "
            "to see their version, copy your changes into it and save there."
        )
