"""The boolean search string a recruiter pastes into LinkedIn or a job board."""


def quoted(term):
    """A phrase in double quotes; quotes inside the term would end the phrase, so they go."""
    return '"' + " ".join(term.replace('"', " ").split()) + '"'


def any_of(terms):
    """("a" OR "b" ...), each term once whatever its case, in the order given."""
    seen, phrases = set(), []
    for term in terms:
        phrase = quoted(term)
        if phrase != '""' and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            phrases.append(phrase)
    return "(" + " OR ".join(phrases) + ")"


def boolean_search_string(skill, job_titles=None):
    """("Name" OR "alias" ...) AND ("Job title" OR ...): the skill under any name, in a role.

    ``job_titles``: those to name (the skill page names those it shows: an ESCO skill can sit
    on 345, a string no search box takes); by default all. Reads ``aliases`` and
    ``job_titles`` through ``.all()`` so the prefetches of ``Skill.objects.for_page()`` are
    used.
    """
    names = any_of([skill.name, *(alias.term for alias in skill.aliases.all())])
    shown = skill.job_titles.all() if job_titles is None else job_titles
    titles = [title.name for title in shown]
    return f"{names} AND {any_of(titles)}" if titles else names
