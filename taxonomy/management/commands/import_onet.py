import time

from django.core.management.base import BaseCommand, CommandError

from ops.planner_statistics import refresh_planner_statistics
from taxonomy.importers import ImportFailed
from taxonomy.importers.onet import import_onet
from taxonomy.management.accounts import account
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
        started = time.monotonic()
        quiet = options["verbosity"] == 0
        progress = None if quiet else (lambda message: self.stderr.write(message))
        try:
            summary = import_onet(
                path, status=status, dry_run=dry_run, progress=progress, user=account(user)
            )
        except ImportFailed as exc:
            raise CommandError(f"O*NET import failed, nothing was changed. {exc}") from exc
        if not dry_run:
            refresh_planner_statistics()  # thousands of new rows: plan with their real numbers
        prefix = "Dry run, nothing written. Would have: " if dry_run else ""
        for line in summary.lines():
            self.stdout.write(prefix + line)
        self.stdout.write(f"took {time.monotonic() - started:.1f} s")
