"""The one write rule: every path that writes content calls ``content_changed`` with what changed.

Admin (forms, inlines, bulk actions, deletes), API writes, both importers, reverts and merges
call it inside their transaction, after their own writes, naming the skills, job titles and
categories they created, changed or deleted (and slugs they renamed, merged or deleted). It then:

1. bumps ``updated`` on the skills named and on the skills that show a changed job title or
   category, so API clients syncing with ``updated_since``, ETags and the edit-conflict check
   all see the change;
2. refreshes the named skills' coverage (``taxonomy.completeness``: what "complete" means)
   and the name keys of the named skills and job titles (``taxonomy.duplicates``: the guard);
3. leaves a redirect for each renamed or merged slug and an entry in the changes feed for it
   and for each deleted one (``taxonomy.redirects``);
4. hands a ``ContentChange`` to each handler in ``settings.CONTENT_CHANGE_HANDLERS``: the search
   index (``search.indexing.on_content_change``) and the page cache
   (``taxonomy.cached_pages.on_content_change``, which retires only the cached pages showing
   what changed). Settings wire them, so taxonomy does not import search.

Nothing else keeps derived data current: there are no model signals. Code that writes content
some other way (a shell, raw SQL) must call this too, or run ``manage.py rebuild_search_index``.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .completeness import refresh_coverage
from .duplicates import refresh_name_keys
from .models import Skill, in_category_tree
from .redirects import kind_of, record_slug_changes

CHUNK = 5000


@dataclass(frozen=True)
class ContentChange:
    """What one write changed, by primary key (deleted rows included)."""

    skill_ids: frozenset = frozenset()
    job_title_ids: frozenset = frozenset()
    category_ids: frozenset = frozenset()
    renamed: tuple = ()  # (kind, old slug, new slug): "skill", "job_title" or "category"
    merged: tuple = ()  # (kind, old slug, new slug): the loser's slug and the survivor's
    deleted: tuple = ()  # (kind, slug)
    all_skill_ids: frozenset = field(default=frozenset(), compare=False)

    def __bool__(self):
        return bool(
            self.skill_ids
            or self.job_title_ids
            or self.category_ids
            or self.renamed
            or self.merged
            or self.deleted
        )


def _ids(values):
    return frozenset(int(getattr(value, "pk", value)) for value in values)


def affected_skill_ids(skill_ids=(), job_title_ids=(), category_ids=()):
    """The named skills and the skills whose page shows a named job title or category."""
    found = set(skill_ids)
    titles = sorted(job_title_ids)
    for start in range(0, len(titles), CHUNK):
        links = Skill.job_titles.through.objects.filter(
            jobtitle_id__in=titles[start : start + CHUNK]
        )
        found.update(links.values_list("skill_id", flat=True))
    if category_ids:
        in_any = Q()
        for category_id in category_ids:
            in_any |= in_category_tree(category_id)
        found.update(Skill.objects.filter(in_any).values_list("pk", flat=True))
    return frozenset(found)


def content_changed(
    *, skills=(), job_titles=(), categories=(), renamed=(), merged=(), deleted=(), touch=True
):
    """Apply the write rule to what a write changed: ids or model instances of each kind.

    ``renamed`` lists (kind, old slug, new slug); ``merged`` (loser, survivor) instances of a
    merge (``taxonomy.merging``); ``deleted`` the deleted instances (their slugs): each leaves a
    redirect or an entry in the changes feed (``taxonomy.redirects``).

    ``touch=False`` keeps the ``updated`` stamps as they are (an import that sets its own, a
    rebuild that changes no content). Returns the ``ContentChange`` the handlers received.
    """
    skill_ids, job_title_ids, category_ids = _ids(skills), _ids(job_titles), _ids(categories)
    every = affected_skill_ids(skill_ids, job_title_ids, category_ids)
    change = ContentChange(
        skill_ids=skill_ids,
        job_title_ids=job_title_ids,
        category_ids=category_ids,
        renamed=tuple(renamed),
        merged=tuple((kind_of(old), old.slug, new.slug) for old, new in merged),
        deleted=tuple((kind_of(obj), obj.slug) for obj in deleted),
        all_skill_ids=every,
    )
    if not change:
        return change
    if touch and every:
        now, ids = timezone.now(), sorted(every)
        for start in range(0, len(ids), CHUNK):
            Skill.objects.filter(pk__in=ids[start : start + CHUNK]).update(updated=now)
    record_slug_changes(renamed, merged, deleted)
    refresh_coverage(skill_ids)
    refresh_name_keys(skill_ids, job_title_ids)
    for handler in change_handlers():
        handler(change)
    return change


def change_handlers():
    return [import_string(path) for path in settings.CONTENT_CHANGE_HANDLERS]
