"""The admin app, with the two-factor admin site (``ops.two_factor``) as ``admin.site``."""

from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    default_site = "ops.two_factor.TwoFactorAdminSite"
