"""What O*NET adds to the taxonomy beyond job titles: which technology each occupation works
with (and whether it is hot or in demand there), which O*NET technology names a skill stands
for, and how occupations relate. Written only by ``taxonomy.importers.onet``; read by the job
title and skill pages and the API. Imported into ``taxonomy.models``."""

from django.db import models
from django.db.models.functions import Lower

ONET_CREDIT = (
    "This site includes information from the O*NET 29.2 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. Skill Atlas has modified all or some of this "
    "information. USDOL/ETA has not approved, endorsed, or tested these modifications."
)
ONET_TECHNOLOGY_PREFIX = "onet-technology:"  # external_id of skills O*NET created


class OnetTechnology(models.Model):
    """One O*NET technology name ("Microsoft Excel") and the skill it is: the import's memory,
    so a re-run links the same skill whatever editors renamed or aliased since."""

    name = models.CharField(max_length=200, unique=True)
    skill = models.ForeignKey(
        "taxonomy.Skill", on_delete=models.CASCADE, related_name="onet_technologies"
    )
    commodity_code = models.CharField(max_length=8, blank=True)
    commodity_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = "O*NET technology"
        verbose_name_plural = "O*NET technologies"

    def __str__(self):
        return self.name


class TechnologyUseQuerySet(models.QuerySet):
    def hot_first(self):
        """Hot technologies first, then in demand, then A-Z: the order pages list them in."""
        return self.order_by("-hot_technology", "-in_demand", Lower("skill__name"))


class TechnologyUse(models.Model):
    """A technology skill an occupation works with, as O*NET reports it, with O*NET's demand
    flags for that occupation. Kept apart from ``Skill.job_titles`` (the skills a job needs):
    Microsoft Excel is used in 700 occupations and would drown every other link."""

    skill = models.ForeignKey(
        "taxonomy.Skill", on_delete=models.CASCADE, related_name="technology_uses"
    )
    job_title = models.ForeignKey(
        "taxonomy.JobTitle", on_delete=models.CASCADE, related_name="technology_uses"
    )
    hot_technology = models.BooleanField(
        default=False, help_text="O*NET: frequently listed in employers' job postings."
    )
    in_demand = models.BooleanField(
        default=False, help_text="O*NET: in demand in this occupation's job postings."
    )

    objects = TechnologyUseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "job_title"], name="technology_use_unique_per_job_title"
            )
        ]

    def __str__(self):
        return f"{self.skill_id} in {self.job_title_id}"


class RelatedJobTitle(models.Model):
    """O*NET's related occupations, in O*NET's order (``position``: its Index)."""

    job_title = models.ForeignKey(
        "taxonomy.JobTitle", on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey("taxonomy.JobTitle", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_title", "related"], name="related_job_title_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(job_title=models.F("related")),
                name="related_job_title_not_itself",
            ),
        ]

    def __str__(self):
        return f"{self.job_title_id} related to {self.related_id}"
