from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site in production: page cache, outage pages, request logs."""

    name = "ops"
    verbose_name = "Operations"
