"""Logging a test client into the admin as the login form would, second factor included."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def log_into_admin(client, user):
    """``force_login`` plus a confirmed authenticator whose code this session gave (editors who
    may publish need one: ops.two_factor)."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
