"""What was typed, as search understands it: checked, normalised, with typo corrections.

``prepare_query(text)`` is the one entry: it raises ``InvalidSearchQuery`` (its message is for
the person who typed) and costs one query, the lexicon lookup (two when a long word needs the
trigram lookup). A word of four letters or more not in the lexicon is matched against lexicon
words one edit away (two from eight letters, when none is one away). The
last word, when it may be unfinished (two or three letters, or four and more but not a known
word), is also matched as a prefix: "advise on tax pol" finds "advise on tax policy". A whole
query of one or two letters ("R", "HR", "UX") is ``short``: it matches exact names and aliases
only, never as a prefix or a typo.
"""

import os
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from .models import SearchWord
from .text import LEXICON_MIN_LENGTH, STOP_WORDS, normalise

MAX_QUERY_LENGTH = 200
SHORT_QUERY_LENGTH = 2
MIN_PREFIX_LENGTH = 2
_TYPO_SIMILARITY = 0.2
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


class InvalidSearchQuery(ValueError):
    """The query cannot be searched; ``str(exc)`` is a message for the person who typed it."""


@dataclass(frozen=True)
class ParsedQuery:
    """A query as search understands it: normalised words and their accepted spellings."""

    text: str
    norm: str
    words: tuple
    alternatives: dict = field(default_factory=dict)  # word -> lexicon words within typo reach
    prefix: str = ""  # the last word, also matched as a prefix when it may be unfinished

    @property
    def short(self):
        """One or two letters in all: exact names and aliases only."""
        return len(self.norm) <= SHORT_QUERY_LENGTH

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
    return _last_alignment_row(a, b)[-1]


def prefix_distance(typed, word):
    """Edits between ``typed`` and the closest beginning of ``word``: 0 when ``word`` starts
    with it ("analy" / "analysis"), 1 for "analyts" / "analysts"."""
    return min(_last_alignment_row(typed, word))


def _last_alignment_row(a, b):
    """The optimal string alignment table's last row: edits from all of ``a`` to each
    beginning of ``b``."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous


def prefix_probes(word):
    """Beginnings that every word one edit from being a continuation of ``word`` starts with.

    The first letter is taken as typed (a slip there is rare, and keeping it cuts the probes
    from about 700 to about 300 for six letters); an edit in the last letter is covered by
    dropping it."""
    n = len(word)
    probes = {word, word[:-1]}
    probes.update(word[:i] + word[i + 1 :] for i in range(1, n - 1))
    probes.update(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1))
    probes.update(word[:i] + c + word[i + 1 :] for i in range(1, n - 1) for c in _ALPHABET)
    probes.update(word[:i] + c + word[i:] for i in range(1, n) for c in _ALPHABET)
    return sorted(probes)


def one_edit_away(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _ALPHABET),
        *(a + c + b for a, b in splits for c in _ALPHABET),
    }


_TYPED_AND_NEAR_SQL = (
    "WITH typed AS MATERIALIZED (SELECT t.word FROM unnest(string_to_array(%s, ' ')) AS t(word)"
    " WHERE EXISTS (SELECT 1 FROM taxonomy_searchword WHERE word = t.word))"
    " SELECT word FROM typed UNION ALL"
    " SELECT s.word FROM unnest(string_to_array(%s, ' '), string_to_array(%s, ' '))"
    " AS v(typed, word) CROSS JOIN LATERAL"
    " (SELECT word FROM taxonomy_searchword WHERE word = v.word LIMIT 1) AS s"
    " WHERE v.typed NOT IN (SELECT word FROM typed)"
)


def _lexicon_candidates(words):
    """Lexicon words that may be typo corrections of ``words``.

    The words as typed, and every spelling one edit away from those not found so, are looked up
    by equality (exact recall, one query). A word of eight letters or more that is not in the
    lexicon and has no correction one edit away then takes, on PostgreSQL, the lexicon words
    sharing a fifth of its trigrams (GIN index; two typos in an eight-letter word can leave that
    few), a second query: that scan was most of a search's time, and a correction one edit away
    beats any two away (``closest_corrections``).
    On SQLite (demo-sized) every word of similar length comes in the first query.
    edit_distance() then keeps only true corrections.
    """
    long_words = [w for w in words if typo_reach(w) == 2]
    if connection.vendor == "postgresql":
        # One btree probe per spelling (under 1 ms for the few hundred of a word). As
        # "word = ANY(ARRAY[...])" the planner took the trigram GIN index, or a hash join over
        # the whole lexicon once unnested: 3-20 ms at 100,000 skills. LIMIT 1 (words are
        # unique) keeps the lateral a nested loop; the spellings travel as one string. A word
        # found as typed needs no correction: its spellings are not probed (most queries:
        # 1-3 ms of probes for nothing).
        pairs = [(w, v) for w in dict.fromkeys(words) if typo_reach(w) for v in one_edit_away(w)]
        with connection.cursor() as cursor:
            cursor.execute(
                _TYPED_AND_NEAR_SQL,  # normalise() left only a-z and 0-9: spaces split
                [" ".join(words), " ".join(w for w, _ in pairs), " ".join(v for _, v in pairs)],
            )
            found = {row[0] for row in cursor.fetchall()}
            far = [w for w in long_words if w not in found and not _one_edit_from(w, found)]
            if far:
                cursor.execute(
                    similarity_threshold(_TYPO_SIMILARITY)  # noqa: S608 (constants only)
                    + "SELECT k.word FROM unnest(%s::text[]) AS q(w) CROSS JOIN LATERAL"
                    " (SELECT word FROM taxonomy_searchword WHERE word %% q.w) AS k",
                    [far],
                )
                found.update(row[0] for row in cursor.fetchall())
        return found
    near = sorted({v for w in words if typo_reach(w) for v in one_edit_away(w)} | set(words))
    found = Q(word__in=near)
    if long_words:
        lengths = [len(w) for w in long_words]
        found |= Q(size__range=(min(lengths) - 2, max(lengths) + 2))
    return set(
        SearchWord.objects.annotate(size=Length("word"))
        .filter(found)
        .values_list("word", flat=True)
    )


def _one_edit_from(word, known):
    return any(abs(len(k) - len(word)) <= 1 and edit_distance(word, k) <= 1 for k in known)


def closest_corrections(word, known):
    """The words of ``known`` within ``word``'s typo reach, the closest only: those one edit
    away when there are any, else those two away (for words of eight letters or more)."""
    reach = typo_reach(word)
    # A length gap is a lower bound of the distance: skip those words unmeasured.
    distances = {
        k: edit_distance(word, k) for k in known if k != word and abs(len(k) - len(word)) <= reach
    }
    for allowed in range(1, reach + 1):
        close = sorted(k for k, distance in distances.items() if distance <= allowed)
        if close:
            return tuple(close)
    return ()


_PREFIX_PROBE_LIMIT = 8


def lexicon_words(exact, prefixes):
    """Lexicon words equal to one of ``exact`` or starting with one of ``prefixes`` (at most
    eight per prefix on PostgreSQL), in one query. Autocomplete's typo lookup."""
    exact, prefixes = sorted(set(exact)), sorted(set(prefixes))
    if not exact and not prefixes:
        return set()
    if connection.vendor == "postgresql":
        # As in _lexicon_candidates: one btree probe per spelling, each a nested loop. "~"
        # sorts after every letter and digit in the byte order of the "C" collation.
        sql = (
            "SELECT s.word FROM unnest(string_to_array(%s, ' ')) AS v(word) CROSS JOIN LATERAL"
            " (SELECT word FROM taxonomy_searchword WHERE word = v.word LIMIT 1) AS s"
            " UNION SELECT k.word FROM unnest(string_to_array(%s, ' ')) AS p(start)"
            " CROSS JOIN LATERAL (SELECT word FROM taxonomy_searchword WHERE word >= p.start"
            " AND word < p.start || '~' ORDER BY word LIMIT %s) AS k"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [" ".join(exact), " ".join(prefixes), _PREFIX_PROBE_LIMIT])
            return {row[0] for row in cursor.fetchall()}
    # SQLite (demo-sized): one condition per prefix made a 15-letter word's ~1,000 probes an
    # expression deeper than SQLite allows (a 503 on "internationalisation"). The probes share
    # their beginning (the first letter is kept as typed): fetch the words starting with it and
    # keep those with a probe as a prefix here.
    found = Q(word__in=exact) if exact else Q(pk__in=[])
    common = os.path.commonprefix(prefixes) if prefixes else ""
    if prefixes:
        found |= Q(word__startswith=common)
    probes = set(prefixes)
    return {
        word
        for word in SearchWord.objects.filter(found).values_list("word", flat=True)
        if word in exact or any(word[:k] in probes for k in range(len(common), len(word) + 1))
    }


def similarity_threshold(value):
    """pg_trgm's % operator reads its threshold from a setting; set it in the same round trip
    (one statement string) so each lookup is deterministic whatever ran before on the
    connection."""
    return f"SET pg_trgm.similarity_threshold = {float(value)}; "


def prepare_query(text):
    """Parse ``text`` and find typo corrections for its words (one query, two for a far typo);
    raises InvalidSearchQuery. Views call this once and pass the result to every function below."""
    parsed = parse_query(text)
    known = _lexicon_candidates(parsed.words)
    alternatives = {}
    for word in parsed.words:
        if typo_reach(word) and word not in known:
            close = closest_corrections(word, known)
            if close:
                alternatives[word] = close
    last = parsed.words[-1]
    unfinished = len(last) < LEXICON_MIN_LENGTH or last not in known
    prefix = last if len(last) >= MIN_PREFIX_LENGTH and unfinished and not parsed.short else ""
    return ParsedQuery(parsed.text, parsed.norm, parsed.words, alternatives, prefix)


def prepared(query):
    if isinstance(query, ParsedQuery):
        return query
    if not (query or "").strip():
        return None
    return prepare_query(query)
