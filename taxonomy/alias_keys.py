"""The one rule for "the same alias, ignoring case", shared by validation and the database.

Before, validation compared ``str.casefold()`` while PostgreSQL's unique index compared
``lower(term)``; the two disagree ("İ".casefold() is "i̇" but PostgreSQL lowers "İ" to "i", and
SQLite's lower() folds ASCII only), so a pair that passed validation crashed the write (500 in
the API, tracebacks in both importers). Now the key is computed here, in Python, stored in
``SkillAlias.key`` and unique per skill in the database: validation and the database compare
the very same string on every database.
"""

import unicodedata


def alias_key(term):
    """Canonically composed (NFC) and case-folded: "SQL" and "sql" share a key, as do "Straße"
    and "STRASSE", and "é" written as one or two code points; "İ" and "i" do not (Unicode case
    folding keeps the dot), nor full-width "ＳＱＬ" and "SQL"."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", term).casefold())
