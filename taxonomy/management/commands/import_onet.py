from django.core.management.base import BaseCommand

from taxonomy.importers.onet import import_onet
from taxonomy.management.accounts import account
from taxonomy.management.imports import run_import
from taxonomy.models import Skill


class Command(BaseCommand):
    help = (
        "Import the O*NET database (its tab-delimited text files) from a folder, in one "
        "transaction. Occupations are matched by O*NET-SOC code and technologies by name; "
        "running it again changes nothing and never touches what editors wrote."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Folder holding Occupation Data.txt and/or the other O*NET files."
        )
        parser.add_argument(
            "--status",
            choices=Skill.Status.values,
            default=Skill.Status.PUBLISHED,
            help="Status of the technology skills this run creates (default: published).",
        )
        parser.add_argument(
            "--user",
            help="The account the import runs for (named in the history); creating published "
            "skills needs it to hold taxonomy.publish_skill.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, write nothing."
        )

    def handle(self, *args, path, status, dry_run, user=None, **options):
        run_import(
            self,
            "O*NET",
            lambda progress: import_onet(
                path, status=status, dry_run=dry_run, progress=progress, user=account(user)
            ),
            dry_run=dry_run,
            verbosity=options["verbosity"],
        )
