"""Skill search: the one function behind the search page, the autocomplete and the API's ?q=.

``search_skills(queryset, query)`` (also ``Skill.objects.published().search(query)``) narrows any
Skill queryset to the skills matching every word of the query and orders them by a score:

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
PostgreSQL reads the weighted tsvectors of search_index.SearchDocument (GIN); SQLite reads an FTS5
table with the same four fields and the same score (its within-score rank is bm25, and it ranks
text-only matches too), which gives the same top results on the demo content
(tests/test_search_relevance.py).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import FloatField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from .search_index import LEXICON_MIN_LENGTH, SEARCHFTS_TABLE, SearchTerm, SearchWord, normalise

MAX_QUERY_LENGTH = 200
AUTOCOMPLETE_LIMIT = 8
_AUTOCOMPLETE_CANDIDATES = 64
_TYPO_SIMILARITY = 0.2
_SUGGESTION_SIMILARITY = 0.3
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

# PostgreSQL's English stop words (Snowball list), dropped from queries on both databases so
# SQLite's FTS5, which keeps them, matches the same skills. Kept when a query holds nothing else.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now""".split()  # noqa: SIM905
)


class InvalidSearchQuery(ValueError):
    """The query cannot be searched; ``str(exc)`` is a message for the person who typed it."""


@dataclass(frozen=True)
class ParsedQuery:
    """A query as search understands it: normalised words and their accepted spellings."""

    text: str
    norm: str
    words: tuple
    alternatives: dict = field(default_factory=dict)  # word -> lexicon words within typo reach
    prefix: str = ""  # the last word, also matched as a prefix when it is not a known word

    def spellings(self, word):
        return (word, *self.alternatives.get(word, ()))


def parse_query(text):
    """Check and normalise what was typed; raises InvalidSearchQuery. No database access."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearchQuery(
            f"That search is {len(text)} characters long; please use at most {MAX_QUERY_LENGTH}."
        )
    norm = normalise(text)
    if not norm:
        raise InvalidSearchQuery("Please search with letters or numbers, not only symbols.")
    words = norm.split()
    meaningful = [w for w in words if w not in STOP_WORDS] or words
    return ParsedQuery(text=text, norm=norm, words=tuple(dict.fromkeys(meaningful)))


def typo_reach(word):
    """How many edits a word may carry: none under four letters, two from eight."""
    if len(word) >= 8:
        return 2
    return 1 if len(word) >= LEXICON_MIN_LENGTH else 0


def edit_distance(a, b):
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _one_edit_away(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _ALPHABET),
        *(a + c + b for a, b in splits for c in _ALPHABET),
    }


def _lexicon_candidates(words):
    """Lexicon words that may be typo corrections of ``words``, in one query.

    Every spelling one edit away is looked up by equality (exact recall); words of eight letters
    or more also take the lexicon words sharing a fifth of their trigrams (PostgreSQL, GIN index;
    two typos in an eight-letter word can leave that few) or, on SQLite (demo-sized), every word
    of similar length. edit_distance() then keeps only true corrections.
    """
    near = sorted({v for w in words if typo_reach(w) for v in _one_edit_away(w)} | set(words))
    long_words = [w for w in words if typo_reach(w) == 2]
    if connection.vendor == "postgresql":
        # One btree probe per spelling (under 1 ms for the few hundred of a word). As
        # "word = ANY(ARRAY[...])" the planner took the trigram GIN index, or a hash join over
        # the whole lexicon once unnested: 3-20 ms at 100,000 skills. LIMIT 1 (words are
        # unique) keeps the lateral a nested loop; the spellings travel as one string.
        sql = (
            "SELECT s.word FROM unnest(string_to_array(%s, ' ')) AS v(word) CROSS JOIN LATERAL"
            " (SELECT word FROM taxonomy_searchword WHERE word = v.word LIMIT 1) AS s"
        )
        params = [" ".join(near)]  # normalise() left only a-z and 0-9 in each word
        if long_words:
            sql = (
                _similarity_threshold(_TYPO_SIMILARITY)  # noqa: S608 (constants only)
                + sql
                + " UNION SELECT k.word FROM unnest(%s::text[]) AS q(w) CROSS JOIN LATERAL"
                " (SELECT word FROM taxonomy_searchword WHERE word %% q.w) AS k"
            )
            params.append(long_words)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}
    found = Q(word__in=near)
    if long_words:
        lengths = [len(w) for w in long_words]
        found |= Q(size__range=(min(lengths) - 2, max(lengths) + 2))
    return set(
        SearchWord.objects.annotate(size=Length("word"))
        .filter(found)
        .values_list("word", flat=True)
    )


def _similarity_threshold(value):
    """pg_trgm's % operator reads its threshold from a setting; set it in the same round trip
    (one statement string) so each lookup is deterministic whatever ran before on the
    connection."""
    return f"SET pg_trgm.similarity_threshold = {float(value)}; "


def prepare_query(text):
    """Parse ``text`` and find typo corrections for its words (one query); raises
    InvalidSearchQuery. Views call this once and pass the result to every function below."""
    parsed = parse_query(text)
    known = _lexicon_candidates(parsed.words)
    alternatives = {}
    for word in parsed.words:
        reach = typo_reach(word)
        if reach and word not in known:
            # A length gap is a lower bound of the distance: skip those words unmeasured.
            close = sorted(
                k
                for k in known
                if k != word
                and abs(len(k) - len(word)) <= reach
                and edit_distance(word, k) <= reach
            )
            if close:
                alternatives[word] = tuple(close)
    last = parsed.words[-1]
    prefix = last if len(last) >= LEXICON_MIN_LENGTH and last not in known else ""
    return ParsedQuery(parsed.text, parsed.norm, parsed.words, alternatives, prefix)


def _prepared(query):
    if isinstance(query, ParsedQuery):
        return query
    if not (query or "").strip():
        return None
    return prepare_query(query)


def search_skills(queryset, query):
    """``queryset`` narrowed to the skills matching ``query``, best first.

    ``queryset`` is any Skill queryset; pass ``Skill.objects.published()`` for visitors. ``query``
    is the text typed (str) or a ``prepare_query()`` result. Returns a Skill queryset annotated
    with ``search_rank`` (float, higher is better) and ordered by it, then by name; it can be
    filtered further, counted and sliced. A blank query gives ``queryset.none()``; a query over
    200 characters or with no letter or digit raises InvalidSearchQuery (a 400 for APIs).
    Costs one query for the typo lookup when given a str, then the query of the queryset itself.
    """
    parsed = _prepared(query)
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


def autocomplete(queryset, text, limit=AUTOCOMPLETE_LIMIT):
    """The top ``limit`` skills of ``queryset`` whose name or alias has a word starting with
    ``text``, in one query: names before aliases, whole-term prefixes before later words, then
    shorter terms. Returns (skill, matched alias or None) pairs."""
    norm = normalise((text or "")[:MAX_QUERY_LENGTH])
    if not norm:
        return []
    candidates = (
        SearchTerm.objects.filter(norm__startswith=norm, skill__in=queryset)
        .select_related("skill")
        .only("kind", "term", "is_start", "skill__name", "skill__slug")
        .order_by("norm", "pk")[:_AUTOCOMPLETE_CANDIDATES]
    )
    best = {}
    for term in sorted(
        candidates,
        key=lambda t: (not t.is_start, t.kind != SearchTerm.Kind.NAME, len(t.term), t.term),
    ):
        best.setdefault(term.skill_id, term)
    return [
        (term.skill, term.term if term.kind == SearchTerm.Kind.ALIAS else None)
        for term in list(best.values())[:limit]
    ]


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
            cursor.execute(_similarity_threshold(_SUGGESTION_SIMILARITY) + sql, params)
            row = cursor.fetchone()
        return row[0] if row else ""
    from difflib import SequenceMatcher  # SQLite holds demo-sized data: compare in Python

    scored = [
        (SequenceMatcher(None, parsed.norm, norm).ratio(), term)
        for term, norm in terms.values_list("term", "norm")[:5000]
    ]
    score, term = max(scored, default=(0, ""), key=lambda s: (s[0], s[1]))
    return term if score >= 0.6 else ""
