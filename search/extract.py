"""Finding the skills a text names: the job advert reader behind interview kits and the API.

``find_skills(text, skills)`` returns the skills of ``skills`` (a visible set,
``Skill.objects.visible_to(user)``) whose name or alias appears in ``text``, and the job titles
it names with their skills, each with the phrases that triggered it (character offsets into the
text as given). It reads the search index's names and aliases (``SearchTerm``, normalised by
``text.normalise``, so "Power-BI" finds "Power BI") and the job titles' names and other names.

How it reads, in order:

1. The text is cut into words with their offsets; a sentence end, a new line or a bullet starts
   a new sentence, and no phrase crosses one.
2. Every run of up to ``MAX_TERM_WORDS`` words (and the run with a plural "s" dropped from its
   last word) is looked up among the whole names and aliases, in one query, and among the job
   titles (kept in memory per process, refreshed when job titles change).
3. Longest phrases win: "React Native" is not also "React".
4. Precision. Short terms ("R", "Go", "PR"; anything of one or two letters) and terms that are
   ordinary English words ("lead", "Excel", "Swift", "Python") are only taken in a context that
   makes them the skill: written as the skill writes them ("R", not "r"; "C++" is not "C#"),
   not as part of a word ("R&D", "go-getter"), not used as a verb ("excel at", "Lead the
   team"), and, when short, or at a sentence start, or inside a Title Case heading, or written
   in another case, only beside another skill ("Python, R and SQL") or a word that says what it
   is ("in R", "Go developer", "Excel skills").

5. Close matches by meaning (``close_matches_by_meaning``): a sentence very close in meaning to
   a skill nothing else found suggests it, marked ``via="meaning"``; pages label them so.

The text is never stored or logged: nothing here writes it anywhere, the search log is not
involved (this module does not go through ``ranking``), and every function holding it is marked
``sensitive_variables`` so error reports leave it out.
"""

import json
import re
import threading
import time
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max
from django.views.decorators.debug import sensitive_variables
from lemminflect import getAllLemmas

from taxonomy.models import JobTitle

from .meaning import closest_skill_ids_each
from .models import SearchTerm
from .text import normalise

MAX_TEXT_LENGTH = 20_000
MAX_TERM_WORDS = 8
# Close matches by meaning: how close a sentence must be to a skill, and how many to add.
MEANING_SIMILARITY = 0.75
MAX_MEANING_MATCHES = 5
MEANING_MIN_WORDS, MEANING_MAX_WORDS = 3, 30
JOB_TITLE_CACHE_SECONDS = 300

_CHUNK = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)\]]*$")
_BULLETS = frozenset("•·▪●◦‣∙*-–—|>")
_LEADING = "\"'“”‘’([{<*•·▪●◦‣∙"
_TRAILING = "\"'“”‘’)]}>.,;:!?*"
_JOINERS = frozenset("&-'’")  # "R&D", "go-getter", "Go's": one word, not a skill
_LIST_GAP = re.compile(
    r"^(?:\s*(?:[,/&+]|\band\b|\bor\b|\bas well as\b)\s*)+$|^\s*[,/&+]?\s*$", re.I
)
_FUNCTION_WORDS = frozenset(
    "the and or of to for with on at by is are be we you our your will from this that".split()  # noqa: SIM905
)
_NOMINAL = (
    "tion",
    "sion",
    "ment",
    "ance",
    "ence",
    "ysis",
    "ogy",
    "ship",
    "ism",
    "ity",
    "age",
)

# Words before or after a short or ambiguous term that say it is the skill.
CUES_BEFORE = frozenset(["in", "with", "using", "use", "uses", "used", "know", "knowing"])
CUES_AFTER = frozenset(
    """programming language languages developer developers development engineer engineers
    engineering code coding codebase scripts scripting skills skill proficiency experience
    knowledge spreadsheet spreadsheets modelling modeling models framework frameworks library
    libraries packages services microservices apps applications stack ecosystem certification
    certified formulas formulae macros pivot dashboards programmer programmers""".split()  # noqa: SIM905
)
# Words before an -ing term that make it a verb: "the department is recruiting".
PROGRESSIVE_BEFORE = frozenset("is are am was were be been being re s".split())  # noqa: SIM905
# Words after an ordinary-word term that show it is a verb: "excel at", "lead the team".
VERB_USE_AFTER = frozenset(
    "at to the a an your our their his her its by into up beyond through across from".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    term: str  # the name, alias or job title as the taxonomy writes it
    via: str  # "name", "alias", "job_title" or "meaning"


@dataclass
class FoundSkill:
    skill: object  # a Skill with at least pk, slug and name
    matches: list = field(default_factory=list)

    @property
    def via(self):
        return self.matches[0].via if self.matches else ""


@dataclass(frozen=True)
class SkillRef:
    """A skill as a job title found in the text lists it: enough to tick it and link to it."""

    pk: int
    slug: str
    name: str

    @property
    def display_name(self):
        return self.name[:1].upper() + self.name[1:]


@dataclass
class FoundJobTitle:
    job_title: JobTitle
    matches: list = field(default_factory=list)
    skills: list = field(default_factory=list)  # SkillRef of its visible skills, by name


@dataclass
class Extraction:
    skills: list  # FoundSkill, in order of first appearance
    job_titles: list  # FoundJobTitle, in order of first appearance


class TextTooLong(ValueError):
    """The text is longer than ``MAX_TEXT_LENGTH``; ``str(exc)`` says so for a person."""


@dataclass
class _Word:
    norm: str
    start: int
    end: int
    sentence: int
    first_in_sentence: bool


# --- 1. words with offsets ----------------------------------------------------------------


def _trim(chunk, start):
    left, right = 0, len(chunk)
    while left < right and chunk[left] in _LEADING:
        left += 1
    while right > left and chunk[right - 1] in _TRAILING:
        right -= 1
    return start + left, start + right


def _word_spans(chunk, start, words):
    """Offsets of each normalised word inside a chunk holding several ("PL/SQL", "R&D")."""
    spans, position = [], 0
    folded = [normalise(c) or " " for c in chunk]
    flat, owner = [], []
    for index, piece in enumerate(folded):
        flat.append(piece)
        owner.extend([index] * len(piece))
    flat = "".join(flat)
    for word in words:
        found = flat.find(word, position)
        if found < 0:  # normalise() read the chunk differently: fall back to the whole chunk
            return [_trim(chunk, start)] * len(words)
        spans.append((start + owner[found], start + owner[found + len(word) - 1] + 1))
        position = found + len(word)
    return spans


def _new_line_starts_sentence(space, chunk):
    """A blank line, or a line starting with a capital, a digit or a bullet, starts a sentence;
    a line starting in lower case goes on with the one before (text wrapped by an email or a
    PDF: "weekly sales" / "forecasting")."""
    breaks = space.count("\n")
    return breaks > 1 or (breaks == 1 and not chunk[:1].islower())


@sensitive_variables("text")
def _words(text):
    words, sentence, new_sentence, previous_end = [], 0, True, 0
    for chunk_match in _CHUNK.finditer(text):
        chunk, start = chunk_match.group(), chunk_match.start()
        if _new_line_starts_sentence(text[previous_end:start], chunk):
            new_sentence = True
        previous_end = chunk_match.end()
        s, e = _trim(chunk, start)
        if text[s:e].isascii() and text[s:e].isalnum():
            norms = [text[s:e].lower()]  # most words: what normalise() gives, at a tenth the cost
        else:
            norms = normalise(chunk).split()
        if not norms:
            if all(c in _BULLETS for c in chunk):
                new_sentence = True
            continue
        if new_sentence:
            sentence += 1
        spans = [(s, e)] if len(norms) == 1 else _word_spans(chunk, start, norms)
        for i, (norm, (left, right)) in enumerate(zip(norms, spans, strict=True)):
            words.append(_Word(norm, left, right, sentence, new_sentence and i == 0))
        new_sentence = bool(_SENTENCE_END.search(chunk))
    return words


def _runs(words):
    """(first index, word count, key) of every run of words within a sentence, with the
    plural-less variant of its last word as a second key. Runs of several words that start or
    end with a function word ("and SQL", "SQL and") name nothing and are not looked up."""
    for i in range(len(words)):
        parts = []
        for j in range(i, min(i + MAX_TERM_WORDS, len(words))):
            if words[j].sentence != words[i].sentence:
                break
            parts.append(words[j].norm)
            if j > i and (parts[0] in _FUNCTION_WORDS or parts[-1] in _FUNCTION_WORDS):
                continue
            key = " ".join(parts)
            yield i, j - i + 1, key
            last = parts[-1]
            if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
                yield i, j - i + 1, key[:-1]


# --- 2. looking the runs up -----------------------------------------------------------------


def _lookup_terms(keys):
    """{norm: [(skill_id, kind, term)]} for the whole names and aliases among ``keys``, in one
    query; the keys travel as one parameter whatever their number."""
    if not keys:
        return {}
    if connection.vendor == "postgresql":
        # One btree probe per key, as in query.py; LIMIT keeps the lateral a nested loop (else
        # the planner hashes the whole term table: several times slower at ESCO scale).
        sql = (
            "SELECT v.norm, t.skill_id, t.kind, t.term FROM unnest(%s::text[]) AS v(norm)"
            " CROSS JOIN LATERAL (SELECT skill_id, kind, term FROM taxonomy_searchterm"
            " WHERE norm = v.norm AND is_start LIMIT 1000) AS t"
        )
        params = [sorted(keys)]
    else:
        sql = (
            "SELECT v.value, t.skill_id, t.kind, t.term FROM json_each(%s) AS v"
            " JOIN taxonomy_searchterm AS t ON t.norm = v.value AND t.is_start"
        )
        params = [json.dumps(sorted(keys))]
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for norm, skill_id, kind, term in cursor.fetchall():
            found.setdefault(norm, []).append((skill_id, kind, term))
    return found


class _JobTitlePhrases:
    """Every job title name and other name, normalised, in memory; rebuilt when the job titles
    change (their count or newest ``updated``) or after ``JOB_TITLE_CACHE_SECONDS``."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._built = 0.0
        self._phrases = {}

    def get(self):
        version = JobTitle.objects.aggregate(n=Count("pk"), latest=Max("updated"))
        version = (version["n"], version["latest"])
        with self._lock:
            stale = time.monotonic() - self._built > JOB_TITLE_CACHE_SECONDS
            if version != self._version or stale:
                self._phrases = self._build()
                self._version, self._built = version, time.monotonic()
            return self._phrases

    @staticmethod
    def _build():
        phrases = {}
        rows = JobTitle.objects.values_list("pk", "name", "alternative_labels").iterator(2000)
        for pk, name, labels in rows:
            for term in [name, *labels.splitlines()]:
                norm = normalise(term)
                if norm and len(norm.split()) <= MAX_TERM_WORDS:
                    phrases.setdefault(norm, {})[pk] = term.strip()
        return phrases


_job_title_phrases = _JobTitlePhrases()


# --- 3 and 4. longest matches, then precision ------------------------------------------------


@dataclass
class _Candidate:
    first: int
    count: int
    entries: list  # (target id, via, term)
    start: int = 0
    end: int = 0
    text: str = ""
    accepted: bool = False


def _is_ordinary_word(norm):
    """One English word of the dictionary that is not obviously a skill noun: "lead", "excel",
    "swift", "spring", "python" are; "negotiation" and "budgeting" are not."""
    if " " in norm:
        return False
    lemmas = getAllLemmas(norm)
    if not lemmas:
        return False
    if norm.endswith("ing"):  # "budgeting" (a verb's -ing form) is a skill; "spring" is not
        return norm in lemmas.get("VERB", (norm,))
    return not norm.endswith(_NOMINAL)


def _written_alike(written, seen):
    """Case as the taxonomy writes it: "R" for "R", "Excel" for "Excel", "SAP" for "SAP"."""
    if written.isupper() or len(written) <= 2:
        return seen == written
    return seen[:1].isupper() == written[:1].isupper()


def _longest(candidates):
    """Non-overlapping candidates, longest first at each position, left to right."""
    chosen, taken_until = [], -1
    for candidate in sorted(candidates, key=lambda c: (c.first, -c.count)):
        if candidate.first > taken_until:
            chosen.append(candidate)
            taken_until = candidate.first + candidate.count - 1
    return chosen


@sensitive_variables("text")
def _judge(text, words, candidates, cues=True):
    """Mark the candidates a reader would take as the skill (rule 4 of the module docstring).
    Without ``cues`` (job titles) a short or ordinary word counts only as written, mid-sentence:
    "with buyers" is not the job title "Buyer"."""
    pending = []
    for candidate in candidates:
        first, last = words[candidate.first], words[candidate.first + candidate.count - 1]
        candidate.start, candidate.end = first.start, last.end
        candidate.text = text[first.start : last.end]
        if candidate.count == 1 and _is_progressive(words, candidate.first):
            continue  # "we are recruiting", "is monitoring": a verb, not the skill
        if candidate.count > 1 or not _needs_context(first.norm, candidate):
            candidate.accepted = True
        else:
            pending.append(candidate)
    for _ in range(2):  # "Python, R and Go": a short term may lean on one accepted just now
        for candidate in pending:
            if not candidate.accepted:
                candidate.accepted = _in_context(text, words, candidates, candidate, cues)
    return [c for c in candidates if c.accepted]


def _is_progressive(words, index):
    word = words[index]
    if not word.norm.endswith("ing") or word.first_in_sentence or index == 0:
        return False
    return words[index - 1].norm in PROGRESSIVE_BEFORE


def _needs_context(norm, candidate):
    return len(norm) <= 2 or _is_ordinary_word(norm)


def _in_context(text, words, candidates, candidate, cues=True):
    index = candidate.first
    word = words[index]
    written = [term for _, _, term in candidate.entries]
    strict = not any(_written_alike(term, candidate.text) for term in written)
    short = len(word.norm) <= 2
    if short:
        candidate.entries = [e for e in candidate.entries if e[2] == candidate.text]
        if not candidate.entries:
            return False  # "r", "Pr", "C++" for "C#"
        if not candidate.text.isalnum():
            return True  # written with its symbol: "C#", "C++", ".NET"
    before = text[candidate.start - 1 : candidate.start]
    after = text[candidate.end : candidate.end + 1]
    if before in _JOINERS or after in _JOINERS:
        return False  # part of a word: "R&D", "go-getter"
    next_word = words[index + 1] if index + 1 < len(words) else None
    same_sentence_next = next_word if next_word and next_word.sentence == word.sentence else None
    if same_sentence_next and same_sentence_next.norm in VERB_USE_AFTER:
        return False  # a verb: "excel at", "Lead the team", "Go to market"
    previous = words[index - 1] if index > 0 and not word.first_in_sentence else None
    heading = any(
        w is not None and text[w.start : w.start + 1].isupper()
        for w in (previous, same_sentence_next)
    )
    needs_support = strict or short or word.first_in_sentence or heading
    if not needs_support:
        return True
    if not cues:
        return False
    if previous is not None and previous.norm in CUES_BEFORE:
        return True
    if same_sentence_next is not None and same_sentence_next.norm in CUES_AFTER:
        return True
    return _beside_accepted(text, candidates, candidate)


def _beside_accepted(text, candidates, candidate):
    """True when an accepted skill sits next to it in a list: "Python, R and SQL"."""
    for other in candidates:
        if other is candidate or not other.accepted:
            continue
        gap = (
            text[other.end : candidate.start]
            if other.end <= candidate.start
            else text[candidate.end : other.start]
        )
        if len(gap) <= 16 and _LIST_GAP.match(gap):
            return True
    return False


# --- the entry point -------------------------------------------------------------------------


@sensitive_variables("text")
def find_skills(text, skills, *, job_titles=True):
    """What ``text`` names: an ``Extraction``. Raises ``TextTooLong`` past ``MAX_TEXT_LENGTH``.

    Queries: one for names and aliases; with ``job_titles``, one to check the job titles are
    current (and, when they changed, one to reload them), and for titles found, one for the
    titles and one for their skills.
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise TextTooLong(
            f"That text is {len(text):,} characters long; please paste at most "
            f"{MAX_TEXT_LENGTH:,} (the advert itself, without the rest of the page)."
        )
    words = _words(text)
    runs = list(_runs(words))
    terms = _lookup_terms({key for _, _, key in runs})
    ids = {skill_id for entries in terms.values() for skill_id, _, _ in entries}
    visible = {s.pk: s for s in skills.filter(pk__in=ids).only("pk", "slug", "name")}
    skill_candidates = {}
    for first, count, key in runs:
        for skill_id, kind, term in terms.get(key, ()):
            if skill_id in visible:
                candidate = skill_candidates.setdefault(
                    (first, count), _Candidate(first, count, [])
                )
                candidate.entries.append((skill_id, kind, term))
    accepted = _judge(text, words, _longest(_prefer_names(skill_candidates.values())))
    result_skills = [
        FoundSkill(skill=visible[pk], matches=matches) for pk, matches in _collect(accepted).items()
    ]
    result_skills += close_matches_by_meaning(
        text, skills, exclude={s.skill.pk for s in result_skills}
    )
    titles = _find_job_titles(text, words, runs, skills) if job_titles else []
    return Extraction(skills=result_skills, job_titles=titles)


def _prefer_names(candidates):
    """Where one phrase is one skill's name and another's alias, the name wins."""
    for candidate in candidates:
        if any(kind == SearchTerm.Kind.NAME for _, kind, _ in candidate.entries):
            candidate.entries = [e for e in candidate.entries if e[1] == SearchTerm.Kind.NAME]
        yield candidate


def _collect(candidates):
    """{target id: [Match]} in order of first appearance, one match per phrase position."""
    found = {}
    for candidate in sorted(candidates, key=lambda c: c.start):
        for target, via, term in candidate.entries:
            matches = found.setdefault(target, [])
            if not any(m.start == candidate.start for m in matches):
                matches.append(Match(candidate.start, candidate.end, candidate.text, term, via))
    return found


@sensitive_variables("text")
def _find_job_titles(text, words, runs, skills):
    phrases = _job_title_phrases.get()
    candidates = {}
    for first, count, key in runs:
        for pk, term in phrases.get(key, {}).items():
            candidate = candidates.setdefault((first, count), _Candidate(first, count, []))
            candidate.entries.append((pk, "job_title", term))
    accepted = _judge(text, words, _longest(candidates.values()), cues=False)
    found = _collect(accepted)
    if not found:
        return []
    titles = JobTitle.objects.only("pk", "slug", "name").in_bulk(list(found))
    # Plain rows, not model instances: 25 ESCO occupations hold some 600 skills.
    title_skills = {}
    rows = (
        skills.filter(job_titles__in=list(found))
        .order_by("name")
        .values_list("job_titles", "pk", "slug", "name")
    )
    for title_id, pk, slug, name in rows:
        title_skills.setdefault(title_id, []).append(SkillRef(pk, slug, name))
    return [
        FoundJobTitle(job_title=titles[pk], matches=matches, skills=title_skills.get(pk, []))
        for pk, matches in found.items()
        if pk in titles
    ]


@sensitive_variables("text", "sentences")
def close_matches_by_meaning(text, skills, exclude):
    """Skills of ``skills`` close in meaning to a sentence of ``text``, not in ``exclude``
    (ids): ``FoundSkill``s whose match is that sentence, ``via="meaning"``.

    Each sentence or bullet of a few words is compared with every skill (search.meaning); a
    skill counts only when it is the sentence's closest and very close (``MEANING_SIMILARITY``,
    well above search's own floor: a kit is a shortlist, so precision first), and at most
    ``MAX_MEANING_MATCHES`` are added, best first. Two queries: the vectors' version check and
    the visible skills among the candidates.
    """
    sentences = [
        (start, end) for start, end in _sentence_spans(text) if _fits_meaning(text[start:end])
    ]
    closest = closest_skill_ids_each(
        [text[start:end] for start, end in sentences], limit=1, min_similarity=MEANING_SIMILARITY
    )
    best = {}
    for (start, end), pairs in zip(sentences, closest, strict=True):
        for skill_id, similarity in pairs:
            if skill_id not in exclude and similarity > best.get(skill_id, (0, 0, 0))[0]:
                best[skill_id] = (similarity, start, end)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[: MAX_MEANING_MATCHES * 2]
    visible = skills.filter(pk__in=[pk for pk, _ in ranked]).only("pk", "slug", "name")
    visible = {skill.pk: skill for skill in visible}
    found = []
    for pk, (_, start, end) in ranked:
        if pk in visible and len(found) < MAX_MEANING_MATCHES:
            sentence = text[start:end]
            match = Match(start, end, sentence, visible[pk].name, "meaning")
            found.append(FoundSkill(skill=visible[pk], matches=[match]))
    return found


_SENTENCE_SPLIT = re.compile(r"[^\n.!?;•]+")


def _sentence_spans(text):
    """(start, end) of each sentence, line or bullet, trimmed."""
    for part in _SENTENCE_SPLIT.finditer(text):
        raw = part.group()
        stripped = raw.strip(" \t\r-–—*·:,")
        if stripped:
            start = part.start() + raw.index(stripped)
            yield start, start + len(stripped)


def _fits_meaning(sentence):
    """Long enough to say something, short enough not to average into mush."""
    return MEANING_MIN_WORDS <= len(sentence.split()) <= MEANING_MAX_WORDS
