"""Text no database column can hold, found before writing so an import names where it is.

PostgreSQL refuses a NUL character in text, and a lone surrogate (``\\ud800``, which a JSON
file can spell as an escape) is not Unicode at all: the driver cannot even encode it. Both
used to surface as tracebacks halfway through an import; now the importers check every string
first and fail with the file, line and field (the API's serializers refuse them already).
"""

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text):
    """Why ``text`` cannot be stored, or None when it can (one regular expression scan)."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "contains a NUL character (\\x00), which text cannot hold"
    escaped = found.group().encode("unicode_escape").decode()
    return f"contains a lone surrogate ({escaped}), which is not valid Unicode"


def first_unstorable(value, where=""):
    """``(where, reason)`` of the first unstorable string in a JSON-like value, or None.

    ``where`` is named as the importers name fields: ``aliases[2]``, ``questions[0].guidance``.
    """
    if isinstance(value, str):
        reason = unstorable(value)
        return (where, reason) if reason else None
    if isinstance(value, dict):
        items = ((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
        for key in value:
            if isinstance(key, str) and unstorable(key):
                return (where, f"a key {unstorable(key)}")
    elif isinstance(value, list):
        items = ((f"{where}[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    for place, item in items:
        found = first_unstorable(item, place)
        if found:
            return found
    return None
