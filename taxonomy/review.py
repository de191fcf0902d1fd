"""Review before publishing: draft → in review → published (→ archived), and who may move a skill.

Editors holding ``taxonomy.change_skill`` write drafts and submit them for review; only holders
of ``taxonomy.publish_skill`` publish, send back to draft (with a comment saying what to change),
archive, or take a published or archived skill back. Every path that sets a status asks
``status_change_error`` first: the admin form and its actions, the API (``status`` in a write),
reverts from history and imports run for a named account. Only published skills are public
(``Skill.objects.visible_to``); staff preview the rest under a "not public" banner.
"""

from django.db import transaction

from .changes import content_changed
from .history import add_skills, recorded
from .models import Skill

PUBLISH_PERMISSION = "taxonomy.publish_skill"
# The statuses an editor without the publish permission may set, and move a skill between.
EDITOR_STATUSES = frozenset({Skill.Status.DRAFT, Skill.Status.IN_REVIEW})


def can_publish(user):
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def status_change_error(user, old, new):
    """Why ``user`` may not move a skill from status ``old`` (None: a new skill) to ``new``;
    an empty string when they may."""
    if new == old or can_publish(user):
        return ""
    if old is not None and old not in EDITOR_STATUSES:
        return (
            f"This skill is {Skill.Status(old).label.lower()}: only editors who may publish "
            "can change its status."
        )
    if new not in EDITOR_STATUSES:
        return (
            f"Only editors who may publish can set a skill to {Skill.Status(new).label.lower()}. "
            "Submit it for review (status “In review”) and a publisher will decide."
        )
    return ""


@transaction.atomic
def move_skills(skills, status, *, user, note=None):
    """Set ``status`` on those of ``skills`` (a queryset) the move is allowed for.

    ``note`` replaces the review note (sending back to draft); publishing clears it. Returns
    (moved, refused): lists of skills. The write rule runs for the moved ones.
    """
    moved, refused = [], []
    ids = list(skills.values_list("pk", flat=True))  # the admin's rows come with outer joins
    for skill in Skill.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if skill.status == status:
            continue
        (refused if status_change_error(user, skill.status, status) else moved).append(skill)
    if moved:
        changes = {"status": status}
        if note is not None:
            changes["review_note"] = note
        elif status == Skill.Status.PUBLISHED:
            changes["review_note"] = ""
        comment = MOVE_COMMENTS[status] + (f": {note}" if note else ".")
        with recorded(user, comment):
            Skill.objects.filter(pk__in=[s.pk for s in moved]).update(**changes)
            add_skills(s.pk for s in moved)
            content_changed(skills=moved)
    return moved, refused


MOVE_COMMENTS = {
    Skill.Status.DRAFT: "Sent back to draft",
    Skill.Status.IN_REVIEW: "Submitted for review",
    Skill.Status.PUBLISHED: "Published",
    Skill.Status.ARCHIVED: "Archived",
}


def check_import_statuses(user, moves):
    """An import run for ``user`` (None: the operator at the server's shell) may not publish,
    archive or unpublish unless the account may publish. ``moves`` holds (where, old, new) per
    skill the import writes, ``old`` None for a new skill; returns the first refusal's
    (where, message), or None."""
    if user is None:
        return None
    for where, old, new in moves:
        error = status_change_error(user, old, new)
        if error:
            return where, (
                f"{user.get_username()!r} may not publish: this import would set the skill's "
                f"status from {old or 'new'!s} to {new}. Import it as draft or in_review, or run "
                "the import with --user naming an account that holds taxonomy.publish_skill."
            )
    return None
