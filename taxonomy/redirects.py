"""Old slugs keep working: renames and merges leave a permanent redirect, and every rename,
merge and deletion is an entry of the changes feed.

The write rule (``taxonomy.changes.content_changed``) records them from what a write says it
did (``renamed``, ``merged``, ``deleted``), so admin, the API and merges all leave the same
trail. Redirects are flattened as they are written: after "a" was renamed "b" and "b" merged
into "c", both "a" and "b" point at "c", so a client follows one redirect, never a chain.
Pages and the API consult ``redirect_for(kind, slug)`` only when no row has the slug.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from .models import Category, JobTitle, Skill, SlugChange, SlugKind, SlugRedirect

KIND_OF_MODEL = {Skill: SlugKind.SKILL, JobTitle: SlugKind.JOB_TITLE, Category: SlugKind.CATEGORY}
PAGE_URL_NAMES = {
    SlugKind.SKILL: "taxonomy:skill-detail",
    SlugKind.JOB_TITLE: "taxonomy:jobtitle-detail",
    SlugKind.CATEGORY: "taxonomy:category-detail",
}


def kind_of(obj):
    return KIND_OF_MODEL[type(obj)]


def redirect_for(kind, slug):
    """The slug ``slug`` of ``kind`` now answers as, or None."""
    return (
        SlugRedirect.objects.filter(kind=kind, old_slug=slug)
        .values_list("new_slug", flat=True)
        .first()
    )


def redirects_for(kind, slugs):
    """{old slug: new slug} for those of ``slugs`` a rename or merge left behind (one query)."""
    moved = SlugRedirect.objects.filter(kind=kind, old_slug__in=list(slugs))
    return dict(moved.values_list("old_slug", "new_slug"))


def record_slug_changes(renamed=(), merged=(), deleted=()):
    """The write rule's part: ``renamed`` holds (kind, old slug, new slug); ``merged`` (loser,
    survivor) instances; ``deleted`` instances as they were before deletion."""
    events = []
    for kind, old, new in renamed:
        kind = SlugKind(kind)
        _point(kind, old, new)
        events.append(SlugChange(kind=kind, event="renamed", old_slug=old, new_slug=new))
    for loser, survivor in merged:
        kind = kind_of(loser)
        _point(kind, loser.slug, survivor.slug)
        events.append(
            SlugChange(
                kind=kind,
                event="merged",
                old_slug=loser.slug,
                new_slug=survivor.slug,
                public=getattr(loser, "is_public", True),
            )
        )
    for obj in deleted:
        kind = kind_of(obj)
        SlugRedirect.objects.filter(kind=kind, new_slug=obj.slug).delete()
        events.append(
            SlugChange(
                kind=kind,
                event="deleted",
                old_slug=obj.slug,
                public=getattr(obj, "is_public", True),
            )
        )
    _mark_unpublished_renames(events)
    SlugChange.objects.bulk_create(events)


def _point(kind, old, new):
    """``old`` now redirects to ``new``, and so does every slug that pointed at ``old``."""
    SlugRedirect.objects.filter(kind=kind, new_slug=old).update(new_slug=new)
    # The new slug is live again (this also drops the loop a rename back would make).
    SlugRedirect.objects.filter(kind=kind, old_slug=new).delete()
    SlugRedirect.objects.update_or_create(kind=kind, old_slug=old, defaults={"new_slug": new})


def _mark_unpublished_renames(events):
    renamed = [e for e in events if e.event == "renamed" and e.kind == SlugKind.SKILL]
    if not renamed:
        return
    public = set(
        Skill.objects.published()
        .filter(slug__in=[e.new_slug for e in renamed])
        .values_list("slug", flat=True)
    )
    for event in renamed:
        event.public = event.new_slug in public


class RedirectOldSlugs:
    """For detail views: a slug no row has, but that a rename or merge left behind, answers a
    301 to the page's new address (query string kept)."""

    slug_kind = SlugKind.SKILL

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            new = redirect_for(self.slug_kind, kwargs["slug"])
            if new is None:
                raise
            url = reverse(PAGE_URL_NAMES[self.slug_kind], args=[new])
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
