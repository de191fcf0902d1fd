"""API tokens in the admin: issue one (its key is shown once, on the page after saving), see
who holds which, when each expires, and revoke (delete) them."""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import ApiToken


class IssueTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["user", "name", "scope", "expires"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires"].initial = timezone.now() + timedelta(days=90)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = IssueTokenForm
    list_display = ["name", "user", "scope", "prefix", "created", "expires"]
    list_filter = ["scope"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "prefix"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "scope", "prefix", "created"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        request.issued_key = obj.new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """The key, once: it is not stored, so this page is the only place it appears."""
        context = {
            **self.admin_site.each_context(request),
            "title": "API token issued",
            "opts": self.model._meta,
            "token": obj,
            "key": request.issued_key,
        }
        response = TemplateResponse(request, "admin/api/token_issued.html", context)
        response["Cache-Control"] = "no-store"
        return response
