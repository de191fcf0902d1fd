"""History in the admin (django-reversion's ``VersionAdmin``): every save is recorded with its
author; the history page shows who, when and a field-by-field diff; any earlier version is
restored in one step (``taxonomy.reverts``), itself recorded. Deleted objects are recovered the
same way, from "Recover deleted …" on the changelist."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from .history import history, versions_of
from .reverts import RevertRefused, revert

HISTORY_PAGE = 100  # entries shown; older ones stay recorded


class HistoryAdmin(VersionAdmin):
    object_history_template = "admin/taxonomy/history.html"
    revert_template = "admin/taxonomy/revert.html"

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        entries = history(self.model, obj.pk, versions_of(self.model, obj.pk)[:HISTORY_PAGE])
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "entries": entries,
            "can_revert": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        if not self.has_change_permission(request):
            raise PermissionDenied
        return self._revert_view(request, version, recover=False)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        return self._revert_view(request, version, recover=True)

    def _revert_view(self, request, version, recover):
        """GET: what the version holds and what reverting changes; POST: revert."""
        opts = self.model._meta
        if version._model is not self.model:
            raise PermissionDenied
        if request.method == "POST":
            try:
                obj = revert(version, user=request.user)
            except RevertRefused as refusal:
                messages.error(request, str(refusal))
                return redirect(request.path)
            messages.success(request, f"“{obj}” is back as it was on the chosen version.")
            return redirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        newest = versions_of(self.model, version.object_id).first()
        entry = history(self.model, version.object_id, [version])[0]
        undo = []  # what reverting changes: from the newest version to this one
        if newest is not None and newest.pk != version.pk:
            undo = history(self.model, version.object_id, [version, newest])[0].changes
        context = {
            **self.admin_site.each_context(request),
            "title": f"{'Recover' if recover else 'Revert'} {version.object_repr}",
            "subtitle": None,
            "opts": opts,
            "version": version,
            "entry": entry,
            "undo": undo,
            "recover": recover,
        }
        return TemplateResponse(request, self.revert_template, context)
