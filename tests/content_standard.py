"""The content standard of curated skills, checked on the taxonomy files in ``fixtures/``.

A curated skill answers the recruiter's five questions well enough to hire on: a one-line
summary; a plain-language definition; at least 3 CV lines naming a tool, scope or result; at
least 2 job titles (singular, title case); 3 aliases; 2 related skills; 4 interview questions of
two kinds or more, each with guidance of two sentences or more ending in one "Warning sign:".
No sentence of ours may appear in two skills once each skill's own names are masked: that is
what templated filler looks like.

Pure Python on purpose (no Django): ``python tests/content_standard.py [--refs=FILE] [FILE ...]``
prints every
problem by skill and exits 1 when there is one, so writers check their file as they go, and
tests/test_content.py runs the same checks in the suite.
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ESCO_SKILL_URI = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {"behavioural", "situational", "technical", "knowledge"}
WARNING = "Warning sign:"
PLACEHOLDERS = re.compile(
    r"lorem|ipsum|\bTODO\b|\bTBD\b|\bXXX\b|placeholder|example\.com|\[|\]|\{|\}|<|>", re.I
)
SMALL_WORDS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with"}
# Plural-looking heads that are singular job nouns or fixed names.
SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "ops")
# A CV line is concrete when it names a number, a scale word or a proper name (a tool, a place).
CONCRETE = re.compile(
    r"\d|%|\b[A-Z][\w+#.]*|(?i:\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half)\b)"
)
MIN_DEFINITION_WORDS = 45
MIN_CV_LINE_WORDS = 6
MIN_SENTENCE_WORDS_FOR_UNIQUENESS = 7

MINIMUM = {"resume_examples": 3, "job_titles": 2, "aliases": 3, "related": 2}
MIN_QUESTIONS = 4
MIN_QUESTION_KINDS = 2


def load(paths):
    """``{section: {slug: record}}`` merged over the files; a slug twice is a problem."""
    merged = {"categories": {}, "job_titles": {}, "skills": {}}
    problems = []
    for path in paths:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        for section, records in merged.items():
            for record in document.get(section, []):
                slug = record.get("slug", "")
                if slug in records:
                    problems.append(f"{Path(path).name}: {section} slug {slug!r} defined twice")
                records[slug] = record
    return merged, problems


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def words(text):
    return re.findall(r"[\w'’+#./-]+", text)


def alias_term(alias):
    return alias if isinstance(alias, str) else alias.get("term", "")


def is_title_case(name):
    for index, word in enumerate(name.split()):
        first = word.lstrip("(")[:1]
        if not first.isalpha():
            continue
        if index and word.lower() in SMALL_WORDS:
            continue
        if not first.isupper():
            return False
    return True


def looks_plural(name):
    head = re.split(r"\s+(?:of|for|to|in)\s+", name)[0].split()[-1].lower()
    return head.endswith("s") and not head.endswith(SINGULAR_ENDINGS)


def check_job_title(record):
    name = record.get("name", "")
    problems = []
    if not is_title_case(name):
        problems.append(f"job title name {name!r} is not in title case")
    if looks_plural(name):
        problems.append(f"job title name {name!r} looks plural; use the singular")
    if not record.get("description", "").strip():
        problems.append(f"job title {name!r} has no description")
    return problems


def check_skill(skill, merged):
    """Problems of one skill against the standard (its own fields and its references)."""
    problems = []
    slug = skill.get("slug", "")
    if not SLUG.match(slug):
        problems.append(f"slug {slug!r} is not lower-case words joined by hyphens")
    for key in ("name", "summary", "definition"):
        if not skill.get(key, "").strip():
            problems.append(f"{key} is empty")
    summary, definition = skill.get("summary", ""), skill.get("definition", "")
    if "\n" in summary or len(summary) > 300:
        problems.append("summary must be one line of at most 300 characters")
    if len(words(definition)) < MIN_DEFINITION_WORDS:
        problems.append(f"definition has fewer than {MIN_DEFINITION_WORDS} words")
    if summary.strip() and summary.strip() in definition:
        problems.append("definition repeats the summary")
    if skill.get("category") not in merged["categories"]:
        problems.append(f"category {skill.get('category')!r} is not a known category")
    external_id = skill.get("external_id", "")
    if external_id and not ESCO_SKILL_URI.match(external_id):
        problems.append(f"external_id {external_id!r} is not an ESCO skill URI")

    for key, minimum in MINIMUM.items():
        if len(skill.get(key, [])) < minimum:
            problems.append(f"{key}: {len(skill.get(key, []))} given, at least {minimum} needed")
    for line in skill.get("resume_examples", []):
        if len(words(line)) < MIN_CV_LINE_WORDS:
            problems.append(f"CV line too short to be concrete: {line!r}")
        elif not CONCRETE.search(line.split(" ", 1)[-1]):
            problems.append(f"CV line names no tool, scope or number: {line!r}")
    terms = [alias_term(a).strip() for a in skill.get("aliases", [])]
    if len({t.casefold() for t in terms}) != len(terms):
        problems.append("aliases repeat each other (ignoring case)")
    if skill.get("name", "").casefold() in {t.casefold() for t in terms}:
        problems.append("an alias repeats the skill's name")
    for title in skill.get("job_titles", []):
        if title not in merged["job_titles"]:
            problems.append(f"job title {title!r} is not a known job title")
    for related in skill.get("related", []):
        if related == slug:
            problems.append("related to itself")
        elif related not in merged["skills"]:
            problems.append(f"related skill {related!r} does not exist")

    questions = skill.get("interview_questions", [])
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{len(questions)} interview questions, at least {MIN_QUESTIONS} needed")
    kinds = {q.get("kind") for q in questions}
    if len(kinds) < MIN_QUESTION_KINDS:
        problems.append(f"interview questions of {len(kinds)} kind(s); at least two needed")
    for number, question in enumerate(questions, 1):
        if question.get("kind") not in KINDS:
            problems.append(f"question {number}: kind {question.get('kind')!r} is not one of ours")
        if len(words(question.get("question", ""))) < 6:
            problems.append(f"question {number} is too short")
        guidance = question.get("guidance", "")
        parts = sentences(guidance)
        warnings = [s for s in parts if s.startswith(WARNING)]
        if len(warnings) != 1 or not parts or not parts[-1].startswith(WARNING):
            problems.append(f"question {number}: guidance must end with one '{WARNING} ...'")
        if len(parts) - len(warnings) < 2:
            problems.append(f"question {number}: guidance needs two sentences before the warning")
    for text in _texts(skill):
        if PLACEHOLDERS.search(text):
            problems.append(f"placeholder or markup-like text: {text[:60]!r}")
    return problems


def _texts(skill):
    yield skill.get("summary", "")
    yield skill.get("definition", "")
    yield from skill.get("resume_examples", [])
    for question in skill.get("interview_questions", []):
        yield question.get("question", "")
        yield question.get("guidance", "")


def _masked(text, names):
    text = text.casefold()
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name.casefold(), "@")
    return " ".join(re.findall(r"[\w@]+", text))


def shared_sentences(skills):
    """``{masked sentence: [slugs]}`` for sentences of CV lines, questions and guidance found
    in two skills or more, each skill's own name and aliases masked."""
    seen = defaultdict(set)
    for skill in skills:
        names = [skill.get("name", ""), *(alias_term(a) for a in skill.get("aliases", []))]
        pieces = list(skill.get("resume_examples", []))
        for question in skill.get("interview_questions", []):
            pieces.append(question.get("question", ""))
            pieces.extend(sentences(question.get("guidance", "")))
        pieces.append(skill.get("summary", ""))
        pieces.extend(sentences(skill.get("definition", "")))
        for piece in pieces:
            masked = _masked(piece, names)
            if len(masked.split()) >= MIN_SENTENCE_WORDS_FOR_UNIQUENESS:
                seen[masked].add(skill.get("slug"))
    return {text: sorted(slugs) for text, slugs in seen.items() if len(slugs) > 1}


def report(paths, references=()):
    """Every problem found in these files, as lines of text. Records of ``references`` files
    only make their slugs known (for checking a file before the others exist)."""
    merged, problems = load(paths)
    known, _ = load(references)
    for section, records in known.items():
        for slug, record in records.items():
            merged[section].setdefault(slug, record)
    checked, _ = load(paths)
    for slug, record in checked["job_titles"].items():
        problems += [f"job title {slug}: {p}" for p in check_job_title(record)]
    for slug, skill in checked["skills"].items():
        problems += [f"skill {slug}: {p}" for p in check_skill(skill, merged)]
    for text, slugs in shared_sentences(checked["skills"].values()).items():
        problems.append(f"skills {', '.join(slugs)} share the sentence: {text!r}")
    return problems


if __name__ == "__main__":
    arguments = sys.argv[1:]
    references = [a.removeprefix("--refs=") for a in arguments if a.startswith("--refs=")]
    files = [a for a in arguments if not a.startswith("--refs=")]
    files = files or sorted(str(p) for p in FIXTURES.glob("*.json"))
    found = report(files, references)
    print("\n".join(found) if found else f"OK: {len(files)} file(s) meet the content standard.")
    sys.exit(1 if found else 0)
