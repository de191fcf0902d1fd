"""Import the O*NET database (its tab-delimited text files) into the taxonomy, all or nothing.

Every file is read and checked first (``onet_files``); then one transaction writes, in bulk, a
fixed number of statements per batch whatever the number of rows. Matching keeps a re-run from
changing anything: occupations by O*NET-SOC code (``JobTitle.onet_code``), technologies by their
O*NET name (``OnetTechnology``). Editors' work is never overwritten (README "Importing O*NET"):

- **Occupation Data.txt** -> a job title per occupation: name, description, ``onet_code``. An
  occupation whose title, or its title in the singular ("Marketing Managers": "Marketing
  Manager"), is the name of a job title we have (curated or ESCO's, compared with
  ``taxonomy.names.name_key``) becomes that job title: it keeps its name and gains the rest.
- **Alternate Titles.txt**, **Sample of Reported Titles.txt** -> other names
  (``alternative_labels``), searchable and offered by autocomplete. Names are only ever added:
  an editor's list keeps every line it has.
- **Task Statements.txt** -> ``tasks`` (core tasks), **Job Zones.txt** -> ``job_zone``: like
  the description, written while they still hold what O*NET last wrote (``onet_fields`` keeps
  a digest) or are empty; an editor's version stays.
- **Related Occupations.txt** -> ``RelatedJobTitle`` rows, in O*NET's order.
- **Technology Skills.txt** -> each technology links to a skill (``onet_matching``: an existing
  skill when it is the same product, else a new skill of kind "technology" in a category per
  UNSPSC commodity group), and ``TechnologyUse`` rows say which occupations use it and where
  it is a Hot Technology or In Demand. Existing skills are never edited: only linked.

Files absent from the folder change nothing; rows naming an occupation neither in
Occupation Data.txt nor imported before are skipped and counted.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..changes import content_changed
from ..completeness import blank_coverage
from ..history import record_batch
from ..import_errors import ImportFailed
from ..models import (
    Category,
    JobTitle,
    OnetTechnology,
    RelatedJobTitle,
    Skill,
    SkillAlias,
    TechnologyUse,
    digest,
)
from ..names import name_key
from ..onet_models import ONET_TECHNOLOGY_PREFIX
from ..review import check_import_statuses
from .counts import Counts
from .esco import SlugPool, _batches, _merged_labels
from .onet_files import (
    ALTERNATE_TITLES,
    JOB_ZONES,
    OCCUPATIONS,
    RELATED,
    REPORTED_TITLES,
    TASKS,
    TECHNOLOGY,
    read_onet,
)
from .onet_matching import CURATED, ESCO, ONET, SkillIndex

BATCH = 1000
COMMODITY_PREFIX = "unspsc:"  # Category.external_id of a commodity group


@dataclass
class OnetSummary:
    files: list = field(default_factory=list)
    job_titles: Counts = field(default_factory=Counts)
    job_titles_matched: int = 0  # occupations that became a job title we had, by name
    skipped_codes: int = 0  # codes named by a file but neither in Occupation Data.txt nor known
    related: Counts = field(default_factory=Counts)  # job titles whose related list changed
    categories_created: int = 0
    skills_created: int = 0
    technologies_linked: int = 0  # technologies linked to a skill we already had
    uses: Counts = field(default_factory=Counts)
    uses_removed: int = 0
    reindexed: int = 0

    def lines(self):
        return [
            f"files: {', '.join(self.files)}",
            f"job titles: {self.job_titles} ({self.job_titles_matched} matched by name, "
            f"{self.skipped_codes} occupation codes skipped: not in {OCCUPATIONS} nor imported)",
            f"related job titles: {self.related.created + self.related.updated} lists written",
            f"technology categories: {self.categories_created} created",
            f"technology skills: {self.skills_created} created, "
            f"{self.technologies_linked} technologies linked to existing skills",
            f"technology uses: {self.uses}, {self.uses_removed} removed",
            f"search index refreshed for {self.reindexed} skills",
        ]


def import_onet(folder, *, status=Skill.Status.PUBLISHED, dry_run=False, progress=None, user=None):
    """Import the O*NET files in ``folder``; raises ImportFailed and writes nothing on bad input.

    ``status`` applies to the technology skills this run creates. ``dry_run`` does everything,
    reports, and rolls back. ``user`` is the account the import runs for, as for ESCO: creating
    published skills needs the publish permission; None is the server's operator. The run is
    one history revision holding every skill and job title it changed.
    """
    if status not in Skill.Status.values:
        raise ImportFailed(f"unknown status {status!r}", field="status")
    refused = check_import_statuses(user, [("--status", None, status)])
    if refused:
        raise ImportFailed(refused[1], field="status")
    data = read_onet(folder, progress=progress)
    summary = OnetSummary(files=data.files)
    say = progress or (lambda message: None)
    with transaction.atomic():
        title_ids, changed_titles = _write_job_titles(data, summary)
        say(f"job titles: {summary.job_titles}")
        if data.given(RELATED):
            changed_titles |= _write_related(data, title_ids, summary)
            say(f"related job titles: {summary.related.updated + summary.related.created} lists")
        changed_skills = set()
        if data.given(TECHNOLOGY):
            changed_skills = _write_technologies(data, title_ids, status, summary)
            say(f"technology uses: {summary.uses}")
        record_batch(
            f"import_onet {folder}", user=user, skills=changed_skills, job_titles=changed_titles
        )
        change = content_changed(skills=changed_skills, job_titles=changed_titles)
        summary.reindexed = len(change.all_skill_ids)
        if dry_run:
            transaction.set_rollback(True)
    return summary


# ---------------------------------------------------------------- job titles


def _owned_updates(row, wanted):
    """The fields O*NET may write: those still holding what it last wrote, or empty ones."""
    owned, updates, digests = row["onet_fields"], {}, dict(row["onet_fields"])
    for name, value in wanted.items():
        current = row[name]
        if current in ("", None) or owned.get(name) == digest(current):
            digests[name] = digest(value)
            if current != value:
                updates[name] = value
    return updates, digests


def _wanted(data, code):
    """What the files given say about occupation ``code``, by JobTitle field."""
    wanted = {}
    occupation = data.occupations.get(code)
    if occupation:
        wanted["description"] = occupation.description
    if data.given(TASKS):
        wanted["tasks"] = "\n".join(data.tasks.get(code, []))
    if data.given(JOB_ZONES) and code in data.job_zones:
        wanted["job_zone"] = data.job_zones[code]
    return wanted


def singular(title):
    """O*NET names occupations in the plural ("Marketing Managers", "Secretaries"); job titles
    name one person ("marketing manager"). The last word made singular, by the plain rules."""
    words = title.split()
    last = words[-1] if words else ""
    lower = last.lower()
    if lower.endswith("ies") and len(lower) > 4:
        last = last[:-3] + "y"
    elif lower.endswith(("sses", "ches", "shes", "xes")):
        last = last[:-2]
    elif lower.endswith("s") and not lower.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _write_job_titles(data, summary):
    """Returns ({code: job title id} for every known occupation, ids of changed job titles)."""
    written = ["onet_code", "alternative_labels", "description", "tasks", "job_zone", "onet_fields"]
    fields = ("pk", "name", *written)
    existing = {t["onet_code"]: t for t in JobTitle.objects.exclude(onet_code="").values(*fields)}
    unclaimed = {}
    if data.occupations:
        for row in JobTitle.objects.filter(onet_code="").order_by("pk").values(*fields):
            unclaimed.setdefault(name_key(row["name"]), row)
    slugs = SlugPool(JobTitle.objects.values_list("slug", flat=True), "job-title")
    names_given = data.given(ALTERNATE_TITLES) or data.given(REPORTED_TITLES)
    now = timezone.now()
    new, changed = [], []
    for code in sorted(data.codes()):
        wanted = _wanted(data, code)
        other_names = data.other_names.get(code, [])
        row = existing.get(code)
        if row is None and code in data.occupations:
            title = data.occupations[code].title
            row = unclaimed.pop(name_key(title), None) or unclaimed.pop(
                name_key(singular(title)), None
            )
            if row is None:
                labels = _merged_labels("", other_names, title)
                new.append(
                    JobTitle(
                        name=title,
                        slug=slugs.claim(title),
                        onet_code=code,
                        alternative_labels=labels,
                        onet_fields={name: digest(value) for name, value in wanted.items()},
                        **wanted,
                    )
                )
                continue
            summary.job_titles_matched += 1
            row = {**row, "onet_code": code}
        if row is None:
            summary.skipped_codes += 1
            continue
        updates, digests = _owned_updates(row, wanted)
        if names_given:
            merged = _merged_labels(row["alternative_labels"], other_names, row["name"])
            if merged != row["alternative_labels"]:
                updates["alternative_labels"] = merged
        claimed = code not in existing
        if updates or claimed or digests != row["onet_fields"]:
            changed.append(JobTitle(updated=now, **{**row, **updates, "onet_fields": digests}))
        else:
            summary.job_titles.unchanged += 1
    JobTitle.objects.bulk_create(new, batch_size=BATCH)
    JobTitle.objects.bulk_update(changed, [*written, "updated"], batch_size=BATCH)
    summary.job_titles.created, summary.job_titles.updated = len(new), len(changed)
    ids = {code: row["pk"] for code, row in existing.items()}
    ids.update({t.onet_code: t.pk for t in changed})
    for batch in _batches(new):
        ids.update(
            JobTitle.objects.filter(onet_code__in=[t.onet_code for t in batch]).values_list(
                "onet_code", "pk"
            )
        )
    return ids, {t.pk for t in changed} | {ids[t.onet_code] for t in new}


def _write_related(data, title_ids, summary):
    """Replaces the related list of each job title the file covers where it differs."""
    wanted = {}
    for code, related in data.related.items():
        if code in title_ids:
            others = [title_ids[other] for other in related if other in title_ids]
            wanted[title_ids[code]] = others
    present = {}
    for batch in _batches(wanted):
        rows = RelatedJobTitle.objects.filter(job_title_id__in=batch).order_by("position", "pk")
        for job_title_id, related_id in rows.values_list("job_title_id", "related_id"):
            present.setdefault(job_title_id, []).append(related_id)
    stale = [pk for pk, others in wanted.items() if present.get(pk, []) != others]
    for batch in _batches(stale):
        RelatedJobTitle.objects.filter(job_title_id__in=batch).delete()
    RelatedJobTitle.objects.bulk_create(
        [
            RelatedJobTitle(job_title_id=pk, related_id=other, position=position)
            for pk in stale
            for position, other in enumerate(wanted[pk], 1)
        ],
        batch_size=BATCH,
    )
    summary.related.created = sum(1 for pk in stale if pk not in present)
    summary.related.updated = len(stale) - summary.related.created
    summary.related.unchanged = len(wanted) - len(stale)
    return set(stale)


# ---------------------------------------------------------------- technologies


def _skill_index():
    """Every skill's name and aliases, by who made the skill (``onet_matching``)."""
    index = SkillIndex()
    makers = {}
    for pk, name, external_id in Skill.objects.values_list("pk", "name", "external_id"):
        maker = CURATED
        if external_id.startswith(ONET_TECHNOLOGY_PREFIX):
            maker = ONET
        elif external_id:
            maker = ESCO
        makers[pk] = maker
        index.add(pk, name, is_name=True, maker=maker)
    for skill_id, term in SkillAlias.objects.values_list("skill_id", "term").iterator(5000):
        index.add(skill_id, term, is_name=False, maker=makers[skill_id])
    return index


def _write_categories(data, summary):
    """A category per UNSPSC commodity group (matched by code); returns {code: category id}."""
    groups = {t.commodity_code: t.commodity_title for t in data.technologies.values()}
    keys = {COMMODITY_PREFIX + code: code for code in groups}
    ids = {
        keys[external_id]: pk
        for external_id, pk in Category.objects.filter(external_id__in=list(keys)).values_list(
            "external_id", "pk"
        )
    }
    slugs = SlugPool(Category.objects.values_list("slug", flat=True), "category")
    new = [
        Category(
            name=title,
            slug=slugs.claim(title),
            external_id=COMMODITY_PREFIX + code,
            description=f"Technology in the UNSPSC commodity group {code}, as O*NET lists it.",
        )
        for code, title in sorted(groups.items())
        if code not in ids
    ]
    Category.objects.bulk_create(new, batch_size=BATCH)
    summary.categories_created = len(new)
    if new:
        ids.update(
            (keys[external_id], pk)
            for external_id, pk in Category.objects.filter(
                external_id__in=[c.external_id for c in new]
            ).values_list("external_id", "pk")
        )
    return ids


def technology_summary(commodity_title):
    return f"A technology in O*NET's “{commodity_title}” group."


def _write_technologies(data, title_ids, status, summary):
    """Links each technology to its skill and writes the uses; returns ids of skills created or
    whose uses changed."""
    known = dict(OnetTechnology.objects.values_list("name", "skill_id"))
    category_ids = _write_categories(data, summary)
    index = _skill_index()
    slugs = SlugPool(Skill.objects.values_list("slug", flat=True), "skill")
    skill_of, new_skills = {}, {}  # technology name -> skill id / -> the unsaved new skill
    for name in sorted(data.technologies, key=lambda n: (name_key(n), n)):
        if name in known:
            skill_of[name] = known[name]
            continue
        found = index.match(name)
        if found is not None:
            skill_of[name] = found
            if found not in new_skills:
                summary.technologies_linked += 1
            continue
        technology = data.technologies[name]
        skill = Skill(
            name=name,
            slug=slugs.claim(name),
            kind=Skill.Kind.TECHNOLOGY,
            status=status,
            summary=technology_summary(technology.commodity_title),
            category_id=category_ids[technology.commodity_code],
            external_id=ONET_TECHNOLOGY_PREFIX + name,
        )
        blank_coverage(skill)
        key = -(len(new_skills) + 1)  # a stand-in id until the row exists
        new_skills[key] = skill
        skill_of[name] = key
        index.add(key, name, is_name=True, maker=ONET)
    Skill.objects.bulk_create(list(new_skills.values()), batch_size=BATCH)
    summary.skills_created = len(new_skills)
    real_ids = {}
    for batch in _batches(list(new_skills.items())):
        by_external = dict(
            Skill.objects.filter(external_id__in=[s.external_id for _, s in batch]).values_list(
                "external_id", "pk"
            )
        )
        real_ids.update({key: by_external[s.external_id] for key, s in batch})
    skill_of = {name: real_ids.get(pk, pk) for name, pk in skill_of.items()}
    _write_technology_names(data, skill_of)
    changed = _write_uses(data, skill_of, title_ids, summary)
    return changed | set(real_ids.values())


def _write_technology_names(data, skill_of):
    """Remembers which skill each technology is, and its commodity group."""
    present = {t.name: t for t in OnetTechnology.objects.all()}
    new, changed = [], []
    for name, technology in data.technologies.items():
        row = present.get(name)
        if row is None:
            new.append(
                OnetTechnology(
                    name=name,
                    skill_id=skill_of[name],
                    commodity_code=technology.commodity_code,
                    commodity_title=technology.commodity_title,
                )
            )
        elif (row.commodity_code, row.commodity_title) != (
            technology.commodity_code,
            technology.commodity_title,
        ):
            row.commodity_code = technology.commodity_code
            row.commodity_title = technology.commodity_title
            changed.append(row)
    OnetTechnology.objects.bulk_create(new, batch_size=BATCH)
    OnetTechnology.objects.bulk_update(
        changed, ["commodity_code", "commodity_title"], batch_size=BATCH
    )


def _write_uses(data, skill_of, title_ids, summary):
    """Adds, updates and removes uses so each covered job title has exactly O*NET's; returns
    the ids of skills whose uses changed."""
    wanted = {}
    for (name, code), (hot, demand) in data.uses.items():
        if code not in title_ids:
            continue
        key = (skill_of[name], title_ids[code])
        before = wanted.get(key, (False, False))
        wanted[key] = (before[0] or hot, before[1] or demand)
    covered = sorted({title_id for _, title_id in wanted})
    present = {}
    for batch in _batches(covered):
        rows = TechnologyUse.objects.filter(job_title_id__in=batch).values_list(
            "pk", "skill_id", "job_title_id", "hot_technology", "in_demand"
        )
        for pk, skill_id, title_id, hot, demand in rows:
            present[(skill_id, title_id)] = (pk, hot, demand)
    new, changed, changed_skills = [], [], set()
    for (skill_id, title_id), (hot, demand) in wanted.items():
        row = present.pop((skill_id, title_id), None)
        if row is None:
            new.append(
                TechnologyUse(
                    skill_id=skill_id, job_title_id=title_id, hot_technology=hot, in_demand=demand
                )
            )
            changed_skills.add(skill_id)
        elif row[1:] != (hot, demand):
            changed.append(TechnologyUse(pk=row[0], hot_technology=hot, in_demand=demand))
            changed_skills.add(skill_id)
        else:
            summary.uses.unchanged += 1
    TechnologyUse.objects.bulk_create(new, batch_size=BATCH)
    TechnologyUse.objects.bulk_update(changed, ["hot_technology", "in_demand"], batch_size=BATCH)
    stale = [pk for pk, *_ in present.values()]
    for batch in _batches(stale):
        TechnologyUse.objects.filter(pk__in=batch).delete()
    changed_skills |= {skill_id for skill_id, _ in present}
    summary.uses.created, summary.uses.updated = len(new), len(changed)
    summary.uses_removed = len(stale)
    return changed_skills
