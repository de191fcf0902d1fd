"""A kit as files to paste into an applicant tracking system: Markdown and CSV.

They carry what the printed scorecard carries: role, each chosen question with what a strong
answer shows, its kind, whether it is generic and its minutes, and the rating anchors.
"""

import csv
import io

from django.utils.text import slugify

from taxonomy.absolute_urls import absolute_url

from .kits import RATING_ANCHORS

CSV_COLUMNS = [
    "skill",
    "skill_url",
    "question_number",
    "question",
    "what_a_strong_answer_shows",
    "kind",
    "generic",
    "minutes",
    "rating_1_4",
    "notes",
]


def kit_filename(kit, extension):
    return f"{slugify(kit.spec.role) or 'interview'}-kit.{extension}"


def _markdown_text(text):
    """One paragraph of plain text that Markdown shows as written (no markup sneaks in)."""
    escaped = "".join("\\" + c if c in "\\`*_{}[]<>()#+-!|" else c for c in " ".join(text.split()))
    return escaped


def kit_markdown(kit, request):
    anchors = " · ".join(f"{value} {label.lower()}" for value, label in RATING_ANCHORS)
    lines = [f"# {_markdown_text(kit.title)}", ""]
    lines += [
        "Candidate: ____________  Interviewer: ____________  Date: ____________",
        "",
        f"{len(kit.questions)} questions, about {kit.total_minutes} minutes "
        f"({kit.question_minutes} for questions). Rate each answer 1–4: {anchors}.",
        "",
    ]
    number = 0
    for kit_skill in kit.skills:
        skill = kit_skill.skill
        url = absolute_url(request, skill.get_absolute_url())
        lines += [f"## {_markdown_text(skill.display_name)}", "", f"<{url}>", ""]
        for question in kit_skill.chosen:
            number += 1
            label = f"{question.kind_label}, {question.minutes} min"
            if question.is_generic:
                label = "Generic question; " + label
            lines += [
                f"{number}. **{_markdown_text(question.question)}** ({label})",
                "",
                f"   What a strong answer shows: {_markdown_text(question.guidance)}",
                "",
                "   Rating (1–4): ____  Notes:",
                "",
            ]
        lines += [f"Overall rating for {_markdown_text(skill.display_name)} (1–4): ____", ""]
    lines += [f"Kit: <{absolute_url(request, '/kit/')}?{kit.query}>", ""]
    return "\n".join(lines)


def _cell(value):
    """A spreadsheet must not read a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def kit_csv(kit, request):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    number = 0
    for kit_skill in kit.skills:
        url = absolute_url(request, kit_skill.skill.get_absolute_url())
        for question in kit_skill.chosen:
            number += 1
            writer.writerow(
                _cell(value)
                for value in [
                    kit_skill.skill.display_name,
                    url,
                    number,
                    question.question,
                    question.guidance,
                    question.kind,
                    "yes" if question.is_generic else "no",
                    question.minutes,
                    "",
                    "",
                ]
            )
    return buffer.getvalue()
