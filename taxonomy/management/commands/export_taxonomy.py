import json

from django.core.management.base import BaseCommand

from taxonomy.export import export_taxonomy


class Command(BaseCommand):
    help = "Export the whole taxonomy (every status) as a file import_taxonomy reads back."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")

    def handle(self, *args, format, output, **options):
        text = json.dumps(export_taxonomy(), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
