"""Skill search: the one function behind the search page, autocomplete and the API's ?q=.

Minimal first version (substring match); the ranked, typo-tolerant version replaces the body
without changing the contract.
"""

from django.db.models import Q

MAX_QUERY_LENGTH = 200


def search_skills(queryset, query):
    """Return ``queryset`` narrowed to skills matching ``query``, best match first.

    ``queryset`` is any Skill queryset (``Skill.objects.published()`` for visitors); the result
    is a Skill queryset that can be filtered further and paginated.
    """
    query = (query or "").strip()
    if not query:
        return queryset.none()
    return (
        queryset.filter(
            Q(name__icontains=query)
            | Q(aliases__term__icontains=query)
            | Q(job_titles__name__icontains=query)
            | Q(summary__icontains=query)
        )
        .distinct()
        .order_by("name")
    )


def refresh_search_index(skill_ids):
    """Bring the search index up to date for these skills (no-op in the minimal version)."""
