from django.core.management.base import BaseCommand, CommandError

from taxonomy.importers import ImportFailed
from taxonomy.importers.atlas import import_taxonomy
from taxonomy.management.accounts import account


class Command(BaseCommand):
    help = (
        "Import Skill Atlas taxonomy files (JSON or CSV, see docs/taxonomy-format.md) in one "
        "transaction. Records are matched by slug; nothing is written if any record is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            help="One or more taxonomy files (.json or .csv), imported together.",
        )
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Leave records whose slug already exists untouched (used to load demo content).",
        )
        parser.add_argument(
            "--user",
            help="The account the import runs for (named in the history); publishing, archiving "
            "or unpublishing a skill needs it to hold taxonomy.publish_skill.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, write nothing."
        )
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Accept files that leave out columns (CSV) or keys (JSON): what they would hold "
            "is left as it is on existing records. Without it a CSV missing a column is refused.",
        )

    def handle(self, *args, files, keep_existing, dry_run, partial, user=None, **options):
        try:
            summary = import_taxonomy(
                files,
                keep_existing=keep_existing,
                dry_run=dry_run,
                partial=partial,
                user=account(user),
            )
        except ImportFailed as exc:
            raise CommandError(f"Import failed, nothing was changed. {exc}") from exc
        prefix = "Dry run, nothing written. Would have: " if dry_run else ""
        for line in summary.lines():
            self.stdout.write(prefix + line)
