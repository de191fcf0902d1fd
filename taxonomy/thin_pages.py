"""What a skill page says when answers are missing: one honest line, and what to use instead.

An imported skill often has a name, a summary and little else. Rather than empty headings, the
page names the answers not written yet and points to what the page does offer: related skills,
the ESCO entry it came from, and what extensions offer (their ``thin_page_missing`` and
``thin_page_offers`` page context, ``taxonomy.extensions``: interview questions offers its
generic questions).
"""

from typing import NamedTuple


class Offer(NamedTuple):
    label: str
    url: str


def missing_answers(skill, extension_context):
    """The recruiter's answers this skill has none of (expects ``for_page()``'s prefetches),
    its own and the extensions' (``thin_page_missing``: "written interview questions")."""
    missing = []
    if not skill.resume_examples.all():
        missing.append("CV lines")
    if not skill.job_titles.all():
        missing.append("job titles")
    return [*missing, *extension_context.get("thin_page_missing", ())]


def in_words(items):
    """ "a", "a and b", "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def thin_page_note(skill, extension_context, has_related):
    """``{"missing": "CV lines and job titles", "offers": [Offer, ...]}``, or None when the
    page answers everything."""
    missing = missing_answers(skill, extension_context)
    if not missing:
        return None
    offers = [Offer(*offer) for offer in extension_context.get("thin_page_offers", ())]
    if has_related:
        offers.append(Offer("related skills", "#related"))
    if skill.is_from_esco:
        offers.append(Offer("its entry in ESCO", skill.external_id))
    return {"missing": in_words(missing), "offers": offers}
