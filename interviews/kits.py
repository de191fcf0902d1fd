"""Interview kits: a few skills' questions as one interview plan, kept entirely in its URL.

A kit is computed, never stored. Its query string says everything about it:

    skills=sql,data-visualisation   the skills, in interview order (at most ``MAX_SKILLS``)
    role=Data analyst               the role being interviewed for (optional)
    job_title=data-analyst          the job title the kit was started from (optional)
    q.sql=12&q.sql=15               the questions chosen for a skill: written question ids, or
                                    generic keys "g1"/"g2"; an empty ``q.sql=`` alone means
                                    "none"; no ``q.sql`` at all means the default pick

so a kit can be bookmarked, shared and cached, and the same query string works on the page
(``/kit/``), its downloads and the API (``/api/v1/kits/``). ``KitSpec`` is that query string
parsed; ``build_kit(spec, skills)`` turns it into a ``Kit`` in a fixed number of queries,
whatever the number of skills.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import QueryDict

from taxonomy.models import JobTitle, Skill
from taxonomy.sourcing import any_of

from .generic_questions import generic_questions
from .models import InterviewQuestion

MAX_SKILLS = 12
MAX_ROLE_LENGTH = 200
MAX_SLUG_LENGTH = 200
# Skills a kit started from a job title begins with; the recruiter adds the others.
JOB_TITLE_SKILLS = 6
# Written questions below which a skill is also offered generic ones.
MIN_QUESTIONS = 2
# Minutes a question takes to ask, answer and note, by kind; and the welcome, the introduction
# of the role and the candidate's own questions, once per interview.
MINUTES = {"behavioural": 6, "situational": 5, "technical": 5, "knowledge": 3}
OPENING_AND_CLOSE_MINUTES = 10
# Sourcing: the first few skills of the kit (the recruiter orders them), a few names each.
SOURCING_SKILLS = 3
SOURCING_TERMS_PER_SKILL = 6
SOURCING_JOB_TITLES = 6

RATING_ANCHORS = [
    (1, "No evidence"),
    (2, "Some evidence"),
    (3, "Good evidence"),
    (4, "Strong evidence"),
]


def _printable(text):
    """What was typed, without control characters (a NUL cannot even reach PostgreSQL)."""
    return "".join(c for c in text if c.isprintable())


def default_question_count(skill_count):
    """Three questions a skill for a short kit, two once it covers more than four skills."""
    return 3 if skill_count <= 4 else 2


@dataclass(frozen=True)
class KitSpec:
    """A kit's query string, parsed and bounded; ``to_query()`` writes it back."""

    slugs: tuple = ()
    role: str = ""
    job_title: str = ""
    choices: dict = field(default_factory=dict)  # slug -> tuple of keys (may be empty)
    overflow: tuple = ()  # slugs past MAX_SKILLS, left out

    @classmethod
    def from_query(cls, query):
        """Read a QueryDict (or a query string); never raises, whatever was typed."""
        if isinstance(query, str):
            query = QueryDict(query)
        slugs = []
        for value in query.getlist("skills"):
            for slug in value.split(","):
                slug = _printable(slug).strip()[:MAX_SLUG_LENGTH]
                if slug and slug not in slugs:
                    slugs.append(slug)
        choices = {}
        for key in query:
            if key.startswith("q.") and key[2:] in slugs[:MAX_SKILLS]:
                keys = [_printable(v).strip() for v in query.getlist(key)]
                keys = [k for k in keys if k]
                choices[key[2:]] = tuple(dict.fromkeys(keys))
        return cls(
            slugs=tuple(slugs[:MAX_SKILLS]),
            role=" ".join(_printable(query.get("role", "")).split())[:MAX_ROLE_LENGTH],
            job_title=_printable(query.get("job_title", "")).strip()[:MAX_SLUG_LENGTH],
            choices=choices,
            overflow=tuple(slugs[MAX_SKILLS:]),
        )

    def to_query(self):
        """The query string of this kit (without the overflow, which is not part of it)."""
        params = []
        if self.slugs:
            params.append(("skills", ",".join(self.slugs)))
        if self.role:
            params.append(("role", self.role))
        if self.job_title:
            params.append(("job_title", self.job_title))
        for slug in self.slugs:
            if slug in self.choices:
                params.extend(("q." + slug, key) for key in self.choices[slug] or ("",))
        return urlencode(params, safe=",")

    @property
    def is_full(self):
        return len(self.slugs) >= MAX_SKILLS

    def adding(self, slug):
        """This kit with ``slug`` at the end; unchanged when it is there or the kit is full."""
        if slug in self.slugs or self.is_full:
            return self
        return replace(self, slugs=(*self.slugs, slug), overflow=())

    def removing(self, slug):
        choices = {s: keys for s, keys in self.choices.items() if s != slug}
        slugs = tuple(s for s in self.slugs if s != slug)
        return replace(self, slugs=slugs, choices=choices, overflow=())

    def moving(self, slug, step):
        """This kit with ``slug`` moved ``step`` places (-1 up, 1 down), within the ends."""
        if slug not in self.slugs:
            return self
        slugs = list(self.slugs)
        index = slugs.index(slug)
        target = min(max(index + step, 0), len(slugs) - 1)
        slugs.insert(target, slugs.pop(index))
        return replace(self, slugs=tuple(slugs), overflow=())

    def with_slugs_moved(self, moved):
        """This kit with each old slug in ``moved`` replaced by its new one (a skill renamed
        or merged: ``taxonomy.redirects``), its chosen questions kept, each skill once."""
        slugs, choices = [], {}
        for slug in self.slugs:
            new = moved.get(slug, slug)
            if new not in slugs:
                slugs.append(new)
                if slug in self.choices:
                    choices[new] = self.choices[slug]
        return replace(self, slugs=tuple(slugs), choices=choices)

    def keeping_only(self, slugs):
        """This kit without the slugs that named no visible skill."""
        kept = tuple(s for s in self.slugs if s in slugs)
        return replace(
            self, slugs=kept, choices={s: self.choices[s] for s in kept if s in self.choices}
        )


@dataclass
class KitQuestion:
    """One question a skill offers: written (``id`` set) or generic; ``chosen`` for this kit."""

    key: str
    question: str
    guidance: str
    kind: str
    is_generic: bool
    chosen: bool = False
    id: int | None = None
    number: int = 0  # its place among the kit's chosen questions, from 1

    @property
    def kind_label(self):
        return InterviewQuestion.Kind(self.kind).label

    @property
    def minutes(self):
        return MINUTES.get(self.kind, 5)


@dataclass
class KitSkill:
    skill: Skill
    options: list  # every KitQuestion the skill offers, written first
    position: int = 0

    @property
    def chosen(self):
        return [q for q in self.options if q.chosen]

    @property
    def minutes(self):
        return sum(q.minutes for q in self.chosen)

    @property
    def has_generic(self):
        return any(q.is_generic for q in self.options)


@dataclass
class Kit:
    spec: KitSpec
    skills: list  # KitSkill, in kit order
    missing: list = field(default_factory=list)  # slugs naming no skill this visitor may see
    stale_choices: int = 0  # chosen question keys that no longer exist
    job_title: JobTitle | None = None

    @property
    def questions(self):
        return [q for kit_skill in self.skills for q in kit_skill.chosen]

    @property
    def question_minutes(self):
        return sum(kit_skill.minutes for kit_skill in self.skills)

    @property
    def total_minutes(self):
        return self.question_minutes + (OPENING_AND_CLOSE_MINUTES if self.questions else 0)

    @property
    def has_esco(self):
        return any(kit_skill.skill.is_from_esco for kit_skill in self.skills)

    @property
    def query(self):
        return self.spec.to_query()

    @property
    def title(self):
        return f"Interview kit: {self.spec.role}" if self.spec.role else "Interview kit"

    def sourcing_string(self):
        """("Job title" OR ...) AND ("Skill" OR "alias" ...) AND ...: candidates in the role
        who name the kit's first skills. Titles: the role, the job title the kit started from
        and the titles its skills share; skills: the first ``SOURCING_SKILLS``, a few names each.
        Uses the aliases and job titles ``build_kit`` prefetched."""
        titles = [self.spec.role] if self.spec.role else []
        if self.job_title:
            titles += [self.job_title.name, *self.job_title.alternative_label_list()]
        counts = {}
        for kit_skill in self.skills:
            for title in kit_skill.skill.job_titles.all():
                counts[title.name] = counts.get(title.name, 0) + 1
        shared = sorted(counts, key=lambda name: (-counts[name], name))
        if len(self.skills) > 1:
            shared = [name for name in shared if counts[name] > 1]
        titles += shared
        groups = [any_of(titles[:SOURCING_JOB_TITLES])] if titles else []
        for kit_skill in self.skills[:SOURCING_SKILLS]:
            skill = kit_skill.skill
            names = [skill.name, *(alias.term for alias in skill.aliases.all())]
            groups.append(any_of(names[:SOURCING_TERMS_PER_SKILL]))
        return " AND ".join(groups)


def _options(skill, chosen_keys, question_count):
    """Every question ``skill`` offers, with the chosen ones marked; and how many chosen keys
    named nothing. ``chosen_keys`` None means the default pick of ``question_count``."""
    written = [
        KitQuestion(
            key=str(q.pk),
            question=q.question,
            guidance=q.guidance,
            kind=q.kind,
            is_generic=False,
            id=q.pk,
        )
        for q in skill.interview_questions.all()
    ]
    generic = []
    if len(written) < MIN_QUESTIONS:
        generic = [
            KitQuestion(
                key=g.key, question=g.question, guidance=g.guidance, kind=g.kind, is_generic=True
            )
            for g in generic_questions(skill)
        ]
    options = written + generic
    if chosen_keys is None:
        for question in _default_pick(written, question_count) or generic[:MIN_QUESTIONS]:
            question.chosen = True
        if written and len(written) < MIN_QUESTIONS:
            for question in generic[: MIN_QUESTIONS - len(written)]:
                question.chosen = True
        return options, 0
    by_key = {q.key: q for q in options}
    for key in chosen_keys:
        if key in by_key:
            by_key[key].chosen = True
    return options, sum(key not in by_key for key in chosen_keys)


def _default_pick(written, count):
    """Up to ``count`` written questions, one of each kind first, in the editors' order."""
    picked, kinds = [], set()
    for question in written:
        if len(picked) < count and question.kind not in kinds:
            picked.append(question)
            kinds.add(question.kind)
    for question in written:
        if len(picked) < count and question not in picked:
            picked.append(question)
    return picked


def kit_skills_queryset(skills):
    """What a kit reads of its skills: their questions, aliases and job titles (4 queries)."""
    return skills.prefetch_related(
        Prefetch(
            "interview_questions", queryset=InterviewQuestion.objects.order_by("position", "pk")
        ),
        "aliases",
        Prefetch("job_titles", queryset=JobTitle.objects.order_by("name")),
    )


def build_kit(spec, skills):
    """The kit ``spec`` describes, over ``skills`` (the visible ones:
    ``Skill.objects.visible_to(user)``). Four queries, plus one for a ``job_title``."""
    found = {skill.slug: skill for skill in kit_skills_queryset(skills.filter(slug__in=spec.slugs))}
    missing = [slug for slug in spec.slugs if slug not in found]
    spec = spec.keeping_only(found) if missing else spec
    job_title = None
    if spec.job_title:
        job_title = JobTitle.objects.filter(slug=spec.job_title).first()
    count = default_question_count(len(spec.slugs))
    kit_skills, stale = [], 0
    for position, slug in enumerate(spec.slugs):
        options, unknown = _options(found[slug], spec.choices.get(slug), count)
        stale += unknown
        kit_skills.append(KitSkill(skill=found[slug], options=options, position=position))
    for number, question in enumerate((q for s in kit_skills for q in s.chosen), 1):
        question.number = number
    return Kit(
        spec=spec, skills=kit_skills, missing=missing, stale_choices=stale, job_title=job_title
    )


def job_title_spec(job_title, skills):
    """A kit for ``job_title``: its ``JOB_TITLE_SKILLS`` visible skills and technologies with
    the most written questions, then the technologies in demand for it, named after it. One
    query."""
    slugs = (
        skills.for_job_title(job_title)
        .most_asked_for(job_title)
        .values_list("slug", flat=True)[:JOB_TITLE_SKILLS]
    )
    return KitSpec(slugs=tuple(slugs), role=job_title.name, job_title=job_title.slug)


def job_title_other_skills(kit, skills):
    """The job title's visible skills not in the kit yet, for "add" buttons (one query)."""
    if kit.job_title is None:
        return []
    return list(
        skills.for_job_title(kit.job_title)
        .exclude(slug__in=kit.spec.slugs)
        .most_asked_for(kit.job_title)
        .only("slug", "name")[:50]
    )
