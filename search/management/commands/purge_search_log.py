from django.conf import settings
from django.core.management.base import BaseCommand

from search.search_log import purge


class Command(BaseCommand):
    help = (
        "Delete the logged searches that found little (query text and daily counts) older than "
        "SEARCH_LOG_DAYS days (default 90). Run it daily."
    )

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"Deleted {deleted} logged searches older than {settings.SEARCH_LOG_DAYS} days."
        )
