"""Reading the O*NET database's tab-delimited text files, everything checked before any write.

O*NET publishes plain lines (Windows line endings, a header row, cells separated by tabs, no
quoting: some task statements hold double quotes), so each line is split on tabs rather than
parsed as CSV. Any subset of the files may be given; a bad cell stops the import with the
file, line and column (``ImportFailed``). ``read_onet`` returns an ``OnetData``: plain values,
ready for ``taxonomy.importers.onet`` to write.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..import_errors import ImportFailed
from ..names import name_key

CODE = "O*NET-SOC Code"
OCCUPATIONS = "Occupation Data.txt"
ALTERNATE_TITLES = "Alternate Titles.txt"
REPORTED_TITLES = "Sample of Reported Titles.txt"
TECHNOLOGY = "Technology Skills.txt"
RELATED = "Related Occupations.txt"
TASKS = "Task Statements.txt"
JOB_ZONES = "Job Zones.txt"
# Every file the importer reads, in reading order: (known columns, columns it cannot do without).
COLUMNS = {
    OCCUPATIONS: ({CODE, "Title", "Description"}, {CODE, "Title", "Description"}),
    ALTERNATE_TITLES: (
        {CODE, "Alternate Title", "Short Title", "Source(s)"},
        {CODE, "Alternate Title"},
    ),
    REPORTED_TITLES: (
        {CODE, "Reported Job Title", "Shown in My Next Move"},
        {CODE, "Reported Job Title"},
    ),
    TASKS: (
        {CODE, "Task ID", "Task", "Task Type", "Incumbents Responding", "Date", "Domain Source"},
        {CODE, "Task", "Task Type"},
    ),
    JOB_ZONES: ({CODE, "Job Zone", "Date", "Domain Source"}, {CODE, "Job Zone"}),
    RELATED: (
        {CODE, "Related O*NET-SOC Code", "Relatedness Tier", "Index"},
        {CODE, "Related O*NET-SOC Code", "Index"},
    ),
    TECHNOLOGY: (
        {CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"},
        {CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"},
    ),
}
TASK_TYPES = {"Core", "Supplemental", "n/a"}
TIERS = {"Primary-Short", "Primary-Long", "Supplemental"}
FLAGS = {"Y": True, "N": False}
NAME_MAX = 200
# An other name O*NET gives more occupations than this ("Engineer", "Instructor", "Machine
# Operator") names no job in particular: it is left out, so search, autocomplete and the advert
# reader do not offer dozens of job titles for it.
MAX_OCCUPATIONS_PER_NAME = 5
_CODE = re.compile(r"\d\d-\d\d\d\d\.\d\d\Z")
_COMMODITY = re.compile(r"\d{8}\Z")


@dataclass
class Occupation:
    title: str
    description: str


@dataclass
class Technology:
    commodity_code: str
    commodity_title: str


@dataclass
class OnetData:
    folder: Path
    files: list = field(default_factory=list)
    occupations: dict = field(default_factory=dict)  # code -> Occupation
    other_names: dict = field(default_factory=dict)  # code -> [title], O*NET's order, distinct
    name_keys: dict = field(default_factory=dict, repr=False)  # code -> {name_key}, for the above
    tasks: dict = field(default_factory=dict)  # code -> [core task]
    job_zones: dict = field(default_factory=dict)  # code -> 1..5
    related: dict = field(default_factory=dict)  # code -> [related code], O*NET's order
    technologies: dict = field(default_factory=dict)  # name -> Technology
    uses: dict = field(default_factory=dict)  # (technology name, code) -> (hot, in demand)

    def given(self, name):
        return name in self.files

    def codes(self):
        """Every occupation code any file names."""
        return (
            set(self.occupations)
            | set(self.other_names)
            | set(self.tasks)
            | set(self.job_zones)
            | set(self.related)
            | {code for _, code in self.uses}
        )


class OnetFile:
    """One tab-delimited file: checks the header, yields ``(line number, row)``."""

    def __init__(self, path):
        self.path = Path(path)
        self.known, self.required = COLUMNS[self.path.name]

    def fail(self, message, line=None, column=""):
        raise ImportFailed(message, file=self.path, line=line, field=column)

    def rows(self):
        try:
            handle = self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            self.fail(f"cannot read the file: {exc.strerror}")
        with handle:
            number = 1
            try:
                header = handle.readline().rstrip("\r\n").split("\t")
                self._check_header(header)
                for number, text in enumerate(handle, 2):
                    text = text.rstrip("\r\n")
                    if not text.strip():
                        continue
                    cells = text.split("\t")
                    if len(cells) != len(header):
                        self.fail(
                            f"expected {len(header)} tab-separated columns as in the header, "
                            f"found {len(cells)}",
                            number,
                        )
                    yield number, dict(zip(header, cells, strict=True))
            except UnicodeDecodeError:
                self.fail("not UTF-8 text", number + 1)

    def _check_header(self, header):
        if header == [""]:
            self.fail("the file is empty; expected a header row", 1)
        for column in header:
            if column not in self.known:
                self.fail(f"unknown column {column!r} (is this the right file?)", 1, column)
        for column in header:
            if header.count(column) > 1:
                self.fail(f"column {column!r} appears twice", 1, column)
        for column in sorted(self.required - set(header)):
            self.fail(f"required column {column!r} is missing", 1, column)

    def text(self, row, line, column, *, required=True, max_length=None):
        value = " ".join((row.get(column) or "").split())
        if required and not value:
            self.fail("must not be empty", line, column)
        if max_length and len(value) > max_length:
            self.fail(f"longer than {max_length} characters", line, column)
        return value

    def code(self, row, line, column=CODE):
        value = (row.get(column) or "").strip()
        if not _CODE.match(value):
            shown = repr(value) if value else "an empty cell"
            self.fail(f"expected an O*NET-SOC code such as 15-1252.00, found {shown}", line, column)
        return value

    def choice(self, row, line, column, choices):
        value = (row.get(column) or "").strip()
        if value not in choices:
            expected = " or ".join(sorted(choices))
            self.fail(f"expected {expected}, found {value!r}", line, column)
        return value

    def number(self, row, line, column, low, high=None):
        value = (row.get(column) or "").strip()
        if not value.isdigit() or int(value) < low or (high is not None and int(value) > high):
            upper = f" to {high}" if high is not None else " or more"
            self.fail(f"expected a whole number {low}{upper}, found {value!r}", line, column)
        return int(value)


def read_onet(folder, *, progress=None):
    """Read and check every O*NET file in ``folder``; raises ImportFailed on the first bad cell."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportFailed(f"{folder} is not a folder")
    data = OnetData(folder=folder)
    say = progress or (lambda message: None)
    readers = {
        OCCUPATIONS: _read_occupations,
        ALTERNATE_TITLES: _read_alternate_titles,
        REPORTED_TITLES: _read_reported_titles,
        TASKS: _read_tasks,
        JOB_ZONES: _read_job_zones,
        RELATED: _read_related,
        TECHNOLOGY: _read_technology,
    }
    for name, read in readers.items():
        path = folder / name
        if not path.exists():
            continue
        data.files.append(name)
        rows = read(OnetFile(path), data)
        say(f"{name}: {rows} rows read and checked")
    _drop_generic_names(data)
    if not data.files:
        raise ImportFailed(
            f"no O*NET files found in {folder} (expected {OCCUPATIONS} and/or the others: "
            + ", ".join(name for name in COLUMNS if name != OCCUPATIONS)
            + ")"
        )
    return data


def _read_occupations(file, data):
    seen = {}
    for line, row in file.rows():
        code = file.code(row, line)
        if code in seen:
            file.fail(f"{code} already appears on line {seen[code]}", line, CODE)
        seen[code] = line
        data.occupations[code] = Occupation(
            title=file.text(row, line, "Title", max_length=NAME_MAX),
            description=file.text(row, line, "Description", required=False),
        )
    return len(seen)


def _add_name(data, code, name):
    """Other names count once per occupation, ignoring case and punctuation (``name_key``)."""
    keys = data.name_keys.setdefault(code, set())
    if name_key(name) not in keys:
        keys.add(name_key(name))
        data.other_names.setdefault(code, []).append(name)


def _drop_generic_names(data):
    sharing = {}
    for keys in data.name_keys.values():
        for key in keys:
            sharing[key] = sharing.get(key, 0) + 1
    generic = {key for key, count in sharing.items() if count > MAX_OCCUPATIONS_PER_NAME}
    if generic:
        for code, names in data.other_names.items():
            data.other_names[code] = [n for n in names if name_key(n) not in generic]


def _read_alternate_titles(file, data):
    count = 0
    for line, row in file.rows():
        code = file.code(row, line)
        _add_name(data, code, file.text(row, line, "Alternate Title", max_length=NAME_MAX))
        short = file.text(row, line, "Short Title", required=False, max_length=NAME_MAX)
        if short and short != "n/a":
            _add_name(data, code, short)
        count += 1
    return count


def _read_reported_titles(file, data):
    count = 0
    for line, row in file.rows():
        code = file.code(row, line)
        _add_name(data, code, file.text(row, line, "Reported Job Title", max_length=NAME_MAX))
        if "Shown in My Next Move" in row:
            file.choice(row, line, "Shown in My Next Move", FLAGS)
        count += 1
    return count


def _read_tasks(file, data):
    """Core tasks; an occupation O*NET has not rated (type n/a) keeps its unrated tasks."""
    count, unrated = 0, {}
    for line, row in file.rows():
        code = file.code(row, line)
        task = file.text(row, line, "Task")
        kind = file.choice(row, line, "Task Type", TASK_TYPES)
        if kind == "Core":
            data.tasks.setdefault(code, []).append(task)
        elif kind == "n/a":
            unrated.setdefault(code, []).append(task)
        count += 1
    for code, tasks in unrated.items():
        data.tasks.setdefault(code, tasks)
    return count


def _read_job_zones(file, data):
    count = 0
    for line, row in file.rows():
        code = file.code(row, line)
        zone = file.number(row, line, "Job Zone", 1, 5)
        if data.job_zones.get(code, zone) != zone:
            file.fail(f"{code} is given two different job zones", line, "Job Zone")
        data.job_zones[code] = zone
        count += 1
    return count


def _read_related(file, data):
    count, ranked = 0, {}
    for line, row in file.rows():
        code = file.code(row, line)
        related = file.code(row, line, "Related O*NET-SOC Code")
        if related == code:
            file.fail("an occupation cannot be related to itself", line, "Related O*NET-SOC Code")
        if "Relatedness Tier" in row:
            file.choice(row, line, "Relatedness Tier", TIERS)
        index = file.number(row, line, "Index", 1)
        ranked.setdefault(code, {}).setdefault(related, index)
        count += 1
    for code, related in ranked.items():
        data.related[code] = sorted(related, key=lambda other: (related[other], other))
    return count


def _read_technology(file, data):
    count = 0
    for line, row in file.rows():
        code = file.code(row, line)
        name = file.text(row, line, "Example", max_length=NAME_MAX)
        commodity = (row.get("Commodity Code") or "").strip()
        if not _COMMODITY.match(commodity):
            file.fail(
                f"expected an 8-digit UNSPSC code, found {commodity!r}", line, "Commodity Code"
            )
        title = file.text(row, line, "Commodity Title", max_length=NAME_MAX)
        hot = FLAGS[file.choice(row, line, "Hot Technology", FLAGS)]
        demand = FLAGS[file.choice(row, line, "In Demand", FLAGS)]
        data.technologies.setdefault(name, Technology(commodity, title))
        before = data.uses.get((name, code), (False, False))
        data.uses[(name, code)] = (before[0] or hot, before[1] or demand)
        count += 1
    return count
