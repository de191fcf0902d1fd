"""The seam through which other apps add content to every skill, without taxonomy importing them.

A skill's page, its ETag, the taxonomy file (JSON and CSV) and the skill admin are taxonomy's;
interview questions are ``interviews``'s. ``settings.SKILL_EXTENSIONS`` lists the classes (dotted
paths) that plug such content in; each subclasses ``SkillExtension`` and says:

- ``key``: its list in a skill record of the taxonomy file and in the skill's page context
  ("interview_questions"); ``csv_record`` and ``csv_columns``: its rows in the CSV form;
- ``prefetch``: the lookups the skill page and the export need (added to ``for_page()`` and
  ``for_export()``), and ``fingerprint(skill)``: what the page shows of it, for the ETag;
- ``page_template``: a template included on the skill page, given ``skill``;
  ``related_template``: one included after the related skills, in "Also try searching for";
- ``export(skill)``: its items as plain data (``export_item`` one of them); ``build(item,
  position)``: one item of a file as an unsaved, validated instance (a ``ValidationError``
  names the bad key);
  ``replace(items_by_skill)``: the import's write, inside its transaction;
- ``admin_inlines``: inline classes the skill admin shows after taxonomy's own;
- ``history_children``: ``{relation name: model}`` of its children on a skill, which the
  skill's history records and a revert restores (``taxonomy.history``);
- ``coverage(skill_ids)``: its counts per skill for ``taxonomy.completeness`` (what makes a
  skill complete), e.g. ``{"questions": 6, "question_kinds": 3}``;
- ``merge(loser, survivor)``: move its content from a skill being merged away to the survivor
  (``taxonomy.merging``), and ``counts(skill)``: {label: number} of what a merge would move;
- ``page_context(skill, request)``: extra context for the skill page, computed once per
  request before the ETag, which fingerprints it (so give values whose ``repr`` shows what the
  page shows: names and URLs, not model instances). A fixed number of queries, please.
  Three keys are lists that every extension adds to (``LISTED_KEYS``): ``jump_links``, its
  sections for the page's jump links, (label, "#anchor"); ``thin_page_missing``, answers it
  has none of ("written interview questions"); ``thin_page_offers``, (label, "#anchor" or URL)
  of what it offers instead (``taxonomy.thin_pages`` words the note).

An extension with an empty ``key`` carries nothing in the taxonomy file (``file_extensions``
leaves it out): search's similar skills only add page context.

Reading the list once per process keeps the cost at zero per request.
"""

import functools

from django.conf import settings
from django.utils.module_loading import import_string


class SkillExtension:
    key = ""
    csv_record = ""
    csv_columns = ()
    prefetch = ()
    page_template = ""
    related_template = ""
    admin_inlines = ()
    history_children = {}

    def fingerprint(self, skill):
        return ()

    def export(self, skill):
        return []

    def export_item(self, item):
        raise NotImplementedError

    def build(self, item, position):
        raise NotImplementedError

    def replace(self, items_by_skill):
        raise NotImplementedError

    def coverage(self, skill_ids):
        return {}

    def page_context(self, skill, request):
        return {}

    def merge(self, loser, survivor):
        """Nothing to move by default (page context only)."""

    def counts(self, skill):
        return {}


@functools.cache
def skill_extensions():
    """The configured extensions, instantiated once, in settings order."""
    return tuple(import_string(path)() for path in settings.SKILL_EXTENSIONS)


def file_extensions():
    """The extensions whose content travels in the taxonomy file (they have a ``key``)."""
    return tuple(extension for extension in skill_extensions() if extension.key)


# Page context keys whose lists from several extensions are joined rather than replaced.
LISTED_KEYS = ("jump_links", "thin_page_missing", "thin_page_offers")


def extension_page_context(skill, request):
    """Every extension's extra skill page context, merged (``LISTED_KEYS`` joined in order)."""
    context = {key: [] for key in LISTED_KEYS}
    for extension in skill_extensions():
        extra = extension.page_context(skill, request)
        for key in LISTED_KEYS:
            context[key].extend(extra.pop(key, ()))
        context.update(extra)
    return context


def extension_prefetches():
    return [lookup for extension in skill_extensions() for lookup in extension.prefetch]
