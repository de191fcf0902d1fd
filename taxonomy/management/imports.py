"""What every import command does around its importer: progress, the all-or-nothing failure,
fresh planner statistics and the report."""

import time

from django.core.management.base import CommandError

from ops.planner_statistics import refresh_planner_statistics
from taxonomy.importers import ImportFailed


def run_import(command, source, run, *, dry_run, verbosity):
    """Call ``run(progress)`` (the importer) for ``command`` and report its summary; an
    ImportFailed becomes a CommandError naming ``source`` ("ESCO", "O*NET")."""
    started = time.monotonic()
    progress = None if verbosity == 0 else command.stderr.write
    try:
        summary = run(progress)
    except ImportFailed as exc:
        raise CommandError(f"{source} import failed, nothing was changed. {exc}") from exc
    if not dry_run:
        refresh_planner_statistics()  # thousands of new rows: plan with their real numbers
    prefix = "Dry run, nothing written. Would have: " if dry_run else ""
    for line in summary.lines():
        command.stdout.write(prefix + line)
    command.stdout.write(f"took {time.monotonic() - started:.1f} s")
