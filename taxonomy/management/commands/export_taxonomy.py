from django.core.management.base import BaseCommand

from taxonomy.file_format import export_csv, export_document, export_json


class Command(BaseCommand):
    help = (
        "Export the whole taxonomy (every status) as JSON or CSV (docs/taxonomy-format.md); "
        "import_taxonomy reads either back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write; standard output if omitted.")

    def handle(self, *args, format, output, **options):
        document = export_document()
        text = export_csv(document) if format == "csv" else export_json(document)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
