"""How much a technology is asked for, from O*NET: on the skill page and in the API detail.

A ``SkillExtension`` (listed in ``settings.SKILL_EXTENSIONS``) so the skill page's ETag covers
it and ``skill_detail.html`` needs no change: the page includes ``taxonomy/_demand.html``.
One query per skill page whatever the number of occupations.
"""

from dataclasses import dataclass

from django.urls import reverse

from .extensions import SkillExtension
from .onet_models import ONET_TECHNOLOGY_PREFIX, TechnologyUse

SHOWN_JOB_TITLES = 24


@dataclass(frozen=True)
class JobTitleDemand:
    slug: str
    name: str
    hot_technology: bool
    in_demand: bool

    @property
    def url(self):
        return reverse("taxonomy:jobtitle-detail", args=[self.slug])

    @property
    def display_name(self):
        return self.name[:1].upper() + self.name[1:]


@dataclass(frozen=True)
class Demand:
    """The occupations using a technology, in demand first, then hot, then A-Z."""

    job_titles: tuple

    @property
    def occupations(self):
        return len(self.job_titles)

    @property
    def hot_technology_in(self):
        return sum(title.hot_technology for title in self.job_titles)

    @property
    def in_demand_in(self):
        return sum(title.in_demand for title in self.job_titles)

    @property
    def shown(self):
        return self.job_titles[:SHOWN_JOB_TITLES]

    @property
    def not_shown(self):
        return max(0, self.occupations - SHOWN_JOB_TITLES)


def technology_demand(skill):
    """``Demand`` for ``skill``, or None when no occupation lists it. One query."""
    rows = (
        TechnologyUse.objects.filter(skill=skill)
        .order_by("-in_demand", "-hot_technology", "job_title__name")
        .values_list("job_title__slug", "job_title__name", "hot_technology", "in_demand")
    )
    titles = tuple(JobTitleDemand(*row) for row in rows)
    return Demand(job_titles=titles) if titles else None


def shows_onet_content(skill, demand):
    return demand is not None or skill.external_id.startswith(ONET_TECHNOLOGY_PREFIX)


class TechnologyDemand(SkillExtension):
    page_template = "taxonomy/_demand.html"

    def page_context(self, skill, request):
        demand = technology_demand(skill)
        return {
            "technology_demand": demand,
            "onet_credit": shows_onet_content(skill, demand),
        }
