from django.conf import settings
from django.core.management.base import BaseCommand

from taxonomy.page_opens import purge


class Command(BaseCommand):
    help = (
        "Delete the daily counts of skill page opens older than PAGE_OPENS_DAYS days "
        "(default 90). Run it daily."
    )

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"Deleted {deleted} daily page-open counts older than {settings.PAGE_OPENS_DAYS} days."
        )
