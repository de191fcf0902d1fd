"""Ranking: the one function behind the search page and the API's ?q=.

``search_skills(queryset, query)`` narrows any Skill queryset to the skills matching the query by
its words or by its meaning, and orders them by fusing two rankings.

The lexical ranking (every word of the query must match) scores

    64  the query is the skill's name (normalised: case, accents and punctuation ignored)
    32  the query is one of its aliases
     8  the name holds every query word      4  an alias does      2  a job title does
     1  the summary, definition or resume lines do
    +   a full-text rank below 1 to order skills within the same score

so an exact name beats an alias, an alias beats a job title, a job title beats the text, and a
skill matching in several fields beats one matching in one. Words match by stem ("negotiate"
finds "negotiations"); a word of four letters or more not in the lexicon is also matched against
lexicon words one edit away (two for eight letters or more), and an unfinished last word as a
prefix. On PostgreSQL, skills matching in their summary, definition or resume lines alone all
score 1 (ordered by name): that keeps a common word cheap at 100,000 skills.

The meaning ranking is the ``MEANING_CANDIDATES`` skills closest in meaning to the query
(``meaning.closest_skill_ids``), which need share no word with it: "people management" finds
"manage staff".

Reciprocal rank fusion joins them. A skill found by meaning alone scores
``MEANING_WEIGHT / (FUSION_K + its meaning rank)``; a skill matching the words scores
``LEXICAL_WEIGHT / (FUSION_K + its lexical rank)`` plus a small
``MEANING_TIEBREAK / (FUSION_K + its meaning rank)`` when meaning ranks it too, too small to
swap two skills among the first lexical results but enough to order skills the words cannot
tell apart (equal lexical scores) and the long tail. On top come 2 for an exact name, 1 for an
exact alias and 1 when the name and aliases hold every query word (typo corrections and
prefixes included). So exact, alias and typo matches keep their places, the best word matches
keep their order, and a skill found by meaning alone ranks among them as its meaning rank
earns: the closest one just below the third word match, above weak ones (job titles or the
text only). Skills found by meaning alone carry ``found_by_meaning`` so pages can say so.
Equal scores put complete skills (``Skill.is_complete``) first, then order by name.

A whole query of one or two letters ("HR", "R") matches exact names and aliases only.

All SQL here is assembled from constants; what was typed only ever travels as a parameter.
PostgreSQL reads the weighted tsvectors of ``models.SearchDocument`` (GIN); SQLite reads an FTS5
table with the same four fields and the same score (its within-score rank is bm25, and it ranks
text-only matches too), which gives the same top results on the demo content
(tests/test_search_relevance.py).
"""

import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from .indexing import SEARCHFTS_TABLE
from .meaning import closest_skill_ids
from .query import prepared

# Full-text ranks below this precision are noise (bm25 moves in the eighth decimal with the
# length of fields the query never matched): rounding lets such skills tie, so the complete one
# goes first.
TIE_DECIMALS = 4
MEANING_CANDIDATES = 30
FUSION_K = 10
LEXICAL_WEIGHT = 1.0
MEANING_WEIGHT = 0.8
MEANING_TIEBREAK = 0.05


def search_skills(queryset, query, *, by_words=True, by_meaning=True):
    """``queryset`` narrowed to the skills matching ``query``, best first.

    ``queryset`` is any Skill queryset; pass ``Skill.objects.visible_to(user)``. ``query``
    is the text typed (str) or a ``prepare_query()`` result. Returns a Skill queryset annotated
    with ``search_rank`` (float, higher is better) and ``found_by_meaning`` (bool) and ordered by
    rank, completeness, name; it can be filtered further, counted and sliced. A blank query gives
    ``queryset.none()``; a query over 200 characters or with no letter or digit raises
    InvalidSearchQuery (a 400 for APIs). Costs one query for the typo lookup when given a str,
    one for the meaning index (``meaning.current_vectors``), then the queryset's own.
    ``by_words`` / ``by_meaning`` switch a ranking off (the relevance benchmark compares them).
    """
    parsed = prepared(query)
    if parsed is None:
        return queryset.none()
    if parsed.short:
        return _exact_only(queryset, parsed)
    candidates = []
    if by_meaning:
        candidates = [pk for pk, _ in closest_skill_ids(parsed.text, MEANING_CANDIDATES)]
    vendor = _PostgreSQL if connection.vendor == "postgresql" else _SQLite
    parts = vendor(parsed, candidates)
    if not by_words:
        matching, rank, by_meaning_only = parts.candidates(), parts.meaning_score(), _true()
    elif not candidates:
        matching, rank, by_meaning_only = parts.matching(), parts.lexical_score(), _false()
    else:
        matching, rank, by_meaning_only = parts.matching(), parts.fused_score(), parts.not_lexical()
    return (
        queryset.filter(pk__in=RawSQL(matching.sql, matching.params))  # noqa: S611
        .annotate(
            search_rank=RawSQL(rank.sql, rank.params, output_field=FloatField()),  # noqa: S611
            found_by_meaning=RawSQL(  # noqa: S611
                by_meaning_only.sql, by_meaning_only.params, output_field=BooleanField()
            ),
        )
        .order_by("-search_rank", "-is_complete", "name", "pk")
    )


def is_search_result(queryset):
    """True for a queryset ``search_skills`` made (and narrowed further): one that ranks
    every match, so ``pagination.CountingPaginator`` counts them for free."""
    return "search_rank" in queryset.query.annotations


def _exact_only(queryset, parsed):
    bonus = _exact_bonus("%s", parsed.norm)
    matching = (
        "SELECT skill_id FROM taxonomy_searchterm"
        " WHERE is_start AND kind IN ('name', 'alias') AND norm = %s"
    )
    return (
        queryset.filter(pk__in=RawSQL(matching, [parsed.norm]))  # noqa: S611
        .annotate(
            search_rank=RawSQL(bonus.sql, bonus.params, output_field=FloatField()),  # noqa: S611
            found_by_meaning=RawSQL("0 = 1", [], output_field=BooleanField()),  # noqa: S611
        )
        .order_by("-search_rank", "-is_complete", "name", "pk")
    )


@dataclass
class _Sql:
    sql: str
    params: list = field(default_factory=list)

    def __add__(self, other):
        return _Sql(self.sql + other.sql, self.params + other.params)


def _true():
    return _Sql("1 = 1")


def _false():
    return _Sql("0 = 1")


SKILL_ID = '"taxonomy_skill"."id"'


def _exact_bonus(norm_sql, norm_param):
    sql = " + ".join(
        f"CASE WHEN {SKILL_ID} IN (SELECT skill_id FROM taxonomy_searchterm"  # noqa: S608
        f" WHERE is_start AND kind = '{kind}' AND norm = {norm_sql}) THEN {points} ELSE 0 END"
        for points, kind in ((64, "name"), (32, "alias"))
    )
    return _Sql(f"({sql})", [norm_param, norm_param])


class _Parts:
    """The SQL pieces of one search on one database; subclasses say how each is written."""

    def __init__(self, parsed, candidates):
        self.parsed = parsed
        self.candidate_ids = candidates

    def lexical_matching(self):
        raise NotImplementedError

    def lexical_score(self):
        raise NotImplementedError

    def matches_row(self):
        """True when the current skill row matches the query's words."""
        raise NotImplementedError

    def candidates(self):
        """The meaning candidates, as a subquery of ids."""
        raise NotImplementedError

    def candidate_position(self):
        """The current row's place among the meaning candidates (1 = closest), else NULL."""
        raise NotImplementedError

    def is_candidate(self):
        raise NotImplementedError

    def exact_bonus(self):
        raise NotImplementedError

    def strong_match(self):
        """1 when the name and aliases hold every query word, else 0."""
        raise NotImplementedError

    def matching(self):
        if not self.candidate_ids:
            return self.lexical_matching()
        return self.lexical_matching() + _Sql(" UNION ALL ") + self.candidates()

    def lexical_hit(self):
        """Cheap per row: only meaning candidates need checking against the words."""
        return (
            _Sql("(CASE WHEN ")
            + self.is_candidate()
            + _Sql(" THEN ")
            + self.matches_row()
            + _Sql(" ELSE 1 = 1 END)")
        )

    def not_lexical(self):
        return _Sql("(NOT ") + self.lexical_hit() + _Sql(")")

    def meaning_score(self, weight=MEANING_WEIGHT):
        position = self.candidate_position()
        return _Sql(f"COALESCE({weight} / ({FUSION_K} + ") + position + _Sql("), 0)")

    def fused_score(self):
        hit = self.lexical_hit()
        lexical_rank = (
            _Sql("rank() OVER (ORDER BY CASE WHEN ")
            + hit
            + _Sql(" THEN ")
            + self.lexical_score()
            + _Sql(" END DESC NULLS LAST)")
        )
        fused = (
            _Sql("CASE WHEN ")
            + self.lexical_hit()
            + _Sql(f" THEN {LEXICAL_WEIGHT} / ({FUSION_K} + ")
            + lexical_rank
            + _Sql(") + ")
            + self.meaning_score(MEANING_TIEBREAK)
            + _Sql(" ELSE ")
            + self.meaning_score()
            + _Sql(" END")
        )
        return (
            _Sql("(")
            + self.exact_bonus()
            + _Sql(" / 32.0 + ")
            + self.strong_match()
            + _Sql(" + ")
            + fused
            + _Sql(")")
        )


def _tsquery(parsed, joiner=" & ", weight="", prefix=True):
    """``weight`` ("A" to "D") makes every word match only in positions of that weight;
    ``prefix=False`` leaves out the unfinished last word's prefix match."""
    groups = []
    for word in parsed.words:
        options = [f"{w}:{weight}" if weight else w for w in parsed.spellings(word)]
        if prefix and word == parsed.prefix:
            options.append(f"{word}:*{weight}")
        groups.append("(" + " | ".join(options) + ")")
    return joiner.join(groups)


# to_tsquery() is STABLE, not IMMUTABLE: written in a per-row expression, PostgreSQL parses and
# stems the query again for every row (six times a row in the word score: ~15 ms for a query
# matching 1,000 skills). As an uncorrelated sub-select it is an InitPlan, computed once.
_TSQUERY_ONCE = "(SELECT to_tsquery('english'::regconfig, %s))"


class _PostgreSQL(_Parts):
    def __init__(self, parsed, candidates):
        super().__init__(parsed, candidates)
        # Only a-z, 0-9 and operators: normalise() removed everything else.
        self.tsquery = _tsquery(parsed)

    def lexical_matching(self):
        # Through the GIN index always (search migration 0004 says why).
        return _Sql(
            "SELECT search_document_matches(to_tsquery('english'::regconfig, %s))",
            [self.tsquery],
        )

    def candidates(self):
        return _Sql("SELECT unnest(%s::bigint[])", [self.candidate_ids])

    def is_candidate(self):
        return _Sql(f"{SKILL_ID} = ANY(%s::bigint[])", [self.candidate_ids])

    def candidate_position(self):
        return _Sql(f"array_position(%s::bigint[], {SKILL_ID})", [self.candidate_ids])

    def matches_row(self):
        return _Sql(
            "EXISTS (SELECT 1 FROM taxonomy_searchdocument"  # noqa: S608
            f" WHERE skill_id = {SKILL_ID}"
            " AND document @@ to_tsquery('english'::regconfig, %s))",
            [self.tsquery],
        )

    def lexical_hit(self):
        """As the base class says, with the candidates that match the words found once: written
        as a per-row EXISTS, PostgreSQL hashed the set of *every* matching document for each of
        the three uses, a scan of the whole table each (8-12 ms apiece at ESCO size). The test
        is ``ts_match_vq`` (what ``@@`` calls), which no index answers: the 30 candidates are
        read by key and tested, where ``@@`` had PostgreSQL also read the GIN index for every
        matching document and AND the two (0.9 ms a use for "design pro", 3 uses a search)."""
        return _Sql(
            f"({SKILL_ID} <> ALL(%s::bigint[]) OR {SKILL_ID} = ANY(ARRAY("  # noqa: S608
            "SELECT skill_id FROM taxonomy_searchdocument WHERE skill_id = ANY(%s::bigint[])"
            " AND ts_match_vq(document, to_tsquery('english'::regconfig, %s)))))",
            [self.candidate_ids, self.candidate_ids, self.tsquery],
        )

    def exact_bonus(self):
        return _exact_bonus("taxonomy_search_norm(%s)", self.parsed.text)

    def strong_match(self):
        return _Sql(
            f"(CASE WHEN {SKILL_ID} IN (SELECT search_heading_matches("  # noqa: S608
            "to_tsquery('english'::regconfig, %s))) THEN 1 ELSE 0 END)",
            [_tsquery(self.parsed, weight="AB")],
        )

    def lexical_score(self):
        parsed = self.parsed
        any_word = _tsquery(parsed, joiner=" | ")
        # A field holds the query when the query with every word restricted to that field's
        # weight matches: the same test as ts_filter(document, '{a}') @@ query without copying
        # the vector. Name, aliases and job titles (A-C) are read from the small heading kept in
        # the row; only the text (D) and ts_rank need the large document, which PostgreSQL
        # decompresses per use.
        fields = " + ".join(
            f"{points} * (d.{vector} @@ {_TSQUERY_ONCE})::int"
            for points, vector in ((8, "heading"), (4, "heading"), (2, "heading"), (1, "document"))
        )
        weighted = [_tsquery(parsed, weight=weight) for weight in "ABCD"]
        # Only skills with a query word in their heading (name, aliases, job titles) read their
        # whole document to be scored; the rest matched in the text alone and score 1. Tested
        # on each candidate's own row: as "IN (every skill whose heading holds any word)"
        # PostgreSQL scanned every document (35-50 ms at ESCO size, most of a search).
        # ts_rank orders within a score by the finished words: ranking by the unfinished last
        # word's prefix too read every lexeme it starts ("pro": process, product, provide...)
        # in each candidate's document (1,160 candidates for "design pro": 11 -> 4 ms), and
        # bench/relevance.py's prefix queries rank as well or better without it.
        return (
            _Sql(
                f"(COALESCE((SELECT CASE WHEN d.heading @@ {_TSQUERY_ONCE}"  # noqa: S608
                f" THEN {fields}"
                f" + round(ts_rank(d.document, q.q, 32)::numeric, {TIE_DECIMALS})::float"
                " ELSE 1 END"
                f" FROM taxonomy_searchdocument AS d, {_TSQUERY_ONCE} AS q(q)"
                f" WHERE d.skill_id = {SKILL_ID}), 1) + ",
                [any_word, *weighted, _tsquery(parsed, prefix=False)],
            )
            + self.exact_bonus()
            + _Sql(")")
        )


def _fts_query(parsed, column=None):
    groups = []
    for word in parsed.words:
        options = [f'"{w}"' for w in parsed.spellings(word)]
        if word == parsed.prefix:
            options.append(f'"{word}"*')
        groups.append("(" + " OR ".join(options) + ")")
    expression = " AND ".join(groups)
    return f"{column} : ({expression})" if column else expression


class _SQLite(_Parts):
    table = SEARCHFTS_TABLE

    def __init__(self, parsed, candidates):
        super().__init__(parsed, candidates)
        self.fts = _fts_query(parsed)
        self.json_ids = json.dumps(candidates)

    def lexical_matching(self):
        return _Sql(
            f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s",  # noqa: S608
            [self.fts],
        )

    def candidates(self):
        return _Sql("SELECT value FROM json_each(%s)", [self.json_ids])

    def is_candidate(self):
        return _Sql(
            f"{SKILL_ID} IN (SELECT value FROM json_each(%s))",  # noqa: S608 (constants)
            [self.json_ids],
        )

    def candidate_position(self):
        return _Sql(
            f"(SELECT key + 1 FROM json_each(%s) WHERE value = {SKILL_ID})",  # noqa: S608
            [self.json_ids],
        )

    def matches_row(self):
        return _Sql(
            f"EXISTS (SELECT 1 FROM {self.table} WHERE {self.table} MATCH %s"  # noqa: S608
            f" AND rowid = {SKILL_ID})",
            [self.fts],
        )

    def exact_bonus(self):
        return _exact_bonus("%s", self.parsed.norm)

    def strong_match(self):
        return _Sql(
            f"(CASE WHEN {SKILL_ID} IN (SELECT rowid FROM {self.table}"  # noqa: S608
            f" WHERE {self.table} MATCH %s) THEN 1 ELSE 0 END)",
            [_fts_query(self.parsed, "{name aliases}")],
        )

    def lexical_score(self):
        table, parsed = self.table, self.parsed
        columns = ("name", "aliases", "titles", "body")
        fields = " + ".join(
            f"{points} * ({SKILL_ID} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s))"  # noqa: S608
            for points in (8, 4, 2, 1)
        )
        # bm25() is negative, better matches lower; x / (1 + x) maps its opposite into [0, 1).
        tie = (
            f"(SELECT -bm25({table}, 8.0, 4.0, 2.0, 1.0) FROM {table}"  # noqa: S608
            f" WHERE {table} MATCH %s AND rowid = {SKILL_ID})"
        )
        return (
            _Sql(f"({fields} + ", [_fts_query(parsed, column) for column in columns])
            + self.exact_bonus()
            + _Sql(f" + ROUND({tie} / (1.0 + {tie}), {TIE_DECIMALS}))", [self.fts, self.fts])
        )
