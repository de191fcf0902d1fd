from django.core.management.base import BaseCommand
from django.db import transaction

from taxonomy.models import Skill

from ...indexing import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every skill from scratch, in one transaction. Writes keep "
        "the index current on their own; use this after loading data by other means (raw SQL, "
        "a restored dump) or to drop lexicon words no skill uses any more."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            rebuild_search_index()
        self.stdout.write(f"Search index rebuilt for {Skill.objects.count()} skills.")
