"""Import the ESCO classification (its English CSV export) into the taxonomy, all or nothing.

ESCO rows are matched by concept URI (``external_id``), so running the import again updates what
ESCO changed, skips what it did not, and creates no duplicates. Curated content always wins: a
field is updated only while it still holds what ESCO last wrote (``esco_fields`` keeps a digest
of it); a field an editor changed, or a curated skill's own text, is never overwritten. A
curated skill carrying an ESCO URI gains ESCO's labels as aliases (its preferred label too, when
our name differs) and never a second page; an occupation whose name is a job title we already
have (``taxonomy.names.name_key``) becomes that job title. What editors added by hand is never
touched: interview questions, resume lines, aliases with ``source=editor``, links, a skill's
status and every record without an ESCO URI. Files and columns absent from the folder
change nothing on a re-run (a folder with only skills_en.csv keeps the category tree). Reads
happen before the transaction and writes are bulk, a fixed number of queries per batch whatever
the number of rows.

Mapping (see README "Importing ESCO"):

- ``skills_en.csv``: preferredLabel -> Skill.name, altLabels -> SkillAlias(source=esco),
  description (else definition) -> definition, its first sentence -> summary,
  conceptUri -> external_id. hiddenLabels are not imported: ESCO marks them as terms not to be
  shown (misspellings, outdated terms), and aliases are shown on the skill page.
- ``occupations_en.csv``: -> JobTitle (altLabels -> alternative_labels, one per line).
- ``skillSkillRelations_en.csv`` (optional): related skills -> ``Skill.esco_related`` (shown
  marked as ESCO's, beside the editors' related skills); only ever added.
- ``occupationSkillRelations_en.csv`` (optional): essential and optional relations -> links
  between skills and job titles. Links are only ever added, so hand-made links are safe; a link
  ESCO drops is left for an editor to remove.
- ``skillsHierarchy_en.csv``, ``skillGroups_en.csv`` (optional) -> the Category tree, and
  ``broaderRelationsSkillPillar_en.csv`` (optional, else the ``*Collection_en.csv`` files'
  broaderConceptUri) -> each skill's category.
"""

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..alias_keys import alias_key
from ..changes import content_changed
from ..duplicates import collisions
from ..history import record_batch
from ..import_errors import ImportFailed, undecodable_line
from ..models import (
    CATEGORY_MAX_DEPTH,
    ESCO_URI_PREFIX,
    Category,
    JobTitle,
    MergedExternalId,
    Skill,
    SkillAlias,
    Source,
    digest,
)
from ..names import name_key
from ..review import check_import_statuses
from ..text_checks import unstorable
from .counts import Counts, collision_lines

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # ESCO descriptions exceed the 128 KiB default

SKILLS = "skills_en.csv"
OCCUPATIONS = "occupations_en.csv"
RELATIONS = "occupationSkillRelations_en.csv"
SKILL_RELATIONS = "skillSkillRelations_en.csv"
GROUPS = "skillGroups_en.csv"
HIERARCHY = "skillsHierarchy_en.csv"
BROADER = "broaderRelationsSkillPillar_en.csv"
COLLECTION_GLOB = "*Collection_en.csv"

_CONCEPT = ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "status"]
_CONCEPT += ["modifiedDate", "scopeNote", "definition", "inScheme", "description", "code"]
_LEVELS = [f"Level {n} {part}" for n in range(4) for part in ("URI", "preferred term", "code")]
# Known columns per file (ESCO v1.0, plus the "code" columns later releases add) and the
# columns a file cannot do without.
COLUMNS = {
    SKILLS: (
        {*_CONCEPT, "skillType", "reuseLevel", "altLabels"},
        {"conceptUri", "preferredLabel"},
    ),
    OCCUPATIONS: (
        {*_CONCEPT, "iscoGroup", "regulatedProfessionNote", "naceCode"},
        {"conceptUri", "preferredLabel"},
    ),
    RELATIONS: (
        {"occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"},
        {"occupationUri", "relationType", "skillUri"},
    ),
    SKILL_RELATIONS: (
        {
            "originalSkillUri",
            "originalSkillType",
            "relationType",
            "relatedSkillType",
            "relatedSkillUri",
        },
        {"originalSkillUri", "relatedSkillUri"},
    ),
    GROUPS: (set(_CONCEPT), {"conceptUri", "preferredLabel"}),
    HIERARCHY: ({*_LEVELS, "Description", "Scope note"}, {"Level 0 URI"}),
    BROADER: (
        {"conceptType", "conceptUri", "conceptLabel", "broaderType", "broaderUri", "broaderLabel"},
        {"conceptUri", "broaderUri"},
    ),
    COLLECTION_GLOB: (
        {
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "status",
            "altLabels",
            "description",
            "broaderConceptUri",
            "broaderConceptPT",
        },
        {"conceptUri"},
    ),
}
RELATION_TYPES = {"essential", "optional"}
SKILL_TYPES = {"knowledge": Skill.Kind.KNOWLEDGE, "skill/competence": Skill.Kind.SKILL}
SUMMARY_MAX = Skill._meta.get_field("summary").max_length
BATCH = 1000
_ESCO_URI = re.compile(re.escape(ESCO_URI_PREFIX) + r"\S+\Z")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?(?=\s+[\"'(\[]?[A-Z0-9])")


# ---------------------------------------------------------------- reading


class EscoFile:
    """One CSV file: checks the header, yields ``(line, row)`` with the line the row starts on."""

    def __init__(self, path, kind):
        self.path = Path(path)
        self.known, self.required = COLUMNS[kind]
        self.header = []

    def fail(self, message, line=None, column=""):
        raise ImportFailed(message, file=self.path, line=line, field=column)

    def rows(self):
        try:
            handle = self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            self.fail(f"cannot read the file: {exc.strerror}")
        with handle:
            reader = csv.reader(handle, strict=True)
            start = 1
            try:
                header = next(reader, None)
                if header is None:
                    self.fail("the file is empty; expected a header row", 1)
                self._check_header(header)
                self.header = header
                start = reader.line_num + 1
                for cells in reader:
                    line, start = start, reader.line_num + 1
                    if not cells:
                        continue
                    if len(cells) != len(header):
                        self.fail(
                            f"expected {len(header)} columns as in the header, found {len(cells)}"
                            " (a stray comma or an unbalanced quote?)",
                            line,
                        )
                    for column, cell in zip(header, cells, strict=True):
                        reason = unstorable(cell)
                        if reason:
                            self.fail(reason, line, column)
                    yield line, dict(zip(header, cells, strict=True))
            except csv.Error as exc:
                self.fail(f"malformed CSV: {exc} (an unbalanced quote?)", start)
            except UnicodeDecodeError:
                # The reader decodes ahead of the row it is on: find the byte's own line.
                self.fail("not UTF-8 text", undecodable_line(self.path) or start)

    def _check_header(self, header):
        for column in header:
            if column not in self.known:
                self.fail(f"unknown column {column!r}", 1, column)
        duplicates = [c for c, n in Counter(header).items() if n > 1]
        if duplicates:
            self.fail(f"column {duplicates[0]!r} appears twice", 1, duplicates[0])
        for column in sorted(self.required - set(header)):
            self.fail(f"required column {column!r} is missing", 1, column)

    def uri(self, row, line, column, *, required=True):
        value = (row.get(column) or "").strip()
        if not value and not required:
            return ""
        if not _ESCO_URI.match(value):
            shown = repr(value) if value else "an empty cell"
            self.fail(f"expected an ESCO URI ({ESCO_URI_PREFIX}…), found {shown}", line, column)
        return value

    def text(self, row, line, column, *, required=False, max_length=None):
        value = (row.get(column) or "").strip()
        if required and not value:
            self.fail("must not be empty", line, column)
        if max_length and len(value) > max_length:
            self.fail(f"longer than {max_length} characters", line, column)
        return sys.intern(value)  # relations repeat a few thousand URIs many times


def labels(cell, separator="\n"):
    """Distinct labels of a multi-valued cell, in order, ignoring case."""
    seen, result = set(), []
    for label in cell.split(separator):
        label = " ".join(label.split())
        if label and alias_key(label) not in seen:
            seen.add(alias_key(label))
            result.append(label)
    return result


def first_sentence(text):
    """The summary: the first sentence, cut at a word boundary if it is too long for one line."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()] if match else text
    if len(sentence) > SUMMARY_MAX:
        sentence = sentence[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


@dataclass
class Concept:
    name: str
    description: str
    line: int
    aliases: tuple = ()  # skills: ESCO aliases; job titles: alternative labels
    kind: str = ""  # skills: Skill.Kind from skillType, "" when not given


@dataclass
class EscoData:
    """Everything read from the folder, validated, keyed by URI."""

    skills: dict = field(default_factory=dict)
    occupations: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)  # uri -> Concept
    group_parents: dict = field(default_factory=dict)  # group uri -> parent group uri
    broader: dict = field(default_factory=dict)  # skill uri -> [broader uris], in order
    relations: set = field(default_factory=set)  # (occupation uri, skill uri)
    skill_relations: set = field(default_factory=set)  # (skill uri, related skill uri)
    files: list = field(default_factory=list)
    folder: Path | None = None
    # What the files speak about: a re-run from fewer files or columns keeps the rest as it is.
    skill_columns: set = field(default_factory=set)
    occupation_columns: set = field(default_factory=set)
    structure_given: bool = False


def _unique(file, seen, uri, line, column="conceptUri"):
    if uri in seen:
        file.fail(f"duplicate concept URI {uri} (first on line {seen[uri].line})", line, column)


def read_esco(folder, *, limit=None, progress=None):
    """Read and validate the ESCO files in ``folder``; raises ImportFailed on the first error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportFailed("folder not found", file=folder)
    if not (folder / SKILLS).exists() and not (folder / OCCUPATIONS).exists():
        raise ImportFailed(f"neither {SKILLS} nor {OCCUPATIONS} is in this folder", file=folder)
    data = EscoData(folder=folder)
    readers = [
        (SKILLS, _read_skills),
        (OCCUPATIONS, _read_occupations),
        (GROUPS, _read_groups),
        (HIERARCHY, _read_hierarchy),
        (BROADER, _read_broader),
    ]
    for name, reader in readers:
        if (folder / name).exists():
            reader(EscoFile(folder / name, name), data, limit)
            _report(progress, data, name)
    collections = sorted(folder.glob(COLLECTION_GLOB))
    broader_given = set(data.broader)
    for path in collections:
        _read_collection(EscoFile(path, COLLECTION_GLOB), data, broader_given)
        _report(progress, data, path.name)
    if (folder / RELATIONS).exists():
        _read_relations(EscoFile(folder / RELATIONS, RELATIONS), data)
        _report(progress, data, RELATIONS)
    if (folder / SKILL_RELATIONS).exists():
        _read_skill_relations(EscoFile(folder / SKILL_RELATIONS, SKILL_RELATIONS), data)
        _report(progress, data, SKILL_RELATIONS)
    return data


def _report(progress, data, name):
    data.files.append(name)
    if progress:
        progress(
            f"read {name}: {len(data.skills)} skills, {len(data.occupations)} occupations, "
            f"{len(data.groups)} groups, {len(data.relations)} relations so far"
        )


def _read_skills(file, data, limit):
    name_max = Skill._meta.get_field("name").max_length
    term_max = SkillAlias._meta.get_field("term").max_length
    for line, row in file.rows():
        if limit is not None and len(data.skills) >= limit:
            break
        uri = file.uri(row, line, "conceptUri")
        _unique(file, data.skills, uri, line)
        name = file.text(row, line, "preferredLabel", required=True, max_length=name_max)
        description = file.text(row, line, "description") or file.text(row, line, "definition")
        aliases = [a for a in labels(row.get("altLabels") or "") if a.casefold() != name.casefold()]
        for alias in aliases:
            if len(alias) > term_max:
                file.fail(f"label {alias[:40]!r}… is longer than {term_max}", line, "altLabels")
        kind = SKILL_TYPES.get((row.get("skillType") or "").strip().lower(), "")
        data.skills[uri] = Concept(name, description, line, tuple(aliases), kind)
    data.skill_columns = set(file.header)


def _read_occupations(file, data, limit):
    name_max = JobTitle._meta.get_field("name").max_length
    for line, row in file.rows():
        if limit is not None and len(data.occupations) >= limit:
            break
        uri = file.uri(row, line, "conceptUri")
        _unique(file, data.occupations, uri, line)
        name = file.text(row, line, "preferredLabel", required=True, max_length=name_max)
        description = file.text(row, line, "description") or file.text(row, line, "definition")
        alternatives = [
            a for a in labels(row.get("altLabels") or "") if a.casefold() != name.casefold()
        ]
        data.occupations[uri] = Concept(name, description, line, tuple(alternatives))
    data.occupation_columns = set(file.header)


def _read_groups(file, data, limit):
    name_max = Category._meta.get_field("name").max_length
    for line, row in file.rows():
        uri = file.uri(row, line, "conceptUri")
        _unique(file, data.groups, uri, line)
        name = file.text(row, line, "preferredLabel", required=True, max_length=name_max)
        data.groups[uri] = Concept(name, file.text(row, line, "description"), line)


def _read_hierarchy(file, data, limit):
    """One row per node, its ancestors in the lower levels; skill groups' own labels win."""
    data.structure_given = True
    name_max = Category._meta.get_field("name").max_length
    for line, row in file.rows():
        parent = None
        for level in range(4):
            uri = file.uri(row, line, f"Level {level} URI", required=level == 0)
            if not uri:
                continue
            term = f"Level {level} preferred term"
            if uri not in data.groups:
                name = file.text(row, line, term, required=True, max_length=name_max)
                data.groups[uri] = Concept(name, "", line)
            if parent:
                data.group_parents[uri] = parent
            parent = uri
        node = data.groups[parent]
        if not node.description:
            node.description = file.text(row, line, "Description")


def _read_broader(file, data, limit):
    data.structure_given = True
    for line, row in file.rows():
        concept = file.uri(row, line, "conceptUri")
        broader = file.uri(row, line, "broaderUri")
        if concept == broader:
            file.fail("a concept cannot be broader than itself", line, "broaderUri")
        if (row.get("conceptType") or "").strip() == "SkillGroup" or concept in data.groups:
            data.group_parents.setdefault(concept, broader)
        else:
            data.broader.setdefault(concept, []).append(broader)


def _read_collection(file, data, broader_given):
    """Collections give broader concepts (" | "-separated) for skills the pillar file does not."""
    for line, row in file.rows():
        uri = file.uri(row, line, "conceptUri")
        if uri in broader_given:
            continue
        for value in labels(row.get("broaderConceptUri") or "", " | "):
            broader = file.uri({"broaderConceptUri": value}, line, "broaderConceptUri")
            targets = data.broader.setdefault(uri, [])
            if broader != uri and broader not in targets:
                targets.append(broader)


def _read_relations(file, data):
    for line, row in file.rows():
        occupation = file.uri(row, line, "occupationUri")
        skill = file.uri(row, line, "skillUri")
        kind = file.text(row, line, "relationType", required=True)
        if kind.lower() not in RELATION_TYPES:
            file.fail(f"expected essential or optional, found {kind!r}", line, "relationType")
        data.relations.add((occupation, skill))


def _read_skill_relations(file, data):
    for line, row in file.rows():
        skill = file.uri(row, line, "originalSkillUri")
        related = file.uri(row, line, "relatedSkillUri")
        if skill != related:  # ESCO's own data relates a few skills to themselves: no link
            data.skill_relations.add((skill, related))


# ---------------------------------------------------------------- writing


@dataclass
class EscoSummary:
    categories: Counts = field(default_factory=Counts)
    job_titles: Counts = field(default_factory=Counts)
    skills: Counts = field(default_factory=Counts)
    aliases_added: int = 0
    aliases_removed: int = 0
    links_added: int = 0
    links_skipped: int = 0  # relations naming a skill or occupation that was not imported
    relations_added: int = 0
    relations_skipped: int = 0
    job_titles_matched: int = 0  # occupations that became a job title we had, by name
    reindexed: int = 0
    files: list = field(default_factory=list)
    history_entries: int = 0  # objects recorded in the import's one history revision
    changed_category_ids: set = field(default_factory=set)
    new_job_title_ids: set = field(default_factory=set)
    collisions: list = field(default_factory=list)  # names shared with other rows

    def lines(self):
        return collision_lines(
            self.collisions,
            first=[
                f"files: {', '.join(self.files)}",
                f"categories: {self.categories}",
                f"job titles: {self.job_titles} ({self.job_titles_matched} matched by name)",
                f"skills: {self.skills}",
                f"ESCO aliases: {self.aliases_added} added, {self.aliases_removed} removed",
                f"job title links: {self.links_added} added, "
                f"{self.links_skipped} skipped (skill or occupation not imported)",
                f"related skills: {self.relations_added} pairs added, "
                f"{self.relations_skipped} skipped (skill not imported)",
                f"search index refreshed for {self.reindexed} skills",
                f"history: one revision, {self.history_entries} skills, job titles and categories",
            ],
        )


class SlugPool:
    """Unique slugs from labels: the label's slug, else the first free ``-2``, ``-3``… suffix."""

    def __init__(self, taken, fallback, max_length=200):
        self.taken = set(taken)
        self.fallback = fallback
        self.max_length = max_length

    def claim(self, label):
        base = slugify(label)[: self.max_length].strip("-") or self.fallback
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            suffix = f"-{n}"
            slug = base[: self.max_length - len(suffix)].rstrip("-") + suffix
        self.taken.add(slug)
        return slug


def import_esco(
    folder,
    *,
    status=Skill.Status.PUBLISHED,
    limit=None,
    dry_run=False,
    progress=None,
    user=None,
):
    """Import the ESCO files in ``folder``; raises ImportFailed and writes nothing on bad input.

    ``status`` applies to skills created by this run: an editor's later decision to archive or
    draft an ESCO skill survives re-imports. ``dry_run`` does everything, reports, rolls back.
    ``user`` is the account the import runs for: creating published (or archived) skills needs
    the publish permission (``taxonomy.review``); None is the server's operator.
    """
    if status not in Skill.Status.values:
        raise ImportFailed(f"unknown status {status!r}", field="status")
    refused = check_import_statuses(user, [("--status", None, status)])
    if refused:
        raise ImportFailed(refused[1], field="status")
    data = read_esco(folder, limit=limit, progress=progress)
    summary = EscoSummary(files=data.files)
    say = progress or (lambda message: None)
    with transaction.atomic():
        category_ids = _write_categories(data, summary)
        say(f"categories: {summary.categories}")
        title_ids, changed_titles = _write_job_titles(data, summary)
        say(f"job titles: {summary.job_titles}")
        skill_ids, changed_skills = _write_skills(data, category_ids, status, summary)
        say(f"skills: {summary.skills}")
        linked = _write_links(data, skill_ids, title_ids, summary)
        say(f"job title links: {summary.links_added} added")
        linked |= _write_skill_relations(data, skill_ids, summary)
        say(f"related skills: {summary.relations_added} added")
        touched = {
            "skills": changed_skills | linked,
            "job_titles": changed_titles | summary.new_job_title_ids,
            "categories": summary.changed_category_ids,
        }
        record_batch(f"import_esco {folder}", user=user, **touched)
        summary.history_entries = sum(len(ids) for ids in touched.values())
        change = content_changed(skills=touched["skills"], job_titles=changed_titles)
        summary.reindexed = len(change.all_skill_ids)
        summary.collisions = collisions(changed_skills, changed_titles)
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _batches(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_categories(data, summary):
    """ESCO groups become categories (matched by URI); returns {uri: category id}."""
    existing = {
        c["external_id"]: c
        for c in Category.objects.exclude(external_id="").values(
            "pk", "external_id", "name", "description", "parent_id"
        )
    }
    slugs = SlugPool(Category.objects.values_list("slug", flat=True), "category")
    new = [
        Category(name=g.name, slug=slugs.claim(g.name), description=g.description, external_id=uri)
        for uri, g in data.groups.items()
        if uri not in existing
    ]
    Category.objects.bulk_create(new, batch_size=BATCH)
    summary.categories.created = len(new)
    ids = {uri: row["pk"] for uri, row in existing.items()}
    if new:
        ids.update(
            Category.objects.filter(external_id__in=[c.external_id for c in new]).values_list(
                "external_id", "pk"
            )
        )
    parents = _bounded_parents(data)
    changed, placed = [], []
    for uri, group in data.groups.items():
        parent_id = ids.get(parents.get(uri))
        row = existing.get(uri)
        if row is None:
            if parent_id:
                placed.append(Category(pk=ids[uri], parent_id=parent_id))
            continue
        wanted = {"name": group.name}
        if group.description:
            wanted["description"] = group.description
        if data.structure_given:
            wanted["parent_id"] = parent_id
        if any(row[key] != value for key, value in wanted.items()):
            changed.append(Category(**{**row, **wanted}))
        else:
            summary.categories.unchanged += 1
    Category.objects.bulk_update(placed, ["parent"], batch_size=BATCH)
    Category.objects.bulk_update(changed, ["name", "description", "parent"], batch_size=BATCH)
    summary.changed_category_ids = {c.pk for c in changed} | {ids[c.external_id] for c in new}
    summary.categories.updated = len(changed)
    return ids


def _bounded_parents(data):
    """Each group's parent; a group deeper than categories may nest hangs from its deepest
    allowed ancestor, and a parent outside the files is dropped (the group becomes a root)."""
    parents = {uri: p for uri, p in data.group_parents.items() if p in data.groups}
    result = {}
    for uri in data.groups:
        chain, node = [], parents.get(uri)  # ancestors, nearest first
        while node is not None:
            if node == uri or node in chain:
                raise ImportFailed(
                    f"skill group {uri} is its own ancestor (broader relations form a loop)",
                    file=data.folder / BROADER,
                )
            chain.append(node)
            node = parents.get(node)
        if chain:
            depth = len(chain) + 1
            result[uri] = chain[max(0, depth - CATEGORY_MAX_DEPTH)]
    return result


def _owned_updates(row, wanted):
    """The fields of ``wanted`` ESCO may write on an existing row: those still holding what ESCO
    last wrote (digest in ``esco_fields``), with the new digests. Editors' fields are skipped."""
    owned = row["esco_fields"]
    updates, digests = {}, dict(owned)
    for name, value in wanted.items():
        current = row[name]
        if owned.get(name) != digest(current):
            continue  # never ESCO's, or an editor changed it since: curated content wins
        digests[name] = digest(value)
        if current != value:
            updates[name] = value
    return updates, digests


def _merged_labels(current, extra, name):
    """``current`` (one per line) with the labels of ``extra`` it lacks, ignoring case."""
    lines = [line for line in current.splitlines() if line.strip()]
    seen = {name_key(line) for line in lines} | {name_key(name)}
    for label in extra:
        if name_key(label) not in seen:
            seen.add(name_key(label))
            lines.append(label)
    return "\n".join(lines)


def _write_job_titles(data, summary):
    """Occupations become job titles; returns ({uri: id}, ids of changed job titles).

    An occupation is matched by URI, else by name (``name_key``) among job titles that no
    import has claimed: "Data Analyst" (curated) and ESCO's "data analyst" are one page, keeping
    the curated name and description and gaining ESCO's other names."""
    fields = ("pk", "external_id", "name", "alternative_labels", "description", "esco_fields")
    existing = {
        t["external_id"]: t for t in JobTitle.objects.exclude(external_id="").values(*fields)
    }
    unclaimed = {}
    for row in JobTitle.objects.filter(external_id="").values(*fields):
        unclaimed.setdefault(name_key(row["name"]), row)
    slugs = SlugPool(JobTitle.objects.values_list("slug", flat=True), "job-title")
    now = timezone.now()
    new, changed = [], []
    for uri, occupation in data.occupations.items():
        wanted = {
            "name": occupation.name,
            "alternative_labels": "\n".join(occupation.aliases),
            "description": occupation.description,
        }
        row = existing.get(uri)
        if row is None:
            row = unclaimed.pop(name_key(occupation.name), None)
            if row is None:
                new.append(
                    JobTitle(
                        slug=slugs.claim(occupation.name),
                        external_id=uri,
                        esco_fields={name: digest(value) for name, value in wanted.items()},
                        **wanted,
                    )
                )
                continue
            summary.job_titles_matched += 1
            row = {**row, "external_id": uri}
        if "altLabels" not in data.occupation_columns:
            del wanted["alternative_labels"]
        if not data.occupation_columns & {"description", "definition"}:
            del wanted["description"]
        updates, digests = _owned_updates(row, wanted)
        if "alternative_labels" in wanted and "alternative_labels" not in digests:
            # The editors' list: add ESCO's names it lacks, never remove one.
            merged = _merged_labels(row["alternative_labels"], occupation.aliases, row["name"])
            if merged != row["alternative_labels"]:
                updates["alternative_labels"] = merged
        if "description" in wanted and not row["description"] and "description" not in updates:
            updates["description"] = occupation.description
            digests["description"] = digest(occupation.description)
        claimed = row["external_id"] != existing.get(uri, {}).get("external_id")
        if updates or claimed or digests != row["esco_fields"]:
            changed.append(JobTitle(updated=now, **{**row, **updates, "esco_fields": digests}))
        else:
            summary.job_titles.unchanged += 1
    JobTitle.objects.bulk_create(new, batch_size=BATCH)
    JobTitle.objects.bulk_update(
        changed,
        ["name", "alternative_labels", "description", "external_id", "esco_fields", "updated"],
        batch_size=BATCH,
    )
    summary.job_titles.created, summary.job_titles.updated = len(new), len(changed)
    ids = {uri: row["pk"] for uri, row in existing.items()}
    ids.update({t.external_id: t.pk for t in changed})
    for batch in _batches(new):
        ids.update(
            JobTitle.objects.filter(external_id__in=[t.external_id for t in batch]).values_list(
                "external_id", "pk"
            )
        )
    summary.new_job_title_ids = {ids[t.external_id] for t in new}
    return ids, {t.pk for t in changed}


def _skill_categories(data, category_ids):
    """A skill's category: its first broader group, else the category of its first broader
    skill (ESCO nests some skills under others, e.g. language skills under the language)."""
    resolved = {}

    def resolve(uri, seen):
        if uri in resolved:
            return resolved[uri]
        broader = data.broader.get(uri, ())
        found = next((category_ids[b] for b in broader if b in category_ids), None)
        if found is None:
            for other in broader:
                if other not in seen:
                    found = resolve(other, seen | {uri})
                    if found:
                        break
        resolved[uri] = found
        return found

    return {uri: resolve(uri, frozenset()) for uri in data.skills if uri in data.broader}


def _write_skills(data, category_ids, status, summary):
    """Returns ({uri: skill id} for every ESCO skill known, ids of created or changed skills)."""
    fields = ("pk", "external_id", "name", "summary", "definition", "category_id", "kind")
    existing = {
        s["external_id"]: {**s, "category": s["category_id"]}
        for s in Skill.objects.exclude(external_id="").values(*fields, "esco_fields")
    }
    known_ids = {row["pk"] for uri, row in existing.items() if uri in data.skills}
    esco_aliases, editor_aliases = {}, {}
    alias_rows = SkillAlias.objects.filter(skill_id__in=known_ids).values_list(
        "skill_id", "term", "source"
    )
    for skill_id, term, source in alias_rows.iterator(chunk_size=5000):
        target = esco_aliases if source == Source.ESCO else editor_aliases
        target.setdefault(skill_id, set()).add(term)
    # Concepts an editor merged into another skill: linked to it, never created again.
    merged_away = dict(MergedExternalId.objects.values_list("external_id", "skill_id"))
    categories = _skill_categories(data, category_ids)
    slugs = SlugPool(Skill.objects.values_list("slug", flat=True), "skill")
    now = timezone.now()
    new, changed, realias = [], [], []
    for uri, concept in data.skills.items():
        wanted = {
            "name": concept.name,
            "summary": first_sentence(concept.description),
            "definition": concept.description,
        }
        if concept.kind:
            wanted["kind"] = concept.kind
        category_id = categories.get(uri)
        row = existing.get(uri)
        if row is None and uri in merged_away:
            summary.skills.unchanged += 1
            continue
        if row is None:
            owned = {**wanted, "category": category_id}
            new.append(
                Skill(
                    slug=slugs.claim(concept.name),
                    external_id=uri,
                    status=status,
                    category_id=category_id,
                    esco_fields={name: digest(value) for name, value in owned.items()},
                    **wanted,
                )
            )
            continue
        if category_id:  # ESCO says nothing about the category otherwise: keep the editor's
            wanted["category"] = category_id
        if not data.skill_columns & {"description", "definition"}:
            del wanted["summary"], wanted["definition"]
        updates, digests = _owned_updates(row, wanted)
        taken = {name_key(t) for t in editor_aliases.get(row["pk"], ())}
        labels = list(concept.aliases)
        if "name" not in digests:  # our name, not ESCO's: ESCO's name is another name for it
            labels.append(concept.name)
        taken.add(name_key({**row, **updates}["name"]))
        aliases = {a for a in labels if name_key(a) not in taken}
        aliases_differ = "altLabels" in data.skill_columns and aliases != esco_aliases.get(
            row["pk"], set()
        )
        if aliases_differ:
            realias.append((row["pk"], aliases))
        if updates or aliases_differ or digests != row["esco_fields"]:
            values = {**row, **updates, "esco_fields": digests}
            values["category_id"] = values.pop("category")
            changed.append(Skill(updated=now, **values))
        else:
            summary.skills.unchanged += 1
    Skill.objects.bulk_create(new, batch_size=BATCH)
    Skill.objects.bulk_update(
        changed,
        ["name", "summary", "definition", "category", "kind", "esco_fields", "updated"],
        batch_size=BATCH,
    )
    summary.skills.created, summary.skills.updated = len(new), len(changed)

    ids = {uri: row["pk"] for uri, row in existing.items()}
    ids.update((uri, pk) for uri, pk in merged_away.items() if uri in data.skills)
    for batch in _batches(new):
        ids.update(
            Skill.objects.filter(external_id__in=[s.external_id for s in batch]).values_list(
                "external_id", "pk"
            )
        )
    realias += [(ids[s.external_id], data.skills[s.external_id].aliases) for s in new]
    _replace_esco_aliases(realias, summary)
    return ids, {ids[s.external_id] for s in new} | {s.pk for s in changed}


def _replace_esco_aliases(realias, summary):
    for batch in _batches([skill_id for skill_id, _ in realias]):
        removed, _ = SkillAlias.objects.filter(skill_id__in=batch, source=Source.ESCO).delete()
        summary.aliases_removed += removed
    created = [
        SkillAlias(skill_id=skill_id, term=term, source=Source.ESCO)
        for skill_id, terms in realias
        for term in sorted(terms)
    ]
    SkillAlias.objects.bulk_create(created, batch_size=BATCH)
    summary.aliases_added = len(created)


def _write_links(data, skill_ids, title_ids, summary):
    """Adds the relations' links that are missing; returns the ids of skills that gained one."""
    Link = Skill.job_titles.through
    wanted = set()
    for occupation, skill in data.relations:
        if occupation in title_ids and skill in skill_ids:
            wanted.add((skill_ids[skill], title_ids[occupation]))
        else:
            summary.links_skipped += 1
    if not wanted:
        return set()
    present = set()
    for batch in _batches({skill_id for skill_id, _ in wanted}):
        present.update(
            Link.objects.filter(skill_id__in=batch).values_list("skill_id", "jobtitle_id")
        )
    missing = sorted(wanted - present)
    _insert_links(Link, missing)
    summary.links_added = len(missing)
    return {skill_id for skill_id, _ in missing}


def _write_skill_relations(data, skill_ids, summary):
    """Adds ESCO's related-skill pairs that are missing (both directions); returns the ids of
    skills that gained one. Editors' own related skills are a separate list, never touched."""
    Link = Skill.esco_related.through
    wanted = set()
    for skill, related in data.skill_relations:
        if skill in skill_ids and related in skill_ids:
            a, b = skill_ids[skill], skill_ids[related]
            wanted |= {(a, b), (b, a)}
        else:
            summary.relations_skipped += 1
    present = set()
    for batch in _batches({a for a, _ in wanted}):
        present.update(
            Link.objects.filter(from_skill_id__in=batch).values_list("from_skill_id", "to_skill_id")
        )
    missing = sorted(wanted - present)
    Link.objects.bulk_create(
        [Link(from_skill_id=a, to_skill_id=b) for a, b in missing], batch_size=BATCH
    )
    summary.relations_added = len(missing) // 2
    return {a for a, _ in missing}


def _insert_links(Link, pairs):
    """ESCO has some 126,000 relations: on PostgreSQL, two arrays per 50,000 rows instead of
    building a model instance per link."""
    if connection.vendor != "postgresql":
        for batch in _batches(pairs):
            Link.objects.bulk_create([Link(skill_id=s, jobtitle_id=t) for s, t in batch])
        return
    quote = connection.ops.quote_name
    table = quote(Link._meta.db_table)
    skill, title = (quote(Link._meta.get_field(f).column) for f in ("skill", "jobtitle"))
    # Table and column names come from the model; the values travel as parameters.
    sql = f"INSERT INTO {table} ({skill}, {title}) SELECT * FROM unnest(%s::int[], %s::int[])"  # noqa: S608
    with connection.cursor() as cursor:
        for batch in _batches(pairs, 50_000):
            cursor.execute(sql, [[s for s, _ in batch], [t for _, t in batch]])
