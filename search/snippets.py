"""Why a search result matched: the alias, job title or sentence, with the query words marked.

Stored text never reaches the page raw: every piece is escaped first, and only then are whole
words wrapped in <mark>. Words match the way search matches them: case, accents, a word's
ending ("negotiate" / "negotiations"), the typo corrections search accepted, a last-word prefix.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from taxonomy.models import ResumeExample, SkillAlias

from .text import normalise

ALIASES, RESUME_LINES = SkillAlias._meta.db_table, ResumeExample._meta.db_table

_WORD = re.compile(r"\w+")
MAX_PLACES_READ = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ENDINGS = ("ations", "ation", "ators", "ator", "ating", "ated", "ates", "ate", "ments", "ment")
_ENDINGS += (
    "ings",
    "ing",
    "ions",
    "ion",
    "ies",
    "ers",
    "er",
    "es",
    "ed",
    "al",
    "ly",
    "s",
    "e",
    "y",
)


def _root(word):
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


class WordMatcher:
    """Tells which query word (if any) a word of stored text stands for."""

    def __init__(self, parsed):
        self.groups = [
            {_root(spelling) for spelling in parsed.spellings(word)} for word in parsed.words
        ]
        self.prefix_group = parsed.words.index(parsed.prefix) if parsed.prefix else None
        self.prefix = parsed.prefix
        # Every stored word that matches starts, in lower case, with one of these roots (or the
        # prefix): an ASCII text holding none of them matches nothing, without being split into
        # words. Most places a page reads are such texts.
        beginnings = {root for roots in self.groups for root in roots} | {parsed.prefix} - {""}
        self.beginnings = sorted(beginnings)
        self.hint = re.compile("|".join(map(re.escape, self.beginnings)), re.IGNORECASE)
        self.known = {}  # token -> group: job titles repeat the same words many times
        # text -> coverage: a page reads up to 300 places per skill, and ESCO skills on one page
        # share most of their job titles (13 ms a page before, most of the search page's CPU).
        self.covered = {}
        self.titles = {}  # (name, other names) -> best_in_title(): titles repeat across skills

    def best_in_title(self, name, others):
        """(coverage, text, places) of a job title: its name or other name holding the most
        query words (the first such), and how many names it has. Worked out once a page: ESCO
        skills on one results page share most of their job titles."""
        key = (name, others)
        try:
            return self.titles[key]
        except KeyError:
            pass
        best, best_coverage, places = name, self.coverage(name), 1
        if others and (not others.isascii() or self.hint.search(others)):
            for label in others.splitlines():
                if label := label.strip():
                    places += 1
                    coverage = self.coverage(label)
                    if coverage > best_coverage:
                        best, best_coverage = label, coverage
        else:  # no query word in any other name: count them only
            places += sum(1 for label in others.splitlines() if label.strip())
        found = self.titles[key] = (best_coverage, best, places)
        return found

    def group_of(self, token):
        """Index of the query word ``token`` (a word as stored) matches, or None."""
        try:
            return self.known[token]
        except KeyError:
            group = self.known[token] = self._group_of(token)
            return group

    def _group_of(self, token):
        # A plain ASCII word normalises to itself in lower case: skip the Unicode work, which
        # was most of this method's cost (hundreds of distinct words a page).
        words = [token.lower()] if token.isascii() and token.isalnum() else normalise(token).split()
        for word in words:
            root = _root(word)
            for index, roots in enumerate(self.groups):
                if root in roots:
                    return index
            if self.prefix and word.startswith(self.prefix):
                return self.prefix_group
        return None

    def coverage(self, text):
        """How many distinct query words the text holds."""
        try:
            return self.covered[text]
        except KeyError:
            pass
        if text.isascii() and not self.hint.search(text):
            self.covered[text] = 0
            return 0
        found = {self.group_of(token) for token in _WORD.findall(text)}
        found.discard(None)
        covered = self.covered[text] = len(found)
        return covered


def highlight(text, matcher):
    """``text`` escaped, with the words that match the query inside <mark>."""
    pieces, last = [], 0
    for match in _WORD.finditer(text):
        if matcher.group_of(match.group()) is None:
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece above is escaped)


@dataclass
class SearchResult:
    skill: object
    name: SafeString
    summary: SafeString
    reason_label: str = ""
    reason: SafeString = SafeString("")
    found_by_meaning: bool = False


def _sentences(text):
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def job_title_places(skills, matcher):
    """{skill id: [(job title name, its other names that may hold a query word), ...]} for
    ``skills``, A-Z by name as the skill page lists them, in one query.

    Only the names with a word starting as a query word does (``WordMatcher.beginnings``) are
    read, found by prefix in the job titles' label index (``SearchLabel``, normalised: accents
    fold as in search): ESCO skills sit on hundreds of titles with a dozen other names each,
    and reading them all was the largest part of a search page's time for common words."""
    ids = [skill.pk for skill in skills]
    if not ids:
        return {}
    starts = " OR ".join(["sl.norm LIKE %s"] * len(matcher.beginnings))
    sql = (
        "SELECT DISTINCT l.skill_id, jt.name, sl.label, sl.is_name"  # noqa: S608 (constants)
        " FROM taxonomy_skill_job_titles AS l"
        " JOIN taxonomy_jobtitle AS jt ON jt.id = l.jobtitle_id"
        " JOIN search_searchlabel AS sl ON sl.job_title_id = l.jobtitle_id"
        f" WHERE l.skill_id IN ({', '.join(['%s'] * len(ids))}) AND sl.kind = 'job_title'"
        # Every norm holds only a-z, 0-9 and spaces, which sort before "~" (as in autocomplete).
        f" AND sl.norm >= %s AND sl.norm < %s AND ({starts})"
    )
    params = [*ids, matcher.beginnings[0], matcher.beginnings[-1] + "~"]
    params += [f"{start}%" for start in matcher.beginnings]
    titles = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for skill_id, name, label, is_name in cursor.fetchall():
            others = titles.setdefault(skill_id, {}).setdefault(name, [])
            if not is_name:
                others.append(label)
    return {
        skill_id: [
            (name, "\n".join(sorted(others)))
            for name, others in sorted(named.items(), key=lambda item: item[0].lower())
        ]
        for skill_id, named in titles.items()
    }


def alias_and_resume_texts(skills):
    """{skill id: (its aliases A-Z, its resume lines in order)} for ``skills``, as strings, in
    one query. The search page read them through ``prefetch_related``: two queries, a filtered
    queryset cloned per skill and relation (40 a page) and a model per row, ~3 ms of CPU a
    search (an ORM ``values_list`` per table still cost 1.7)."""
    ids = [skill.pk for skill in skills]
    texts = {pk: ([], []) for pk in ids}
    if not ids:
        return texts
    among = ", ".join(["%s"] * len(ids))
    sql = (
        # Kind 0: aliases by term (SkillAlias's order); kind 1: lines by position (ResumeExample's).
        f"SELECT skill_id, 0 AS kind, 0 AS position, term AS sort, term, id FROM {ALIASES}"  # noqa: S608
        f" WHERE skill_id IN ({among})"
        f" UNION ALL SELECT skill_id, 1, position, '', text, id FROM {RESUME_LINES}"
        f" WHERE skill_id IN ({among})"
        " ORDER BY kind, position, sort, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *ids])
        for skill_id, kind, _, _, text, _ in cursor.fetchall():
            texts[skill_id][kind].append(text)
    return texts


def needs_job_titles(skill, matcher, aliases):
    """Whether ``explain`` may look past the name and ``aliases`` for this skill: not when it
    was found by meaning, nor when its name or an alias holds every query word. The search page
    reads job titles for the others only (ESCO skills sit on hundreds)."""
    if getattr(skill, "found_by_meaning", False):
        return False
    wanted = len(matcher.groups)
    return all(matcher.coverage(name) < wanted for name in (skill.name, *aliases))


def _candidates(skill, texts, matcher):
    """Where a match can come from, in the order search ranks the fields, as (label, text,
    coverage, places read): a job title counts as one candidate, its best name."""
    aliases, job_titles, resume_lines = texts
    for alias in aliases:
        yield "Also known as", alias, matcher.coverage(alias), 1
    for name, others in job_titles:
        coverage, text, places = matcher.best_in_title(name, others)
        yield "Job title", text, coverage, places
    for sentence in _sentences(skill.summary):
        yield "Summary", sentence, matcher.coverage(sentence), 1
    for sentence in _sentences(skill.definition):
        yield "Definition", sentence, matcher.coverage(sentence), 1
    for line in resume_lines:
        yield "On a CV", line, matcher.coverage(line), 1


def explain(skill, parsed, matcher=None, *, aliases=(), job_titles=(), resume_lines=()):
    """A SearchResult for a skill from search_skills(), given its texts as strings
    (``alias_and_resume_texts()``, ``job_title_places()``): the marked name and summary, and
    the best other field that holds query words (an alias beats a job title beats a sentence),
    unless the name holds them all. Pass one ``matcher`` for a whole page."""
    if getattr(skill, "found_by_meaning", False):  # no word of the query to mark
        return SearchResult(
            skill=skill,
            name=escape(skill.name),
            summary=escape(skill.summary),
            found_by_meaning=True,
        )
    matcher = matcher or WordMatcher(parsed)
    result = SearchResult(
        skill=skill,
        name=highlight(skill.display_name, matcher),
        summary=highlight(skill.summary, matcher),
    )
    wanted = len(matcher.groups)
    if matcher.coverage(skill.name) == wanted:
        return result
    best, best_coverage, read = None, 0, 0
    # An ESCO skill can sit on hundreds of job titles with a dozen other names each: the first
    # few hundred places are enough to show why it matched.
    texts = (aliases, job_titles, resume_lines)
    for label, text, coverage, places in _candidates(skill, texts, matcher):
        if coverage > best_coverage:
            best, best_coverage = (label, text), coverage
            if coverage == wanted:
                break
        read += places
        if read >= MAX_PLACES_READ:
            break
    if best and best[0] != "Summary":  # the summary is shown, marked, anyway
        result.reason_label, result.reason = best[0], highlight(best[1], matcher)
    return result


def explain_page(skills, parsed):
    """A SearchResult for each of a page of ``search_skills()`` results, in a fixed number of
    queries: their aliases and resume lines (one), then the job titles of those whose name and
    aliases lack a query word (one, as plain rows: an ESCO skill can have hundreds, and building
    ~2,000 models a page cost ~50 ms). One matcher for the page: the titles repeat the same
    words."""
    matcher = WordMatcher(parsed)
    texts = alias_and_resume_texts(skills)
    titled = [skill for skill in skills if needs_job_titles(skill, matcher, texts[skill.pk][0])]
    places = job_title_places(titled, matcher)
    return [
        explain(
            skill,
            parsed,
            matcher,
            aliases=texts[skill.pk][0],
            job_titles=places.get(skill.pk, ()),
            resume_lines=texts[skill.pk][1],
        )
        for skill in skills
    ]
