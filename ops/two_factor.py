"""A second factor for staff in the admin: a TOTP code from an authenticator app (django-otp).

Who must use one (``needs_second_factor``): superusers, anyone holding a permission listed in
``settings.TWO_FACTOR_REQUIRED_PERMISSIONS`` (publishing: ``taxonomy.publish_skill``), and any
staff account that has set one up. After the password, such an account gives its code on the
same login form; one that must have a device but has none yet is sent to the enrolment page
(``/admin/two-factor/``: a QR code drawn here, as inline SVG, and the secret to type in), and
every other admin page stays closed to it until it confirms a code. Other staff may enrol too.
Sessions that skipped the code (``request.user.is_verified()`` false) cannot reach the admin,
nor write through the API with the session (``api.tokens``).

Backup codes (django-otp's static devices): enrolling shows ten single-use codes once; each
signs in in place of the app's code. A lost phone: sign in with a backup code, then on the
two-factor page replace the authenticator (and make new codes). Without codes, a superuser
deletes the account's device under "TOTP devices" in the admin; it enrols again at its next
login. The admin never shows keys or codes (``OTP_ADMIN_HIDE_SENSITIVE_DATA``).
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODES = 10


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_backup_codes(user):
    """Ten fresh single-use codes for ``user``, replacing any it had; shown once, then kept
    only in the database."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _as_backup_code(token):
    return "".join(token.split()).replace("-", "").lower()


def needs_second_factor(user):
    return bool(
        user.is_superuser
        or any(user.has_perm(p) for p in settings.TWO_FACTOR_REQUIRED_PERMISSIONS)
        or confirmed_device(user)
    )


def is_verified(user):
    """The session gave a code (django-otp's middleware sets ``is_verified``)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def second_factor_done(user):
    """Logged in as far as this account must be: with its code, or needing none."""
    return is_verified(user) or not needs_second_factor(user)


class StaffLoginForm(AdminAuthenticationForm):
    """The admin login: password, then the authenticator code for accounts that have one."""

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=8,
        # No numeric keypad: a backup code has letters, and a phone's digit pad offers none.
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        help_text="Six digits, or one of your backup codes. Leave it empty if you have not set "
        "up an authenticator yet.",
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user else None
        if device is None:
            return cleaned_data
        token = (cleaned_data.get("otp_token") or "").strip()
        if not token.isdigit():  # a backup code: letters and digits, eight of them
            device, token = backup_codes_device(user), _as_backup_code(token)
        with transaction.atomic():
            accepted = bool(token) and device is not None and device.verify_token(token)
        if accepted and isinstance(device, StaticDevice):
            messages.warning(
                self.request,
                f"You signed in with a backup code; {backup_codes_left(user)} left. If your "
                "phone is lost, replace your authenticator on the two-factor page.",
            )
        if not accepted:
            raise forms.ValidationError(
                "Enter the current six-digit code from your authenticator app, or a backup "
                "code (this one is missing, wrong, expired or already used).",
                code="otp_invalid",
            )
        user.otp_device = device  # django-otp marks the session verified on login
        return cleaned_data


class EnrolForm(forms.Form):
    token = forms.CharField(
        label="Code shown by the app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TwoFactorAdminSite(admin.AdminSite):
    login_form = StaffLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_done(request.user)

    def login(self, request, extra_context=None):
        if self._must_enrol(request.user):
            return redirect("admin:two_factor")
        return super().login(request, extra_context)

    def _must_enrol(self, user):
        return (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and needs_second_factor(user)
            and confirmed_device(user) is None
        )

    def get_urls(self):
        enrol = never_cache(self.enrol_view)
        return [path("two-factor/", enrol, name="two_factor"), *super().get_urls()]

    def enrol_view(self, request):
        """Set up an authenticator: scan the QR code (or type the secret), confirm one code;
        then the backup codes, shown once. Signed in with it: new codes, or a new authenticator."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        if confirmed_device(user) is not None:
            if not is_verified(user):
                return redirect(f"{reverse('admin:login')}?next={request.path}")
            return self._manage(request)
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        form = EnrolForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                accepted = device.verify_token(form.cleaned_data["token"].strip())
            if accepted:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                otp_login(request, device)
                messages.success(
                    request, "Your authenticator is set up: log in with it from now on."
                )
                return self._page(request, codes=new_backup_codes(user))
            form.add_error("token", "That code is not right or has expired: try the next one.")
        return self._page(request, device=device, form=form)

    def _manage(self, request):
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "codes":
            return self._page(request, codes=new_backup_codes(request.user))
        if action == "replace":  # a lost or new phone: enrol again, the old app's codes stop
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.info(request, "Your old authenticator no longer works: set up the new one.")
            return redirect("admin:two_factor")
        return self._page(request)

    def _page(self, request, device=None, form=None, codes=None):
        context = {
            **self.each_context(request),
            "title": "Two-factor sign-in",
            "form": form,
            "codes": codes,
            "codes_left": backup_codes_left(request.user),
        }
        if device is not None:
            svg = segno.make(device.config_url).svg_inline(scale=4)  # drawn here, no user input
            context["qr_svg"] = mark_safe(svg)  # noqa: S308
            context["secret"] = base64.b32encode(device.bin_key).decode()
        request.current_app = self.name
        return TemplateResponse(request, "admin/two_factor.html", context)
