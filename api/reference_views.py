"""Read-only endpoints around skills: the category tree, job titles and interview questions."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from interviews.models import InterviewQuestion
from taxonomy.models import Category, JobTitle, Skill, SlugKind

from .filters import InterviewQuestionFilter
from .reference_serializers import (
    CategorySerializer,
    InterviewQuestionSerializer,
    JobTitleSerializer,
)
from .schema import errors
from .slug_changes import FollowSlugRedirects

SLUG = r"[-a-zA-Z0-9_]+"


def read_only_docs(serializer, moves=False):
    """``moves``: looked up by a slug a rename or merge may have left behind (301)."""
    return extend_schema_view(
        list=extend_schema(responses={200: serializer, **errors(400, 404, 429)}),
        retrieve=extend_schema(
            responses={200: serializer, **errors(*((301,) if moves else ()), 404, 429)}
        ),
    )


@read_only_docs(CategorySerializer, moves=True)
class CategoryViewSet(FollowSlugRedirects, viewsets.ReadOnlyModelViewSet):
    """The category tree: each category with its parent, its path from the root and children."""

    serializer_class = CategorySerializer
    slug_kind = SlugKind.CATEGORY
    queryset = Category.objects.with_path().prefetch_related("children")
    lookup_field = "slug"
    lookup_value_regex = SLUG


@read_only_docs(JobTitleSerializer, moves=True)
class JobTitleViewSet(FollowSlugRedirects, viewsets.ReadOnlyModelViewSet):
    """Job titles, each with the skills people holding it typically have (those you may see),
    and, from O*NET, what the job does and the technology it works with."""

    serializer_class = JobTitleSerializer
    slug_kind = SlugKind.JOB_TITLE
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_queryset(self):
        return JobTitle.objects.for_page(Skill.objects.visible_to(self.request.user))


@read_only_docs(InterviewQuestionSerializer)
class InterviewQuestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Interview questions with their guidance; filter by skill slug and kind."""

    serializer_class = InterviewQuestionSerializer
    filterset_class = InterviewQuestionFilter
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        visible = Skill.objects.visible_to(self.request.user)
        return InterviewQuestion.objects.select_related("skill").filter(skill__in=visible)
