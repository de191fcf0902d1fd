"""The duplicate guard in admin: forms that refuse a name another skill or job title has, and
warn (with a "Save anyway" box) about near duplicates the search app finds.

What the editor typed always stays in the form; the messages link to the existing records so
the editor can open them (and merge, see ``taxonomy.admin_merge``) instead.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ops.edit_conflicts import EditConflictForm

from .duplicates import near_duplicates, same_name, skills_named

SAVE_ANYWAY = "save_anyway"


def admin_link(obj):
    url = reverse(f"admin:taxonomy_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a> ({})', url, obj.name, obj.slug)


def exact_duplicate_message(obj):
    noun = obj._meta.verbose_name
    return format_html(
        "A {} with this name already exists: {}. Names count as the same ignoring case, "
        "accents and punctuation. Edit that {} instead, or choose a different name.",
        noun,
        admin_link(obj),
        noun,
    )


def near_duplicates_message(found):
    noun = found[0]._meta.verbose_name_plural
    return format_html(
        "Similar {} already exist: {}. If this one is different, tick “Save anyway” and save "
        "again.",
        noun,
        format_html_join(", ", "{}", ((admin_link(obj),) for obj in found)),
    )


class DuplicateGuardForm(forms.ModelForm):
    """Refuses a name another row of the model has; warns about near duplicates when the name
    is new or changed, until "Save anyway" is ticked. The box stays hidden until then."""

    save_anyway = forms.BooleanField(
        required=False,
        label="Save anyway",
        help_text="The similar names listed above are different from this one.",
        widget=forms.HiddenInput,
    )

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if not name:
            return cleaned_data
        model = self._meta.model
        existing = same_name(model, name, exclude=self.instance.pk)
        if existing is not None:
            self.add_error("name", exact_duplicate_message(existing))
        elif self.name_is_new() and not cleaned_data.get(SAVE_ANYWAY):
            found = near_duplicates(model, name, exclude=self.instance.pk)
            if found:
                self.fields[SAVE_ANYWAY].widget = forms.CheckboxInput()
                self.add_error("name", near_duplicates_message(found))
        return cleaned_data

    def name_is_new(self):
        return self.instance.pk is None or "name" in self.changed_data


class SkillForm(DuplicateGuardForm, EditConflictForm):
    """The skill change form: the duplicate guard and the edit-conflict check."""


JobTitleForm = DuplicateGuardForm


class AliasNameGuard:
    """For the alias inline formset: an alias that is another skill's name is an error on that
    alias (one name, one page), linking to the skill."""

    def clean(self):
        super().clean()
        rows = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            term = (form.cleaned_data.get("term") or "").strip()
            if term and form.has_changed():  # an alias kept as it was (ESCO's) stays
                rows.setdefault(term, []).append(form)
        owned = skills_named(rows, exclude=self.instance.pk)
        for term, skill in owned.items():
            for form in rows[term]:
                form.add_error(
                    "term",
                    format_html(
                        "“{}” is the name of another skill, {}: an alias here would send "
                        "searchers to two pages. Add what is missing to that skill, or merge "
                        "the two.",
                        term,
                        admin_link(skill),
                    ),
                )
