from django.core.management.base import BaseCommand, CommandError

from taxonomy.importers.esco import import_esco
from taxonomy.management.accounts import account
from taxonomy.management.imports import run_import
from taxonomy.models import Skill


class Command(BaseCommand):
    help = (
        "Import the ESCO classification (English CSV export) from a folder, in one transaction. "
        "Rows are matched by ESCO URI; running it again updates what ESCO changed and never "
        "touches what editors added."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Folder holding skills_en.csv and/or occupations_en.csv.")
        parser.add_argument(
            "--status",
            choices=Skill.Status.values,
            default=Skill.Status.PUBLISHED,
            help="Status of the skills this run creates (default: published).",
        )
        parser.add_argument(
            "--limit", type=int, help="Import only the first N skills and N occupations."
        )
        parser.add_argument(
            "--user",
            help="The account the import runs for (named in the history); creating published "
            "skills needs it to hold taxonomy.publish_skill.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, write nothing."
        )

    def handle(self, *args, path, status, limit, dry_run, user=None, **options):
        if limit is not None and limit < 0:
            raise CommandError("--limit must be zero or more")
        run_import(
            self,
            "ESCO",
            lambda progress: import_esco(
                path,
                status=status,
                limit=limit,
                dry_run=dry_run,
                progress=progress,
                user=account(user),
            ),
            dry_run=dry_run,
            verbosity=options["verbosity"],
        )
