"""The admin's merge action: select two skills (or two job titles), choose the one to keep on a
confirmation page, and ``taxonomy.merging`` moves everything to it."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .merging import merge_counts, merge_job_titles, merge_skills
from .models import JobTitle, Skill

MERGERS = {Skill: merge_skills, JobTitle: merge_job_titles}


def _counts(obj):
    if isinstance(obj, Skill):
        return merge_counts(obj)
    return {"skills": obj.skills.count(), "other names": len(obj.alternative_label_list())}


@admin.action(description="Merge the two selected…", permissions=["delete"])
def merge_selected(modeladmin, request, queryset):
    """Two rows selected: the confirmation page, then (``post``) the merge. A merge changes
    one row and deletes the other, so it needs both permissions (admin checks any one)."""
    if not modeladmin.has_change_permission(request):
        raise PermissionDenied
    model = queryset.model
    selected = list(queryset.order_by("pk")[:3])
    if len(selected) != 2:
        modeladmin.message_user(
            request,
            f"Select exactly two {model._meta.verbose_name_plural} to merge.",
            messages.WARNING,
        )
        return None
    if request.POST.get("post") == "yes":
        survivor_pk = request.POST.get("survivor", "")
        by_pk = {str(obj.pk): obj for obj in selected}
        if survivor_pk in by_pk:
            survivor = by_pk.pop(survivor_pk)
            (loser,) = by_pk.values()
            return _merge(modeladmin, request, loser, survivor)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge two {model._meta.verbose_name_plural}",
        "opts": model._meta,
        "choices": [{"obj": obj, "counts": _counts(obj)} for obj in selected],
        "action": request.POST.get("action", "merge_selected"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/taxonomy/merge_confirmation.html", context)


def _merge(modeladmin, request, loser, survivor):
    try:
        MERGERS[type(survivor)](loser, survivor, user=request.user)
        if reversion.is_active():  # the admin's own revision around the action says so too
            reversion.set_comment(f"Merged “{loser}” into “{survivor}”.")
    except ValidationError as exc:
        modeladmin.message_user(request, " ".join(exc.messages), messages.ERROR)
        return None
    url = reverse(f"admin:taxonomy_{survivor._meta.model_name}_change", args=[survivor.pk])
    modeladmin.message_user(
        request,
        format_html(
            'Merged “{}” into <a href="{}">{}</a>; its address {} now redirects there.',
            loser.name,
            url,
            survivor.name,
            loser.get_absolute_url(),
        ),
        messages.SUCCESS,
    )
    return None
