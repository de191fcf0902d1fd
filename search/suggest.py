"""Suggestions while typing (autocomplete) and after a search that found nothing."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from .models import SearchTerm
from .query import MAX_QUERY_LENGTH, similarity_threshold
from .text import normalise

AUTOCOMPLETE_LIMIT = 8
_AUTOCOMPLETE_CANDIDATES = 64
_SUGGESTION_SIMILARITY = 0.3


def autocomplete(queryset, text, limit=AUTOCOMPLETE_LIMIT):
    """The top ``limit`` skills of ``queryset`` whose name or alias has a word starting with
    ``text``, in one query: names before aliases, whole-term prefixes before later words, then
    shorter terms. Returns (skill, matched alias or None) pairs."""
    norm = normalise((text or "")[:MAX_QUERY_LENGTH])
    if not norm:
        return []
    candidates = (
        SearchTerm.objects.filter(norm__startswith=norm, skill__in=queryset)
        .select_related("skill")
        .only("kind", "term", "is_start", "skill__name", "skill__slug")
        .order_by("norm", "pk")[:_AUTOCOMPLETE_CANDIDATES]
    )
    best = {}
    for term in sorted(
        candidates,
        key=lambda t: (not t.is_start, t.kind != SearchTerm.Kind.NAME, len(t.term), t.term),
    ):
        best.setdefault(term.skill_id, term)
    return [
        (term.skill, term.term if term.kind == SearchTerm.Kind.ALIAS else None)
        for term in list(best.values())[:limit]
    ]


def did_you_mean(queryset, parsed):
    """The skill name or alias of ``queryset`` closest to a query that found nothing, or ""."""
    terms = SearchTerm.objects.filter(is_start=True, skill__in=queryset)
    if connection.vendor == "postgresql":
        best = (
            terms.filter(norm__trigram_similar=parsed.norm)
            .annotate(similarity=TrigramSimilarity("norm", parsed.norm))
            .order_by("-similarity", "term")
            .values_list("term", flat=True)[:1]
        )
        sql, params = best.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(similarity_threshold(_SUGGESTION_SIMILARITY) + sql, params)
            row = cursor.fetchone()
        return row[0] if row else ""
    from difflib import SequenceMatcher  # SQLite holds demo-sized data: compare in Python

    scored = [
        (SequenceMatcher(None, parsed.norm, norm).ratio(), term)
        for term, norm in terms.values_list("term", "norm")[:5000]
    ]
    score, term = max(scored, default=(0, ""), key=lambda s: (s[0], s[1]))
    return term if score >= 0.6 else ""
