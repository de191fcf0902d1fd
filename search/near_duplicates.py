"""Near duplicates for the admin's duplicate guard (``settings.NEAR_DUPLICATE_FINDER``).

A skill is a near duplicate of a new name when search finds it by its name or aliases (every
word of the name in them, typos and word forms tolerated: "negotiating contracts" finds
"Contract Negotiation") *and* it means much the same (cosine similarity ``RELATED_MEANING``),
or when it means the same by meaning alone (``SAME_MEANING``: "people management" and "manage
staff"). Requiring both for word matches keeps typo corrections from flagging unrelated names
("knitting" is one typo from "fitting"). A job title is one when its names hold every word typed
(as the start of a word, typos tolerated). Taxonomy calls this through
the setting, so it never imports search.
"""

from taxonomy.models import JobTitle, Skill
from taxonomy.names import name_key

from .meaning import closest_skill_ids
from .query import InvalidSearchQuery, prepare_query
from .ranking import search_skills
from .suggest import matching_labels, query_spellings

LIMIT = 5
# search_rank of at least this: an exact alias, or every word in the name or an alias.
NAME_MATCH_RANK = 1.0
# Cosine similarities: "about the same thing" for word matches, "the same skill in other
# words" alone (search's own floor is 0.45). Measured on the demo content.
RELATED_MEANING = 0.5
SAME_MEANING = 0.8


def find(model, name, exclude_pk=None):
    """Up to ``LIMIT`` rows of ``model`` close to ``name``, closest first (a few queries)."""
    try:
        query = prepare_query(name)
    except InvalidSearchQuery:
        return []
    if model is Skill:
        return _skills(query, name, exclude_pk)
    if model is JobTitle:
        titles, _ = matching_labels(query_spellings(query), job_title_limit=3 * LIMIT)
        found = [t for t, _ in titles if t.pk != exclude_pk and _holds_every_word(t, query)]
        return found[:LIMIT]
    return []


def _holds_every_word(title, query):
    """Each word typed (or a typo correction of it) starts a word of the title's names."""
    words = name_key(" ".join([title.name, *title.alternative_label_list()])).split()
    return all(
        any(
            w.startswith(typed)
            for typed in (word, *query.alternatives.get(word, ()))
            for w in words
        )
        for word in query.norm.split()
    )


def _skills(query, name, exclude_pk):
    others = Skill.objects.exclude(pk=exclude_pk) if exclude_pk else Skill.objects.all()
    similar = dict(closest_skill_ids(name, limit=30, min_similarity=RELATED_MEANING))
    similar.pop(exclude_pk, None)
    if not similar:
        return []
    by_words = search_skills(others, query, by_meaning=False).filter(
        search_rank__gte=NAME_MATCH_RANK, pk__in=list(similar)
    )
    found = list(by_words[:LIMIT])
    seen = {skill.pk for skill in found}
    same = [pk for pk, score in similar.items() if score >= SAME_MEANING and pk not in seen]
    if same and len(found) < LIMIT:
        by_meaning = others.in_bulk(same)
        found += [by_meaning[pk] for pk in same if pk in by_meaning]
    return found[:LIMIT]
