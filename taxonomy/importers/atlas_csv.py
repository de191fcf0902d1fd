"""Read the CSV form of a taxonomy file (docs/taxonomy-format.md) into the JSON form's document.

Every record and list item remembers the line and column it came from, so the importer's
messages name them: "taxonomy.csv, line 12, field 'kind'".
"""

import csv
import io
import sys

from ..export import CSV_COLUMNS, CSV_RECORDS, FORMAT_NAME, FORMAT_VERSION
from .errors import ImportFailed

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# Child record kind -> (owner section, owner column, the owner's list key, the item's column).
CHILDREN = {
    "job_title_label": ("job_titles", "job_title", "alternative_labels", "label"),
    "alias": ("skills", "skill", "aliases", "term"),
    "resume_example": ("skills", "skill", "resume_examples", "text"),
    "skill_job_title": ("skills", "skill", "job_titles", "job_title"),
    "related_skill": ("skills", "skill", "related", "related"),
    "interview_question": ("skills", "skill", "interview_questions", "question"),
}
SECTIONS = {"category": "categories", "job_title": "job_titles", "skill": "skills"}


def read_csv(path, text):
    """Returns ``(document, locations)``; ``locations[section][index]`` is ``(line, fields)``
    where ``fields`` maps a list item such as ``aliases[2]`` to its ``(line, column)``."""

    def fail(message, line, column=""):
        raise ImportFailed(message, file=path, line=line, field=column)

    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    document.update({section: [] for section in SECTIONS.values()})
    locations = {section: [] for section in SECTIONS.values()}
    owners = {section: {} for section in SECTIONS.values()}
    children = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        header = next(reader, None)
        if not header or "record" not in header:
            fail(f"not a {FORMAT_NAME} CSV file: the header has no 'record' column", 1)
        for column in header:
            if column not in CSV_COLUMNS:
                fail(f"unknown column {column!r}", 1, column)
        if len(set(header)) != len(header):
            fail("a column appears twice in the header", 1)
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not cells:
                continue
            if len(cells) != len(header):
                fail(f"expected {len(header)} columns as in the header, found {len(cells)}", line)
            row = dict(zip(header, cells, strict=True))
            kind = row.pop("record")
            if kind not in CSV_RECORDS:
                fail(f"unknown record kind {kind!r}", line, "record")
            used = CSV_RECORDS[kind]
            for column, value in row.items():
                if value and column not in used:
                    fail(f"{kind} records leave this column empty", line, column)
            data = {column: value for column, value in row.items() if value}
            if kind in SECTIONS:
                section = SECTIONS[kind]
                if kind == "job_title":
                    data["alternative_labels"] = []
                elif kind == "skill":
                    data.update(aliases=[], resume_examples=[], job_titles=[], related=[])
                    data["interview_questions"] = []
                document[section].append(data)
                locations[section].append((line, {}))
                if data.get("slug"):
                    owners[section].setdefault(data["slug"], len(document[section]) - 1)
            else:
                children.append((line, kind, data))
    except csv.Error as exc:
        fail(f"malformed CSV: {exc} (an unbalanced quote?)", start)

    for line, kind, data in children:
        section, owner_column, key, column = CHILDREN[kind]
        slug = data.pop(owner_column, "")
        if slug not in owners[section]:
            noun = section[:-1].replace("_", " ")
            fail(f"no {noun} {slug!r} in this file", line, owner_column)
        index = owners[section][slug]
        items = document[section][index][key]
        locations[section][index][1][f"{key}[{len(items)}]"] = (line, column)
        if kind == "interview_question":
            items.append(data)
        elif kind == "alias" and data.get("source"):
            items.append({"term": data.get("term", ""), **data})
        else:
            items.append(data.get(column, ""))
    return document, locations
