"""When two names are the same name: the key importers match job titles and skills by, and the
key the duplicate guard compares. Case, accents, spacing and punctuation other than "#" and "+"
do not count: "Data Analyst", "data analyst" and "Data-Analyst" share one key, as do "Café" and
"cafe"; "C#" and "C++" are not "C"."""

import re
import unicodedata

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_NOT_WORD = re.compile(r"[^\w#+]+")  # "C#" and "C++" are not "C"


def name_key(name):
    text = unicodedata.normalize("NFKD", (name or "").casefold().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())
