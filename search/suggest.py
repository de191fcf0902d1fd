"""Suggestions while typing (autocomplete) and after a search that found nothing, and the job
titles and categories the search page lists above its skills.

Autocomplete matches the start of any word of a skill's name or alias (``SearchTerm``) and of a
job title, its other names or a category name (``SearchLabel``), with one typo allowed from four
letters on: the words typed are checked against the lexicon first ("sofware dev" also tries
"software dev"; "data analyts" also "data analysts" and "data analytics"). Three queries: the
lexicon, skills, then job titles and categories together.
"""

import itertools
from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import F, Q

from taxonomy.models import Category, JobTitle

from .models import SearchLabel, SearchTerm
from .query import (
    MAX_QUERY_LENGTH,
    edit_distance,
    lexicon_words,
    one_edit_away,
    prefix_distance,
    prefix_probes,
    similarity_threshold,
)
from .text import LEXICON_MIN_LENGTH, normalise

AUTOCOMPLETE_LIMIT = 8
JOB_TITLE_LIMIT = 4
CATEGORY_LIMIT = 3
_AUTOCOMPLETE_CANDIDATES = 64
_LABEL_CANDIDATES = 48
_MAX_SPELLINGS = 12
_CORRECTIONS_PER_WORD = 3
_SUGGESTION_SIMILARITY = 0.3


@dataclass
class Suggestions:
    """What autocomplete offers, by group: (skill, matched alias or None), (job title, matched
    other name or None), categories."""

    skills: list = field(default_factory=list)
    job_titles: list = field(default_factory=list)
    categories: list = field(default_factory=list)


def spellings(norm):
    """Normalised texts to match as prefixes, what was typed first, then one-typo corrections
    found in the lexicon (one query when a word has four letters or more, else none)."""
    words = norm.split()
    *complete, last = words
    exact = [v for w in complete if len(w) >= LEXICON_MIN_LENGTH for v in one_edit_away(w)]
    exact += [w for w in complete if len(w) >= LEXICON_MIN_LENGTH]
    prefixes = prefix_probes(last) if len(last) >= LEXICON_MIN_LENGTH else []
    known = lexicon_words(exact, prefixes) if exact or prefixes else set()
    options = []
    for word in complete:
        if len(word) < LEXICON_MIN_LENGTH or word in known:
            options.append([word])
            continue
        close = sorted(
            (k for k in known if abs(len(k) - len(word)) <= 1 and edit_distance(word, k) <= 1),
            key=lambda k: (len(k) != len(word), k),
        )
        options.append([word, *close[:_CORRECTIONS_PER_WORD]])
    corrections = []
    if prefixes:
        corrections = sorted(
            (k for k in known if not k.startswith(last) and prefix_distance(last, k) <= 1),
            key=lambda k: (len(k), k),
        )
    options.append([last, *corrections[:_CORRECTIONS_PER_WORD]])
    combined = (" ".join(choice) for choice in itertools.product(*options))
    return list(itertools.islice(combined, _MAX_SPELLINGS))


def _starting_with(prefixes, field="norm"):
    """``field`` starts with one of ``prefixes``. The bounding range (every norm holds only a-z,
    0-9 and spaces, which sort before "~") lets the index scan that reads terms in order start
    and stop around the prefixes: with the LIKEs alone PostgreSQL walked the index from the
    first term ("writ": 23,800 terms read, 9 ms; now 65). One index range per prefix, joined
    with UNION ALL, read fewer terms when the spellings lie far apart ("mala" or "manage": 4.6
    -> 1.2 ms of SQL) but cost more to build than they saved (p95 8-9 -> 13.5 ms)."""
    condition = Q()
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    lower, upper = _prefix_range(prefixes)
    return condition & Q(**{f"{field}__gte": lower, f"{field}__lt": upper})


def _prefix_range(prefixes):
    """Bounds of every norm starting with one of ``prefixes``. The upper one ends past the
    *shortest* spelling's terms: "under~" sorts after "underlie~", so a bound taken from the
    largest spelling cut off "underwriter"."""
    return min(prefixes), max(prefix + "~" for prefix in prefixes)


def _spelling_rank(norm, prefixes):
    return next((i for i, prefix in enumerate(prefixes) if norm.startswith(prefix)), len(prefixes))


def _typed_first(rows, key):
    """``rows`` sorted by ``key`` (whose first item is the spelling rank); typo corrections are
    dropped when what was typed matched something: they are for when it matched nothing."""
    ordered = sorted(rows, key=key)
    if ordered and key(ordered[0])[0] == 0:
        return [row for row in ordered if key(row)[0] == 0]
    return ordered


def autocomplete(queryset, text, limit=AUTOCOMPLETE_LIMIT):
    """Suggestions for ``text`` among the skills of ``queryset`` and every job title and
    category: skills whose name or alias has a word starting with it, names before aliases,
    whole-term beginnings before later words, what was typed before typo corrections, then
    shorter terms. At most three queries."""
    norm = normalise((text or "")[:MAX_QUERY_LENGTH])
    if not norm:
        return Suggestions()
    prefixes = spellings(norm)
    # Read from the skills' side, each row a skill with the term that matched: one join, on
    # which the visibility filter applies too. From the terms' side (terms of skills "in"
    # the queryset, with their skill) PostgreSQL joined the skills twice ("writ": 4.6 -> 2.8 ms).
    found = (
        queryset.filter(_starting_with(prefixes, "search_terms__norm"))
        .annotate(
            term_kind=F("search_terms__kind"),
            term=F("search_terms__term"),
            term_norm=F("search_terms__norm"),
            term_is_start=F("search_terms__is_start"),
        )
        .only("name", "slug")
        .order_by("term_norm", "search_terms__pk")[:_AUTOCOMPLETE_CANDIDATES]
    )
    best = {}
    for skill in _typed_first(
        found,
        key=lambda s: (
            _spelling_rank(s.term_norm, prefixes),
            not s.term_is_start,
            s.term_kind != SearchTerm.Kind.NAME,
            len(s.term),
            s.term,
        ),
    ):
        best.setdefault(skill.pk, skill)
    skills = [
        (skill, skill.term if skill.term_kind == SearchTerm.Kind.ALIAS else None)
        for skill in list(best.values())[:limit]
    ]
    job_titles, categories = matching_labels(prefixes)
    return Suggestions(skills=skills, job_titles=job_titles, categories=categories)


def matching_labels(prefixes, job_title_limit=JOB_TITLE_LIMIT, category_limit=CATEGORY_LIMIT):
    """Job titles (with the other name that matched, if not the name) and categories with a
    word starting with one of ``prefixes``; one query. The search page passes the query's
    spellings; autocomplete its prefixes. Titles carry their name, slug and other names
    (``near_duplicates`` reads them); categories their name and slug; the rest loads on use."""
    ordered = _typed_first(
        _label_rows(prefixes),
        key=lambda row: (
            _spelling_rank(row.norm, prefixes),
            not row.is_start,
            not row.is_name,
            len(row.label),
            row.label,
        ),
    )
    job_titles, categories = {}, {}
    for row in ordered:
        if row.kind == SearchLabel.Kind.JOB_TITLE and row.job_title_id not in job_titles:
            title = JobTitle.from_db(connection.alias, _TITLE_FIELDS, row.title)
            job_titles[row.job_title_id] = (title, None if row.is_name else row.label)
        elif row.kind == SearchLabel.Kind.CATEGORY and row.category_id not in categories:
            category = Category.from_db(connection.alias, _CATEGORY_FIELDS, row.category)
            categories[row.category_id] = category
    return list(job_titles.values())[:job_title_limit], list(categories.values())[:category_limit]


_TITLE_FIELDS = ["id", "name", "slug", "alternative_labels"]
_CATEGORY_FIELDS = ["id", "name", "slug"]


@dataclass(frozen=True)
class _LabelRow:
    kind: str
    label: str
    is_name: bool
    norm: str
    is_start: bool
    job_title_id: int | None
    category_id: int | None
    title: tuple
    category: tuple


def _label_rows(prefixes):
    """The first ``_LABEL_CANDIDATES`` labels in ``norm`` order starting with one of
    ``prefixes``, with what is shown of their job title or category, as plain rows: through the
    ORM, building the query and two models a label (the titles' ESCO and O*NET JSON parsed)
    cost 1.5 ms of CPU a call, on every search page and every keystroke of autocomplete."""
    starts = " OR ".join(["l.norm LIKE %s"] * len(prefixes))
    sql = (
        "SELECT l.kind, l.label, l.is_name, l.norm, l.is_start, l.job_title_id, l.category_id,"  # noqa: S608
        " j.name, j.slug, j.alternative_labels, c.name, c.slug"
        f" FROM {SearchLabel._meta.db_table} AS l"
        f" LEFT JOIN {JobTitle._meta.db_table} AS j ON j.id = l.job_title_id"
        f" LEFT JOIN {Category._meta.db_table} AS c ON c.id = l.category_id"
        # As _starting_with(); norms hold no LIKE wildcard (only a-z, 0-9 and spaces).
        f" WHERE l.norm >= %s AND l.norm < %s AND ({starts})"
        " ORDER BY l.norm, l.id LIMIT %s"
    )
    params = [*_prefix_range(prefixes), *(f"{prefix}%" for prefix in prefixes), _LABEL_CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # what was typed travels as parameters only
        return [
            _LabelRow(*row[:7], title=(row[5], *row[7:10]), category=(row[6], *row[10:]))
            for row in cursor.fetchall()
        ]


def query_spellings(parsed):
    """The search page's query as label prefixes: its words (stop words kept, as in titles)
    with the typo corrections search accepted; the last word is a prefix anyway."""
    options = [
        [word, *parsed.alternatives.get(word, ())[:_CORRECTIONS_PER_WORD]]
        for word in parsed.norm.split()
    ]
    combined = (" ".join(choice) for choice in itertools.product(*options))
    return list(itertools.islice(combined, _MAX_SPELLINGS))


def did_you_mean(queryset, parsed):
    """The skill name or alias of ``queryset`` closest to a query that found nothing, or ""."""
    terms = SearchTerm.objects.filter(is_start=True, skill__in=queryset)
    if connection.vendor == "postgresql":
        best = (
            terms.filter(norm__trigram_similar=parsed.norm)
            .annotate(similarity=TrigramSimilarity("norm", parsed.norm))
            .order_by("-similarity", "term")
            .values_list("term", flat=True)[:1]
        )
        sql, params = best.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(similarity_threshold(_SUGGESTION_SIMILARITY) + sql, params)
            row = cursor.fetchone()
        return row[0] if row else ""
    from difflib import SequenceMatcher  # SQLite holds demo-sized data: compare in Python

    scored = [
        (SequenceMatcher(None, parsed.norm, norm).ratio(), term)
        for term, norm in terms.values_list("term", "norm")[:5000]
    ]
    score, term = max(scored, default=(0, ""), key=lambda s: (s[0], s[1]))
    return term if score >= 0.6 else ""
