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
    assert response.url == INDEX
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:taxonomy_skill_changelist")).status_code == 200


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
