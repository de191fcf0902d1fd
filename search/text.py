"""What a word is, for the index and for queries alike.

``normalise`` mirrors the SQL function ``taxonomy_search_norm`` (search migration 0002) so Python
and PostgreSQL agree: "Café" = "cafe", "track-one" = "track one", "PL/SQL" = "pl sql". Before
punctuation goes, the names of a few technologies whose symbols carry the meaning become words of
their own: "C#" = "csharp", "C++" = "cplusplus", ".NET" = "dotnet", "Node.js" = "nodejs",
"CI/CD" = "cicd" (``SYMBOL_RULES``; the migration holds the same patterns, and
tests/test_search_text.py checks both sides give the same words).
"""

import re
import unicodedata

# Words shorter than this are not in the lexicon and are never corrected for typos.
LEXICON_MIN_LENGTH = 4

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

# (pattern, replacement), applied in order to lower-cased, unaccented text. Written in the
# regular-expression dialect Python and PostgreSQL share (no lookbehind, \1 back-references).
SYMBOL_RULES = (
    (r"(^|[^a-z0-9])([a-z])#", r"\1\2sharp"),  # C#, F#, J#
    (r"([a-z0-9])\+\+", r"\1plusplus"),  # C++, G++, Notepad++
    (r"\.net(?![a-z0-9])", r" dotnet"),  # .NET, ASP.NET
    (r"([a-z0-9])\.js(?![a-z0-9])", r"\1js"),  # Node.js, Vue.js
    (r"(^|[^a-z0-9])ci/cd(?![a-z0-9])", r"\1cicd"),  # CI/CD
)
_SYMBOLS = tuple((re.compile(pattern), replacement) for pattern, replacement in SYMBOL_RULES)

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


def normalise(text):
    """Lower case, accents off, symbol names as words, anything but a-z and 0-9 one space."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    for pattern, replacement in _SYMBOLS:
        text = pattern.sub(replacement, text)
    return _NON_WORD.sub(" ", text).strip()
