"""/api/v1/ (the router), /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI, local files only)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .errors import not_found
from .kit_views import ExtractView, KitView
from .reference_views import CategoryViewSet, InterviewQuestionViewSet, JobTitleViewSet
from .skill_views import SkillViewSet
from .slug_changes import SlugChangeList

app_name = "api"

router = DefaultRouter()
router.register("skills", SkillViewSet, basename="skill")
router.register("categories", CategoryViewSet, basename="category")
router.register("job-titles", JobTitleViewSet, basename="jobtitle")
router.register("interview-questions", InterviewQuestionViewSet, basename="interviewquestion")

urlpatterns = [
    path("v1/kits/", KitView.as_view(), name="kits"),
    path("v1/extract/", ExtractView.as_view(), name="extract"),
    path("v1/changes/", SlugChangeList.as_view(), name="changes"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_override(settings.SECURE_CSP_API_DOCS)(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    # Only paths ending in "/": others still get CommonMiddleware's APPEND_SLASH redirect.
    re_path(r"^.*/$", not_found),
]
