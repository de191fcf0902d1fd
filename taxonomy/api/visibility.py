"""Who sees what through the API: visitors see published skills, editors see every status."""

from django.db.models import Prefetch

from ..models import Skill

SKILL_ACTIONS = ("view", "add", "change", "delete")


def sees_unpublished(user):
    """Staff (as on the public pages) and anyone holding a skill permission, e.g. a script."""
    return bool(
        user.is_active
        and (
            user.is_staff
            or any(user.has_perm(f"taxonomy.{action}_skill") for action in SKILL_ACTIONS)
        )
    )


def skills_visible_to(user):
    return Skill.objects.all() if sees_unpublished(user) else Skill.objects.published()


def skill_details_visible_to(user):
    """``for_page()``; editors also get every related skill (``all_related``), drafts included."""
    skills = skills_visible_to(user).for_page()
    if sees_unpublished(user):
        skills = skills.prefetch_related(
            Prefetch("related", queryset=Skill.objects.order_by("name"), to_attr="all_related")
        )
    return skills
