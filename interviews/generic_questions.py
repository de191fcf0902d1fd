"""Generic questions for skills that have no written ones, so every skill in a kit has a plan.

They are computed from the skill's name and kind on every request and never stored, so they can
never make a skill count as complete (``taxonomy.completeness`` counts stored questions only).
Each is labelled generic wherever it is shown; an editor can turn one into a written question in
admin (``InterviewQuestionAdmin`` prefills the add form from ``?skill=<id>&generic=<key>``).

The wording depends on how the name reads. ESCO names skills with verb phrases ("negotiate
price", "manage staff") and knowledge with noun phrases ("employment law"); editors write title
case ("Contract Negotiation"); O*NET technologies are product names ("Microsoft Excel"). A verb
phrase becomes "Tell me about a time you had to negotiate price"; anything else is asked about as
a skill, knowledge or a tool, by ``Skill.kind``. ``reads_as_verb_phrase`` decides, with the word
lists of lemminflect (which ships its data in the package; nothing is fetched).
"""

import re
from dataclasses import dataclass

from lemminflect import getAllLemmas

from taxonomy.models import Skill

GENERIC_KEYS = ("g1", "g2")

STAR_GUIDANCE = (
    "A strong answer is one real, specific example told in order: the Situation, the Task the "
    "candidate owned, the Actions they took themselves (“I”, not “we”) and the Result, with "
    "evidence such as numbers, feedback or what they would do differently. Warning signs: a "
    "general description of how things are usually done, no personal part in the work, or no "
    "outcome."
)
PLAN_GUIDANCE = (
    "A strong answer sets out a plan in steps, asks what it would need to know first, names the "
    "main risk and says how the candidate would check the result, drawing on something they have "
    "done before. Warning signs: a textbook answer with no example behind it, or jumping to a "
    "solution without asking about the situation."
)
KNOWLEDGE_GUIDANCE = (
    "A strong answer explains the essentials accurately in plain words, gives a concrete example "
    "from the candidate’s own work and says where the knowledge stops being enough. Warning "
    "signs: definitions recited without an example, or vague claims of familiarity."
)
TOOL_GUIDANCE = (
    "A strong answer describes a real piece of work: what the tool was used for, which parts of "
    "it the candidate used themselves, a problem they hit and how they solved it. Warning signs: "
    "a list of features, or only having watched others use it."
)

# Noun endings that make "call routing" or "hazard analysis" a noun phrase even though "call"
# and "hazard" can be verbs.
_NOMINAL_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ysis",
    "ics",
    "ity",
    "ness",
    "ogy",
    "ship",
    "age",
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class GenericQuestion:
    """A question built from a skill's name; ``key`` ("g1", "g2") names it in kit URLs."""

    key: str
    question: str
    guidance: str
    kind: str  # an InterviewQuestion.Kind value
    is_generic: bool = True

    def get_kind_display(self):
        return self.kind.capitalize()


def _lemmas(word):
    return getAllLemmas(word.lower())


def _is_base_verb(word):
    return word.lower() in _lemmas(word).get("VERB", ())


def _capitalised(word):
    return word[:1].isupper()


def reads_as_verb_phrase(name):
    """True when ``name`` starts with a verb in its base form: "negotiate price", "coach
    employees", "carefully handle animals"; False for "employment law", "call routing",
    "Contract Negotiation" (title case) or "Polish" (a proper noun)."""
    words = _WORD.findall(name)
    if not words:
        return False
    if _capitalised(words[0]):
        # ESCO writes common words in lower case, so a capital there is a proper noun
        # ("Polish", "Welsh"); editors write names in title case ("Contract Negotiation").
        # Sentence case ("Lead a team") is read as if the capital were not there.
        significant = [w for w in words[1:] if len(w) > 3]
        if len(words) == 1 or all(_capitalised(w) for w in significant):
            return False
    first, rest = words[0], words[1:]
    if rest and "ADV" in _lemmas(first) and "VERB" not in _lemmas(first):
        first, rest = rest[0], rest[1:]  # "creatively use digital technologies"
    if not _is_base_verb(first):
        return False
    if not rest:
        return True
    second = rest[0].lower()
    if second in ("and", "or"):
        # "install and maintain" is two verbs; "copyright and licences" two nouns.
        return len(rest) > 1 and _is_base_verb(rest[1])
    if "NOUN" in _lemmas(first) and not _capitalised(rest[0]):
        # "call routing", "hazard analysis and critical control points", "project management
        # methodology": a noun before a nominal head that ends the phrase, a coordination or a
        # chain of nominals. Otherwise the head is the object's modifier ("record production
        # data", "plan marketing campaigns").
        ends_here = len(rest) == 1 or rest[1].lower() in ("and", "or", "of")
        chained = len(rest) > 1 and rest[1].lower().endswith(_NOMINAL_ENDINGS)
        if (ends_here and second.endswith((*_NOMINAL_ENDINGS, "ing"))) or (
            chained and second.endswith(_NOMINAL_ENDINGS)
        ):
            return False
    return True


def _phrase(name):
    return " ".join(name.split()).rstrip(" .;:")


def generic_questions(skill):
    """Two questions for ``skill`` (anything with ``name`` and ``kind``), keys "g1" and "g2"."""
    name = _phrase(skill.name)
    Kind = Skill.Kind
    if skill.kind == Kind.TECHNOLOGY:
        pairs = [
            (
                f"Tell me about a recent piece of work where you used {name}. What did you use "
                "it for, and which parts did you do yourself?",
                TOOL_GUIDANCE,
                "technical",
            ),
            (
                f"What is something {name} makes hard, and how have you worked around it?",
                TOOL_GUIDANCE,
                "technical",
            ),
        ]
    elif skill.kind == Kind.KNOWLEDGE:
        pairs = [
            (
                f"Tell me about a piece of work where you applied your knowledge of {name}. "
                "What did the work need, and what difference did your knowledge make?",
                STAR_GUIDANCE,
                "behavioural",
            ),
            (
                f"How would you explain what matters most about {name} to a new colleague, "
                "and where would it come up in this role?",
                KNOWLEDGE_GUIDANCE,
                "knowledge",
            ),
        ]
    elif reads_as_verb_phrase(name):
        pairs = [
            (
                f"Tell me about a time you had to {name}. What was the situation, what did you "
                "do, and how did it turn out?",
                STAR_GUIDANCE,
                "behavioural",
            ),
            (
                f"Suppose you had to {name} in your first month here. How would you go about "
                "it, and how would you know you had done it well?",
                PLAN_GUIDANCE,
                "situational",
            ),
        ]
    else:
        pairs = [
            (
                f"Tell me about a time your skills in {name} made a difference. What was the "
                "situation, what did you do, and what was the result?",
                STAR_GUIDANCE,
                "behavioural",
            ),
            (
                f"Walk me through how you approach {name}: where do you start, and how do you "
                "check the result is good?",
                PLAN_GUIDANCE,
                "situational",
            ),
        ]
    return [
        GenericQuestion(key=key, question=question, guidance=guidance, kind=kind)
        for key, (question, guidance, kind) in zip(GENERIC_KEYS, pairs, strict=True)
    ]
