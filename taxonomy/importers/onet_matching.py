"""Which skill an O*NET technology is: the matching rule (README "Importing O*NET").

O*NET names products its own way: "Microsoft Excel", "Salesforce software", "Amazon Web
Services AWS software", "Salesforce.com Salesforce CRM". A technology links to a skill we
already have when one of these holds, tried in this order (the first step that finds a skill
decides):

1. **Same name**: its name and the skill's name or one of its aliases are the same name
   (``taxonomy.names.name_key``: case, accents and punctuation do not count; "C#" is not "C").
2. **Same product**: the same after dropping a trailing "software" ("Salesforce software" is
   "Salesforce") and, where the name ends in an abbreviation of the words before it, either
   half: "Amazon Web Services AWS software" is "Amazon Web Services" and "AWS";
   "Amazon Web Services (AWS)" likewise. The skill side gets the same treatment.
3. **Same product without the vendor**: for a name starting with a vendor in ``VENDORS``, the
   rest of the name, compared as in step 2 but only with curated skills (those editors made,
   not ESCO's concepts or O*NET's own technologies): "Microsoft Excel" finds a curated "Excel",
   "Salesforce.com Salesforce CRM" a curated "Salesforce" known as "Salesforce CRM". Only
   curated ones, because different vendors' products share generic rests ("Adobe Analytics"
   and "Google Analytics", "Oracle Database" and "Database software").

Nothing else matches: "React Native" is not "React", "React Redux" is neither. Where several
skills match in one step, a skill matched by its name beats one matched by an alias, then a
curated skill beats ESCO's and O*NET's, then the oldest wins. Technologies with no match become
new skills, and later technologies can match those (steps 1 and 2): "Bioconductor software"
joins "Bioconductor". Once linked, a technology stays with its skill on every re-import
(``OnetTechnology`` remembers it), whatever editors rename or alias later.
"""

import re

from ..names import name_key

VENDORS = (
    "Adobe",
    "Amazon",
    "Apache",
    "Apple",
    "Atlassian",
    "Autodesk",
    "Cisco",
    "Corel",
    "ESRI",
    "Google",
    "IBM",
    "Intuit",
    "Microsoft",
    "Oracle",
    "Salesforce.com",
    "SAP",
    "Siemens",
)
_VENDOR_KEYS = frozenset(name_key(vendor) for vendor in VENDORS)
_GENERIC_ENDING = " software"
_ABBREVIATION = re.compile(r"\(?([A-Z][A-Z0-9]+)\)?\Z")
CURATED, ESCO, ONET = 0, 1, 2  # who made a skill, best first when several match


def _without_generic_ending(text):
    text = text.strip()
    if text.lower().endswith(_GENERIC_ENDING) and len(text) > len(_GENERIC_ENDING):
        return text[: -len(_GENERIC_ENDING)]
    return text


def product_keys(text):
    """The keys of step 2: the name without a trailing "software", and where it ends in an
    abbreviation of the words before it ("Amazon Web Services AWS"), each half."""
    text = _without_generic_ending(text)
    keys = {name_key(text)}
    words = text.split()
    match = _ABBREVIATION.match(words[-1]) if len(words) > 1 else None
    if match:
        letters = match.group(1)
        before = words[:-1]
        initials = "".join(w[0] for w in before[-len(letters) :] if w).upper()
        if len(before) >= len(letters) and initials == letters:
            keys |= {name_key(" ".join(before)), name_key(letters)}
    return keys - {""}


def vendor_keys(text):
    """The keys of step 3: ``product_keys`` of the name without its leading vendor."""
    words = text.split()
    for n in range(1, len(words)):
        if name_key(" ".join(words[:n])) in _VENDOR_KEYS:
            return product_keys(" ".join(words[n:]))
    return set()


class SkillIndex:
    """Every skill's names and aliases under the keys of the three steps, so matching 9,000
    technologies costs dictionary look-ups, not queries."""

    def __init__(self):
        self.exact, self.product = {}, {}

    def add(self, skill_id, text, *, is_name, maker):
        rank = (0 if is_name else 1, maker, skill_id)
        self._put(self.exact, name_key(text), rank, maker)
        for key in product_keys(text):
            self._put(self.product, key, rank, maker)

    @staticmethod
    def _put(table, key, rank, maker):
        if key:
            table.setdefault(key, []).append((rank, maker))

    def match(self, technology):
        """The skill id ``technology`` (an O*NET name) links to, or None: the three steps."""
        steps = (
            (self.exact, {name_key(technology)}, False),
            (self.product, product_keys(technology), False),
            (self.product, vendor_keys(technology), True),
        )
        for table, keys, curated_only in steps:
            found = [
                rank
                for key in keys
                for rank, maker in table.get(key, ())
                if not curated_only or maker == CURATED
            ]
            if found:
                return min(found)[2]
        return None
