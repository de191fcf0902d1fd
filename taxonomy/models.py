"""The taxonomy a recruiter reads: categories, skills, their aliases, CV lines and job titles."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, RowNumber
from django.utils import timezone

from .alias_keys import alias_key
from .extensions import extension_prefetches
from .names import name_key

# O*NET's technology links and related occupations live in their own module.
from .onet_models import OnetTechnology, RelatedJobTitle, TechnologyUse  # noqa: F401
from .slug_urls import slug_url

ESCO_URI_PREFIX = "http://data.europa.eu/esco/"
SKILL_PERMISSIONS = ("view", "add", "change", "delete", "publish")

# Category paths are read with select_related, so their depth is bounded to keep
# every page at a fixed number of queries.
CATEGORY_MAX_DEPTH = 4
CATEGORY_PARENT_CHAIN = "__".join(["parent"] * (CATEGORY_MAX_DEPTH - 1))


def in_category_tree(category, field="category", by=""):
    """A Q matching rows whose ``field`` is ``category`` or one of its descendants.

    ``by`` names the category field ``category`` is (e.g. "slug"); empty means the category
    itself. The depth is bounded, so this is a fixed set of joins rather than a recursive query.
    """
    suffix = f"__{by}" if by else ""
    condition = Q()
    for depth in range(CATEGORY_MAX_DEPTH):
        condition |= Q(**{field + "__parent" * depth + suffix: category})
    return condition


def category_subtree(category):
    """The pks of ``category`` (a pk, instance or OuterRef) and its descendants, as a subquery.

    Filtering skills with ``category__in=category_subtree(c)`` reads the small category table
    once; ``in_category_tree`` ORs over joins up the skill's parents, which PostgreSQL can only
    test row by row (the home page's counts took 60-100 ms at ESCO size, 10 ms this way).
    One indexed lookup per level, unioned: ORed levels made PostgreSQL join and filter the
    whole table once per area (the home page's 14 areas: 8.4 -> 1.5 ms)."""
    category = getattr(category, "pk", category)
    levels = [
        Category.objects.filter(**{"__".join(["parent"] * depth): category}).values("pk")
        for depth in range(1, CATEGORY_MAX_DEPTH)
    ]
    return Category.objects.filter(pk=category).values("pk").union(*levels, all=True)


def subquery_aggregate(queryset, function, field="pk"):
    """One aggregate over a correlated subquery, so several can sit on a row without joins."""
    return Subquery(
        queryset.order_by().annotate(value=Func(F(field), function=function)).values("value")[:1]
    )


ESCO_CREDIT = (
    "Contains ESCO classification data, © European Union, https://esco.ec.europa.eu "
    "(relations derived from ESCO v1.2.0 by filtering and label matching)."
)


def digest(value):
    """A short fingerprint of a field's value, to tell later whether it is still what an
    import wrote (then the import may update it) or an editor's (then it is left alone)."""
    return hashlib.blake2b(str(value).encode(), digest_size=8).hexdigest()


class ImportedFields(models.Model):
    """Which fields still hold what ESCO wrote (``esco_fields``: field -> digest of the value)."""

    esco_fields = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def field_value(self, name):
        return getattr(self, name)

    def field_sources(self):
        """``{field: "esco"}`` for each field whose value is still the one ESCO wrote; every
        other field is the editors' (curated content always wins over a re-import)."""
        return {
            name: Source.ESCO
            for name, stored in sorted(self.esco_fields.items())
            if digest(self.field_value(name)) == stored
        }

    @property
    def is_from_esco(self):
        return self.external_id.startswith(ESCO_URI_PREFIX)


class NameKey(models.Model):
    """``name_key``: the name as the duplicate guard compares it (``taxonomy.duplicates``). Set
    on save, and by the write rule for rows written in bulk (imports)."""

    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)


class DisplayName:
    """ESCO writes names in lower case ("negotiate contracts"); headings and titles start with
    a capital letter whatever the stored name says. The stored name stays as written."""

    @property
    def display_name(self):
        return self.name[:1].upper() + self.name[1:]


def sees_unpublished(user):
    """Who sees drafts, skills in review and archived ones: active staff, and anyone holding a
    skill permission (an API script's account). Everyone else sees published skills only."""
    return bool(
        user.is_active
        and (
            user.is_staff
            or any(user.has_perm(f"taxonomy.{action}_skill") for action in SKILL_PERMISSIONS)
        )
    )


class Source(models.TextChoices):
    EDITOR = "editor", "Editor"
    ESCO = "esco", "ESCO"


class CategoryQuerySet(models.QuerySet):
    def with_path(self):
        return self.select_related(CATEGORY_PARENT_CHAIN)

    def roots(self):
        return self.filter(parent__isnull=True)

    def curated_areas(self):
        """Our own top-level areas (fixtures/areas.json), not an import's raw groups."""
        return self.roots().filter(external_id="")

    def filter_choices(self, selected=None):
        """The options of a category filter, A-Z by path: our curated areas, plus ``selected``
        (any depth) so it shows as chosen. A handful whatever the size of an imported tree
        (ESCO has ~700 categories); every category's own page links its skills."""
        condition = Q(parent__isnull=True, external_id="")
        if selected is None:  # top-level areas: each path is its name, no parents to join
            return sorted(self.filter(condition), key=str)
        condition |= Q(pk=selected.pk)
        return sorted(self.with_path().filter(condition), key=str)

    def with_skill_counts(self, skills):
        """Annotate ``skill_count``: how many of ``skills`` (a visible set, see
        ``SkillQuerySet.visible_to``) sit here or in any subcategory."""
        in_tree = skills.filter(category__in=category_subtree(OuterRef(OuterRef("pk"))))
        return self.annotate(skill_count=subquery_aggregate(in_tree, "COUNT"))

    def with_guide_counts(self, skills):
        """Annotate ``guide_count``: how many of ``skills`` here or below have an interview
        guide (written questions), the count a recruiter planning an interview looks for."""
        # The subtree as a subquery of the small category table, as with_skill_counts does:
        # ORed joins up each skill's parents made PostgreSQL scan every skill once per area.
        guided = skills.with_interview_guide().filter(
            category__in=category_subtree(OuterRef(OuterRef("pk")))
        )
        return self.annotate(guide_count=subquery_aggregate(guided, "COUNT"))


class Category(DisplayName, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.TextField(blank=True)
    external_id = models.CharField(
        "external identifier", max_length=255, blank=True, help_text="For example an ESCO URI."
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]  # A-Z as people read it, whatever the case of the first letter
        verbose_name_plural = "categories"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="category_is_not_its_own_parent"
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="category_external_id_unique",
            ),
        ]

    def __str__(self):
        return " › ".join(c.display_name for c in self.path())

    def get_absolute_url(self):
        return slug_url("taxonomy:category-detail", self.slug)

    def path(self):
        """Root first; uses the parents already loaded by ``with_path()``."""
        chain, node = [], self
        while node is not None and len(chain) < CATEGORY_MAX_DEPTH + 1:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def clean(self):
        depth, node = 1, self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A category cannot sit inside itself."})
            depth += 1
            node = node.parent
        if depth + self.subtree_height() - 1 > CATEGORY_MAX_DEPTH:
            raise ValidationError(
                {
                    "parent": f"Categories nest at most {CATEGORY_MAX_DEPTH} levels deep, "
                    "counting the subcategories below this one."
                }
            )

    def subtree_height(self):
        """1 for a leaf; at most CATEGORY_MAX_DEPTH + 1 queries, one per level below."""
        height, level = 1, [self.pk] if self.pk else []
        while level and height <= CATEGORY_MAX_DEPTH:
            level = list(Category.objects.filter(parent_id__in=level).values_list("pk", flat=True))
            height += bool(level)
        return height


# O*NET's job zones: how much preparation an occupation needs (Job Zone Reference.txt).
JOB_ZONES = [
    (1, "Little or no preparation needed"),
    (2, "Some preparation needed"),
    (3, "Medium preparation needed"),
    (4, "Considerable preparation needed"),
    (5, "Extensive preparation needed"),
]


class JobTitleQuerySet(models.QuerySet):
    def for_page(self, skills):
        """Everything the API shows of job titles, among ``skills`` (a visible set): its
        skills A-Z, its technologies hot ones first, and its related job titles (the page
        reads ``for_title_page``)."""
        return self.prefetch_related(
            Prefetch("skills", queryset=skills.as_cards().order_by(Lower("name"))),
            Prefetch(
                "technology_uses",
                queryset=TechnologyUse.objects.filter(skill__in=skills)
                .select_related("skill")
                .hot_first(),
            ),
            Prefetch("related_links", queryset=RelatedJobTitle.objects.select_related("related")),
        )

    def for_title_page(self, skills):
        """What the job title page reads with the title: how many of ``skills`` (a visible
        set) it holds and works with, and its related job titles. It shows the first few
        skills and technologies (``JobTitle.first_skills``) and links the rest."""
        related = RelatedJobTitle.objects.select_related("related")
        return self.with_skill_counts(skills).prefetch_related(
            Prefetch("related_links", queryset=related)
        )

    def with_skill(self, skill):
        """Job titles holding ``skill`` (an id or instance), or working with it as a technology
        (O*NET): the ids of both links, then those titles."""
        links = Skill.job_titles.through.objects.filter(skill=skill).values("jobtitle_id")
        uses = TechnologyUse.objects.filter(skill=skill).values("job_title_id")
        return self.filter(pk__in=links.union(uses, all=True))

    def holding_any(self, skills):
        """Job titles held by at least one of ``skills`` (a visible set), or working with one
        of them as a technology (O*NET).

        One EXISTS over both links, not two ORed: PostgreSQL answered the OR by hashing every
        published skill's every title link (70,000 rows at ESCO size, 13 ms) before reading the
        first title, where one test per title, in name order, stops after a page (21 -> 1.5 ms
        for the job titles list)."""
        holders = skills.filter(job_titles=OuterRef("pk")).values("pk")
        users = skills.filter(technology_uses__job_title=OuterRef("pk")).values("pk")
        return self.filter(Exists(holders.union(users, all=True)))

    def with_skill_counts(self, skills):
        """Annotate ``skill_count``: how many of ``skills`` (a visible set) hold the title, and
        ``technology_count``: how many it works with as a technology (O*NET)."""
        return self.annotate(
            skill_count=subquery_aggregate(
                skills.filter(job_titles=OuterRef("pk")).values("pk"), "COUNT"
            ),
            technology_count=subquery_aggregate(
                skills.filter(technology_uses__job_title=OuterRef("pk")).values("pk"), "COUNT"
            ),
        )


class JobTitle(DisplayName, NameKey, ImportedFields):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    alternative_labels = models.TextField(
        blank=True, help_text="Other names for this job title, one per line. Searchable."
    )
    description = models.TextField(blank=True)
    external_id = models.CharField(
        "external identifier", max_length=255, blank=True, help_text="For example an ESCO URI."
    )
    onet_code = models.CharField(
        "O*NET-SOC code", max_length=10, blank=True, help_text="For example 15-1252.00."
    )
    tasks = models.TextField(blank=True, help_text="What the job does: core tasks, one per line.")
    job_zone = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=JOB_ZONES, help_text="O*NET: how much preparation it needs."
    )
    # Which of description and tasks still hold what O*NET wrote (field -> digest).
    onet_fields = models.JSONField(default=dict, blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    objects = JobTitleQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        indexes = [models.Index(Lower("name"), name="jobtitle_name_lower")]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="jobtitle_external_id_unique",
            ),
            models.UniqueConstraint(
                fields=["onet_code"], condition=~Q(onet_code=""), name="jobtitle_onet_code_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("taxonomy:jobtitle-detail", self.slug)

    def first_skills(self, skills, count):
        """The first ``count`` of ``skills`` (a visible set) this title holds, as cards: those
        with the most written interview questions first, then A-Z.

        A title holds up to 251 skills (ESCO's financial manager) and works with up to 425
        technologies (O*NET): its page shows the first few, the ones a recruiter can interview
        for, and links the rest. One LIMIT query each, where a sliced prefetch had Django build
        a window query (~5 ms of Python)."""
        held = skills.as_cards().filter(job_titles=self)
        return list(held.order_by("-question_count", Lower("name"))[:count])

    def first_technology_uses(self, skills, count):
        """The first ``count`` technologies (among ``skills``) it works with, hot first."""
        uses = TechnologyUse.objects.filter(job_title=self, skill__in=skills)
        return list(uses.select_related("skill").hot_first()[:count])

    def alternative_label_list(self):
        return [line.strip() for line in self.alternative_labels.splitlines() if line.strip()]

    def task_list(self):
        return [line.strip() for line in self.tasks.splitlines() if line.strip()]

    @property
    def is_from_onet(self):
        return bool(self.onet_code)


# What a skill card shows: name, summary, interview guide size, draft banner, category.
CARD_FIELDS = ("name", "slug", "summary", "question_count", "status", "category__name")


class SkillQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Skill.Status.PUBLISHED)

    def visible_to(self, user):
        """The one rule for drafts, used by pages, search, autocomplete, the API and sitemaps:
        see ``sees_unpublished``."""
        return self.all() if sees_unpublished(user) else self.published()

    def for_card(self):
        return self.select_related("category")

    def as_cards(self):
        """``for_card()`` reading only what a card shows (``_skill_card.html``): lists skip
        the definition and ESCO's JSON, which the database sorted and the driver parsed for
        every row (home: 6.3 -> 4.8 ms)."""
        return self.for_card().only(*CARD_FIELDS)

    def for_job_title(self, job_title):
        """The skills ``job_title`` (an id or instance) needs, and the technologies it works
        with (O*NET).

        The ids of both links, then those skills: two EXISTS ORed tested every skill (3.6 ms
        to count a job title's skills at ESCO size, growing with the skills)."""
        links = Skill.job_titles.through.objects.filter(jobtitle=job_title).values("skill_id")
        uses = TechnologyUse.objects.filter(job_title=job_title).values("skill_id")
        return self.filter(pk__in=links.union(uses, all=True))

    def most_asked_for(self, job_title):
        """Written interview guides first, then the technologies ``job_title``'s postings ask
        for (in demand, then hot), then A-Z: the order a kit for the job picks skills in."""
        uses = TechnologyUse.objects.filter(job_title=job_title, skill=OuterRef("pk"))
        return self.annotate(
            in_demand_here=Exists(uses.filter(in_demand=True)),
            hot_here=Exists(uses.filter(hot_technology=True)),
        ).order_by("-question_count", "-in_demand_here", "-hot_here", "name")

    def hot_technologies(self):
        """Skills O*NET lists as a Hot Technology in at least one occupation."""
        return self.filter(
            Exists(TechnologyUse.objects.filter(skill=OuterRef("pk"), hot_technology=True))
        )

    def with_demand_flags(self):
        """Annotate ``is_hot_technology`` and ``is_in_demand``: O*NET lists the skill as a Hot
        Technology, or as In Demand, in at least one occupation (no extra query)."""
        uses = TechnologyUse.objects.filter(skill=OuterRef("pk"))
        return self.annotate(
            is_hot_technology=Exists(uses.filter(hot_technology=True)),
            is_in_demand=Exists(uses.filter(in_demand=True)),
        )

    def with_interview_guide(self):
        """Skills with written interview questions (kept in ``question_count``)."""
        return self.filter(question_count__gt=0)

    def most_useful(self):
        """Complete skills (every answer written, ``taxonomy.completeness``) for the home
        page, never stubs. Skills other skills point to most (related skills) come first, as
        the ones a recruiter meets most often; one per category first, so a busy category
        does not fill the list."""
        links = Skill.related.through.objects.filter(to_skill=OuterRef("pk"))
        best_in_category = Window(
            RowNumber(),
            partition_by=[F("category_id")],
            order_by=[F("link_count").desc(), F("question_count").desc(), Lower("name")],
        )
        return (
            self.filter(is_complete=True)
            .annotate(link_count=subquery_aggregate(links, "COUNT"))
            .annotate(rank_in_category=best_in_category)
            .order_by("rank_in_category", "-link_count", "-question_count", Lower("name"))
        )

    def in_category(self, category):
        """Skills in ``category`` or any of its subcategories."""
        return self.filter(category__in=category_subtree(category))

    def starting_with(self, letter):
        """Skills whose name starts with ``letter``; "#" means any character that is not A-Z.

        Ranges on lower(name), which the skill_name_lower index serves (istartswith's
        UPPER(name) LIKE 'M%' read every skill). "#" is the two ranges either side of a-z, then
        the exact test; like the letters' ranges, they assume the byte order of the C
        collation (SQLite's, and this project's databases')."""
        lower_name = self.alias(lower_name=Lower("name"))
        if letter == "#":
            outside = Q(lower_name__lt="a") | Q(lower_name__gte="{")
            return lower_name.filter(outside).exclude(name__iregex=r"^[a-z]")
        low = letter.lower()
        return lower_name.filter(lower_name__gte=low, lower_name__lt=chr(ord(low) + 1))

    def letters_present(self, letters):
        """Which of ``letters`` (A-Z and "#") start the name of at least one of these skills.

        Each letter's range of the skill_name_lower index, probed until its first skill, in one
        query planned once (an EXISTS per letter cost 27 plans and the ORM ~0.6 ms to build
        each), where the DISTINCT of every initial read every skill: 4 ms at ESCO size on the
        home page and the A-Z index, growing with the skills. "#" probes the ranges either side
        of a-z, as ``starting_with`` reads them."""
        ranges = []
        for letter in letters:
            if letter == "#":
                ranges += [(letter, "", "a"), (letter, "{", chr(0x10FFFF))]
            else:
                ranges.append((letter, letter.lower(), chr(ord(letter.lower()) + 1)))
        # VALUES names its columns column1, column2... in PostgreSQL and SQLite alike.
        probe = (
            self.order_by()
            .alias(lower_name=Lower("name"))
            .filter(
                lower_name__gte=RawSQL("letter_range.column2", ()),
                lower_name__lt=RawSQL("letter_range.column3", ()),
            )
            .values("pk")
        )
        probe_sql, probe_params = probe.query.sql_with_params()
        rows = ", ".join(["(%s, %s, %s)"] * len(ranges))
        sql = f"SELECT DISTINCT column1 FROM (VALUES {rows}) AS letter_range WHERE EXISTS("  # noqa: S608 (placeholders)
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"{sql}{probe_sql})", [*(value for row in ranges for value in row), *probe_params]
            )
            return {letter for (letter,) in cursor.fetchall()}

    def for_page(self, viewer=None):
        """Everything the skill page and the API detail show, in a fixed number of queries.

        Related skills are those ``viewer`` may see (published ones when no viewer is given).
        """
        related = Skill.objects.visible_to(viewer) if viewer else Skill.objects.published()
        return self.select_related(f"category__{CATEGORY_PARENT_CHAIN}").prefetch_related(
            "aliases",
            "resume_examples",
            # Shown as links: name and slug only (whole ESCO rows carry definitions and JSON).
            Prefetch("job_titles", queryset=JobTitle.objects.only("name", "slug")),
            Prefetch("related", queryset=related.only("name", "slug").order_by(Lower("name"))),
            Prefetch("esco_related", queryset=related.only("name", "slug").order_by(Lower("name"))),
            *extension_prefetches(),
        )

    def for_export(self):
        """Every skill field and child, including unpublished related skills."""
        return self.select_related("category").prefetch_related(
            "aliases",
            "resume_examples",
            Prefetch("job_titles", queryset=JobTitle.objects.only("slug")),
            Prefetch("related", queryset=Skill.objects.only("slug")),
            Prefetch("esco_related", queryset=Skill.objects.only("slug")),
            *extension_prefetches(),
        )


class Skill(DisplayName, NameKey, ImportedFields):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"  # submitted; a holder of publish_skill decides
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class Kind(models.TextChoices):
        """What sort of thing the skill is: it decides how generic questions are asked."""

        SKILL = "skill", "Skill or competence"  # something one does: "negotiate prices"
        KNOWLEDGE = "knowledge", "Knowledge"  # something one knows: "employment law"
        TECHNOLOGY = "technology", "Technology"  # a tool or product: "Microsoft Excel"

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Part of the page URL and the API key; keep it."
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text="One line, shown on cards and in search results."
    )
    definition = models.TextField(
        blank=True, help_text="Plain text. Separate paragraphs with a blank line."
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="skills"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SKILL)
    review_note = models.TextField(
        blank=True,
        help_text="What the reviewer asked to change when sending the skill back to draft.",
    )
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    esco_related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=True,
        help_text="Related skills according to ESCO's skill relations (imported, not edited).",
    )
    job_titles = models.ManyToManyField(JobTitle, blank=True, related_name="skills")
    external_id = models.CharField(
        "external identifier", max_length=255, blank=True, help_text="For example an ESCO URI."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    # Kept by the write rule (taxonomy.completeness), never edited: what the page answers.
    coverage = models.JSONField(default=dict, editable=False)
    answer_count = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="How many of the five questions the page answers."
    )
    question_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Written interview questions."
    )
    is_complete = models.BooleanField(default=False, editable=False, db_index=True)

    objects = SkillQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        indexes = [
            models.Index(Lower("name"), name="skill_name_lower"),
            # Counts per category (home, areas, subcategories) read the index alone, where the
            # one-column category index read every skill's row for its status (/categories/
            # at ESCO size: 10 -> 6 ms). PostgreSQL includes question_count (guide counts);
            # SQLite, which has no INCLUDE, indexes the two fields.
            models.Index(
                fields=["category", "status"],
                include=["question_count"],
                name="skill_category_status",
            ),
        ]
        # Review before publishing (taxonomy.review): only holders publish, archive or unpublish.
        permissions = [("publish_skill", "Can publish, archive and send back skills in review")]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="skill_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("taxonomy:skill-detail", self.slug)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def field_value(self, name):
        return self.category_id if name == "category" else getattr(self, name)

    @property
    def shows_esco_content(self):
        """True when anything on the page came from ESCO (expects ``for_page()``'s loads)."""
        return bool(
            self.field_sources()
            or any(alias.source == Source.ESCO for alias in self.aliases.all())
            or self.esco_related.all()
        )

    def definition_paragraphs(self):
        return [p.strip() for p in self.definition.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def definition_beyond_summary(self):
        """The definition's paragraphs less a first sentence that only repeats the summary
        (an ESCO import's summary is its description's first sentence): the page shows the
        summary once, and no "What is it?" section when the definition adds nothing."""
        paragraphs = self.definition_paragraphs()
        summary = " ".join(self.summary.split()).casefold()
        if paragraphs and summary:
            first = " ".join(paragraphs[0].split())
            if first.casefold().startswith(summary):
                paragraphs = [first[len(summary) :].strip(), *paragraphs[1:]]
        return [paragraph for paragraph in paragraphs if paragraph]


class SkillAliasQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Bulk writes skip ``save()``: the key is filled here for them."""
        objs = list(objs)
        for alias in objs:
            alias.key = alias_key(alias.term)
        return super().bulk_create(objs, *args, **kwargs)


class SkillAlias(models.Model):
    """An "Also try searching for" term: a synonym, abbreviation or spelling variant."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    term = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    # taxonomy.alias_keys: unique per skill, computed on every save and bulk create.
    key = models.CharField(max_length=600, editable=False)

    objects = SkillAliasQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "key"],
                name="alias_key_unique_per_skill",
                violation_error_message="This skill already has that alias (ignoring case).",
            ),
        ]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.key = alias_key(self.term)
        super().save(*args, **kwargs)

    def clean(self):
        # Before validate_constraints, so validation checks the key the database will hold.
        self.key = alias_key(self.term or "")


class ResumeExample(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="resume_examples")
    text = models.CharField("resume line", max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "resume line"

    def __str__(self):
        return self.text


class SlugKind(models.TextChoices):
    SKILL = "skill", "Skill"
    JOB_TITLE = "job_title", "Job title"
    CATEGORY = "category", "Category"


class SlugRedirect(models.Model):
    """An old slug that answers a permanent redirect to where its page is now (after a rename
    or a merge); consulted only when no row has the slug (``taxonomy.redirects``)."""

    kind = models.CharField(max_length=10, choices=SlugKind.choices)
    old_slug = models.SlugField(max_length=200)
    new_slug = models.SlugField(max_length=200)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="slug_redirect_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.old_slug} → {self.new_slug}"


class SlugChange(models.Model):
    """One entry of the changes feed (``GET /api/v1/changes/``): a slug that was deleted,
    merged into another or renamed, so clients syncing with ``updated_since`` learn of it."""

    class Event(models.TextChoices):
        DELETED = "deleted", "Deleted"
        MERGED = "merged", "Merged"
        RENAMED = "renamed", "Renamed"

    kind = models.CharField(max_length=10, choices=SlugKind.choices)
    event = models.CharField(max_length=10, choices=Event.choices)
    old_slug = models.SlugField(max_length=200)
    new_slug = models.SlugField(max_length=200, blank=True)
    # Whether visitors could see it (a published skill, any job title or category): only
    # those are listed to visitors, so the feed never names a draft.
    public = models.BooleanField(default=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.old_slug} {self.event} {self.new_slug}".strip()


class SkillPageOpen(models.Model):
    """How often recruiters opened a skill's page on one day (``taxonomy.page_opens``): a
    count per skill and day, nothing about who opened it."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="page_opens")
    day = models.DateField(db_index=True)
    opens = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "day"], name="skill_page_open_per_day"),
        ]

    def __str__(self):
        return f"{self.skill_id} {self.day}: {self.opens}"


class MergedExternalId(models.Model):
    """An external identifier (an ESCO URI) of a skill merged into ``skill`` when ``skill``
    kept its own: a later import maps the concept to ``skill`` instead of creating the
    duplicate again (``taxonomy.merging``, ``taxonomy.importers.esco``)."""

    external_id = models.CharField(max_length=255, unique=True)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="merged_external_ids")

    def __str__(self):
        return f"{self.external_id} → {self.skill_id}"
