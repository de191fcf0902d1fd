"""Ranking: the one function behind the search page and the API's ?q=.

``search_skills(queryset, query)`` narrows any Skill queryset to the skills matching every word of
the query and orders them by a score:


    64  the query is the skill's name (normalised: case, accents and punctuation ignored)
    32  the query is one of its aliases
     8  the name holds every query word      4  an alias does      2  a job title does
     1  the summary, definition or resume lines do
    +   a full-text rank below 1 to order skills within the same score

so an exact name beats an alias, an alias beats a job title, a job title beats the text, and a
skill matching in several fields beats one matching in one. Words match by stem ("negotiate"
finds "negotiations"); a word of four letters or more not in the lexicon is also matched against
lexicon words one edit away (two for eight letters or more), and, as a prefix, the last word.
On PostgreSQL, skills matching in their summary, definition or resume lines alone all score 1
(ordered by name): that keeps a common word cheap at 100,000 skills.

All SQL here is assembled from constants; what was typed only ever travels as a parameter.
PostgreSQL reads the weighted tsvectors of ``models.SearchDocument`` (GIN); SQLite reads an FTS5
table with the same four fields and the same score (its within-score rank is bm25, and it ranks
text-only matches too), which gives the same top results on the demo content
(tests/test_search_relevance.py).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from .indexing import SEARCHFTS_TABLE
from .query import prepared


def search_skills(queryset, query):
    """``queryset`` narrowed to the skills matching ``query``, best first.

    ``queryset`` is any Skill queryset; pass ``Skill.objects.visible_to(user)``. ``query``
    is the text typed (str) or a ``prepare_query()`` result. Returns a Skill queryset annotated
    with ``search_rank`` (float, higher is better) and ordered by it, then by name; it can be
    filtered further, counted and sliced. A blank query gives ``queryset.none()``; a query over
    200 characters or with no letter or digit raises InvalidSearchQuery (a 400 for APIs).
    Costs one query for the typo lookup when given a str, then the query of the queryset itself.
    """
    parsed = prepared(query)
    if parsed is None:
        return queryset.none()
    if connection.vendor == "postgresql":
        matching, rank = _postgresql_parts(parsed)
    else:
        matching, rank = _sqlite_parts(parsed)
    return (
        queryset.filter(pk__in=matching)
        .annotate(search_rank=RawSQL(rank.sql, rank.params, output_field=FloatField()))  # noqa: S611
        .order_by("-search_rank", "name", "pk")
    )


@dataclass
class _Sql:
    sql: str
    params: list


SKILL_ID = '"taxonomy_skill"."id"'


def _exact_bonus(norm_sql, norm_param):
    sql = " + ".join(
        f"CASE WHEN {SKILL_ID} IN (SELECT skill_id FROM taxonomy_searchterm"  # noqa: S608
        f" WHERE is_start AND kind = '{kind}' AND norm = {norm_sql}) THEN {points} ELSE 0 END"
        for points, kind in ((64, "name"), (32, "alias"))
    )
    return sql, [norm_param, norm_param]


def _tsquery(parsed, joiner=" & ", weight=""):
    """``weight`` ("A" to "D") makes every word match only in positions of that weight."""
    groups = []
    for word in parsed.words:
        options = [f"{w}:{weight}" if weight else w for w in parsed.spellings(word)]
        if word == parsed.prefix:
            options.append(f"{word}:*{weight}")
        groups.append("(" + " | ".join(options) + ")")
    return joiner.join(groups)


def _postgresql_parts(parsed):
    tsquery = _tsquery(parsed)  # only a-z, 0-9 and operators: normalise() removed all else
    any_word = _tsquery(parsed, joiner=" | ")
    matching = RawSQL(  # noqa: S611
        "SELECT skill_id FROM taxonomy_searchdocument"
        " WHERE document @@ to_tsquery('english'::regconfig, %s)",
        [tsquery],
    )
    # A field holds the query when the query with every word restricted to that field's weight
    # matches: the same test as ts_filter(document, '{a}') @@ query without copying the vector.
    # Name, aliases and job titles (A-C) are read from the small heading kept in the row; only
    # the text (D) and ts_rank need the large document, which PostgreSQL decompresses per use.
    fields = " + ".join(
        f"{points} * (d.{vector} @@ to_tsquery('english'::regconfig, %s))::int"
        for points, vector in ((8, "heading"), (4, "heading"), (2, "heading"), (1, "document"))
    )
    weighted = [_tsquery(parsed, weight=weight) for weight in "ABCD"]
    bonus_sql, bonus_params = _exact_bonus("taxonomy_search_norm(%s)", parsed.text)
    # Only skills with a query word in their heading (name, aliases, job titles; a GIN index)
    # read their whole document to be scored; the rest matched in the text alone and score 1.
    rank = _Sql(
        f"CASE WHEN {SKILL_ID} IN (SELECT skill_id FROM taxonomy_searchdocument"  # noqa: S608
        " WHERE heading @@ to_tsquery('english'::regconfig, %s))"
        f" THEN (SELECT {fields} + ts_rank(d.document, q.q, 32)"
        " FROM taxonomy_searchdocument AS d, to_tsquery('english'::regconfig, %s) AS q(q)"
        f" WHERE d.skill_id = {SKILL_ID}) ELSE 1 END + {bonus_sql}",
        [any_word, *weighted, tsquery, *bonus_params],
    )
    return matching, rank


def _fts_query(parsed, column=None):
    groups = []
    for word in parsed.words:
        options = [f'"{w}"' for w in parsed.spellings(word)]
        if word == parsed.prefix:
            options.append(f'"{word}"*')
        groups.append("(" + " OR ".join(options) + ")")
    expression = " AND ".join(groups)
    return f"{column} : ({expression})" if column else expression


def _sqlite_parts(parsed):
    table = SEARCHFTS_TABLE
    matching = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
        [_fts_query(parsed)],
    )
    columns = ((8, "name"), (4, "aliases"), (2, "titles"), (1, "body"))
    fields = " + ".join(
        f"{points} * ({SKILL_ID} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s))"  # noqa: S608
        for points, _ in columns
    )
    bonus_sql, bonus_params = _exact_bonus("%s", parsed.norm)
    # bm25() is negative, better matches lower; x / (1 + x) maps its opposite into [0, 1).
    tie = (
        f"(SELECT -bm25({table}, 8.0, 4.0, 2.0, 1.0) FROM {table}"  # noqa: S608
        f" WHERE {table} MATCH %s AND rowid = {SKILL_ID})"
    )
    rank = _Sql(
        f"{fields} + {bonus_sql} + {tie} / (1.0 + {tie})",
        [
            *(_fts_query(parsed, column) for _, column in columns),
            *bonus_params,
            _fts_query(parsed),
            _fts_query(parsed),
        ],
    )
    return matching, rank
