"""Similar skills on every skill page, through taxonomy's seam (``taxonomy.extensions``).

Listed in ``settings.SKILL_EXTENSIONS``: the page lists, beside the related skills editors
chose, a few skills close in meaning (``meaning.similar_skill_ids``), labelled as found by the
site rather than chosen. Two queries per page, whatever the data size: the meaning index's
version check and the similar skills the visitor may see. Nothing travels in the taxonomy file.
"""

from typing import NamedTuple

from taxonomy.cached_pages import shows_skills
from taxonomy.extensions import SkillExtension
from taxonomy.models import Skill

from .meaning import similar_skill_ids

SIMILAR_SKILLS = 5


class SimilarSkill(NamedTuple):
    name: str
    url: str


class SimilarSkills(SkillExtension):
    related_template = "search/_similar_skills.html"

    def page_context(self, skill, request):
        # Both prefetched by for_page(): what editors and ESCO already list is not repeated.
        related = {other.pk for other in [*skill.related.all(), *skill.esco_related.all()]}
        ranked = [
            pk
            for pk, _ in similar_skill_ids(skill.pk, limit=SIMILAR_SKILLS + len(related) + 5)
            if pk not in related
        ]
        found = {
            other.pk: other
            for other in Skill.objects.visible_to(request.user)
            .filter(pk__in=ranked)
            .only("name", "slug")
        }
        similar = [found[pk] for pk in ranked if pk in found][:SIMILAR_SKILLS]
        shows_skills(request, similar)
        return {
            "similar_skills": [
                SimilarSkill(other.display_name, other.get_absolute_url()) for other in similar
            ]
        }
