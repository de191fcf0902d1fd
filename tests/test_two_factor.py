"""Staff sign in to the admin with a second factor; anyone who can publish must have one."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import make_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
ENROL = reverse("admin:two_factor")
PASSWORD = "correct horse battery staple"


def code(device, offset=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


def sign_in(client, username, otp_token=""):
    return client.post(
        f"{LOGIN}?next={INDEX}",
        {"username": username, "password": PASSWORD, "otp_token": otp_token, "next": INDEX},
    )


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_publisher_without_an_authenticator_is_sent_to_enrol(client):
    make_editor("publisher")
    response = sign_in(client, "publisher")
    assert response.status_code == 302
    assert client.get(INDEX).status_code == 302
    assert client.get(LOGIN).url == ENROL
    skills = client.get(reverse("admin:taxonomy_skill_changelist"))
    assert skills.status_code == 302  # no admin page until enrolled


def test_enrolment_page_draws_its_qr_code_itself_and_shows_the_secret(client):
    client.force_login(make_editor("publisher"))
    content = client.get(ENROL).content.decode()
    assert "<svg" in content
    device = TOTPDevice.objects.get()
    assert re.search(r"<code>[A-Z2-7]{32,}</code>", content)
    assert not device.confirmed
    assert "http" not in content.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )


def test_enrolment_with_a_wrong_code_is_refused(client):
    client.force_login(make_editor("publisher"))
    client.get(ENROL)
    response = client.post(ENROL, {"token": "000000"})
    assert "not right" in response.content.decode()
    assert not TOTPDevice.objects.get().confirmed


def test_enrolment_with_the_apps_code_confirms_and_opens_the_admin(client):
    client.force_login(make_editor("publisher"))
    client.get(ENROL)
    device = TOTPDevice.objects.get()
    response = client.post(ENROL, {"token": code(device)})
    assert f'href="{INDEX}"' in response.content.decode()  # after the backup codes
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:taxonomy_skill_changelist")).status_code == 200


def backup_codes_shown(response):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def enrol_and_keep_codes(client, username="publisher"):
    """Enrol as the page asks; return the authenticator and the ten backup codes shown."""
    client.force_login(make_editor(username))
    client.get(ENROL)
    device = TOTPDevice.objects.get()
    codes = backup_codes_shown(client.post(ENROL, {"token": code(device)}))
    client.logout()
    return device, codes


def test_enrolment_shows_ten_backup_codes_once(client):
    device, codes = enrol_and_keep_codes(client)
    assert len(set(codes)) == 10
    sign_in(client, "publisher", code(device, 1))  # the next code: each is taken once
    assert backup_codes_shown(client.get(ENROL)) == []
    assert "10 unused backup codes" in client.get(ENROL).content.decode()


def test_a_backup_code_signs_in_once_and_says_how_many_are_left(client):
    device, codes = enrol_and_keep_codes(client)

    response = sign_in(client, "publisher", codes[0].upper())
    assert response.status_code == 302
    index = client.get(INDEX, follow=True)
    assert index.status_code == 200
    assert "signed in with a backup code; 9 left" in index.content.decode()

    client.logout()
    again = sign_in(client, "publisher", codes[0])
    assert "already used" in again.content.decode()
    assert client.get(INDEX).status_code == 302


def test_new_backup_codes_replace_the_old_ones(client):
    device, old = enrol_and_keep_codes(client)
    sign_in(client, "publisher", code(device, 1))

    new = backup_codes_shown(client.post(ENROL, {"action": "codes"}))
    client.logout()

    assert len(new) == 10 and not set(new) & set(old)
    assert sign_in(client, "publisher", new[1]).status_code == 302
    client.logout()
    assert sign_in(client, "publisher", old[1]).status_code == 200  # refused, form again


def test_with_a_lost_phone_a_backup_code_lets_the_editor_set_up_a_new_authenticator(client):
    lost, codes = enrol_and_keep_codes(client)
    sign_in(client, "publisher", codes[0])

    response = client.post(ENROL, {"action": "replace"})

    assert response.url == ENROL
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    client.get(ENROL)  # the enrolment page, with a new key
    new = TOTPDevice.objects.get(confirmed=False)
    client.post(ENROL, {"token": code(new)})
    client.logout()
    assert sign_in(client, "publisher", code(new, 1)).status_code == 302
    client.logout()
    assert sign_in(client, "publisher", code(lost, 1)).status_code == 200  # old app: refused


def test_only_a_session_that_gave_its_code_manages_codes_and_authenticators(client):
    device, codes = enrol_and_keep_codes(client)
    client.force_login(device.user)  # the password alone: never gave a code

    response = client.post(ENROL, {"action": "replace"})

    assert response.url.startswith(LOGIN)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_admin_lists_devices_but_never_shows_backup_codes(client):
    from django_otp.plugins.otp_static.models import StaticDevice

    from .admin_login import log_into_admin

    device, codes = enrol_and_keep_codes(client)
    admin = make_editor("admin")
    admin.is_superuser = True
    admin.save()
    log_into_admin(client, admin)
    backup = StaticDevice.objects.get(user=device.user)

    page = client.get(reverse("admin:otp_static_staticdevice_change", args=[backup.pk]))

    assert page.status_code == 200
    assert not any(c in page.content.decode() for c in codes)


def test_enrolled_account_needs_its_code_to_sign_in(client):
    enrolled(make_editor("publisher"))
    response = sign_in(client, "publisher")
    assert response.status_code == 200
    assert "six-digit code" in response.content.decode()
    assert client.get(INDEX).status_code == 302


def test_wrong_code_does_not_sign_in(client):
    enrolled(make_editor("publisher"))
    sign_in(client, "publisher", "123456")
    assert client.get(INDEX).status_code == 302


def test_password_and_current_code_sign_in(client):
    device = enrolled(make_editor("publisher"))
    assert sign_in(client, "publisher", code(device)).status_code == 302
    assert client.get(INDEX).status_code == 200


def test_staff_who_cannot_publish_may_sign_in_with_the_password_alone(client):
    make_editor("writer", can_publish=False)
    sign_in(client, "writer")
    assert client.get(reverse("admin:taxonomy_skill_changelist")).status_code == 200


def test_unverified_publisher_session_cannot_write_through_the_api(client):
    from .factories import SkillFactory

    SkillFactory(slug="mediation", status="in_review")
    client.force_login(make_editor("publisher"))  # a session that never gave a code
    response = client.patch(
        "/api/v1/skills/mediation/",
        '{"status": "published"}',
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert client.get("/api/v1/skills/mediation/").status_code == 404  # reads as a visitor


def test_every_admin_page_links_the_two_factor_page(client):
    device = enrolled(make_editor("publisher"))
    sign_in(client, "publisher", code(device))

    page = client.get(reverse("admin:taxonomy_skill_changelist")).content.decode()

    assert f'<a href="{ENROL}">Two-factor sign-in</a>' in page
