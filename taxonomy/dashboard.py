"""The editors' dashboard in admin: how complete the taxonomy is, which incomplete skills
recruiters open most, and (a panel from search) what they searched for and did not find.

Other apps add panels through ``settings.EDITOR_DASHBOARD_PANELS`` (dotted paths of functions
taking the request and returning a context dict with a ``template``), so taxonomy never imports
them. A fixed number of queries whatever the data size (pinned in tests/test_dashboard.py).
"""

import functools
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.generic import TemplateView

from .models import Skill, SkillPageOpen

OPENS_DAYS = 30
MOST_OPENED = 20


def coverage_figures():
    """Counts of skills by what they lack, in one query."""
    figures = Skill.objects.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status=Skill.Status.PUBLISHED)),
        complete=Count("pk", filter=Q(is_complete=True)),
        no_definition=Count("pk", filter=Q(coverage__definition=False)),
        no_cv_lines=Count("pk", filter=Q(coverage__cv_lines=0)),
        no_job_titles=Count("pk", filter=Q(coverage__job_titles=0)),
        no_aliases=Count("pk", filter=Q(coverage__aliases=0, coverage__related=0)),
        no_questions=Count("pk", filter=Q(question_count=0)),
    )
    total = figures["total"] or 1
    figures["complete_percent"] = round(100 * figures["complete"] / total)
    return figures


def most_opened_incomplete(days=OPENS_DAYS, limit=MOST_OPENED):
    """The incomplete published skills whose pages were opened most in the last ``days``."""
    since = timezone.now().date() - timedelta(days=days)
    return list(
        SkillPageOpen.objects.filter(
            day__gte=since, skill__is_complete=False, skill__status=Skill.Status.PUBLISHED
        )
        .values("skill_id", "skill__name", "skill__slug", "skill__answer_count")
        .annotate(total=Sum("opens"))
        .order_by("-total", "skill__name")[:limit]
    )


@functools.cache
def panels():
    return tuple(import_string(path) for path in getattr(settings, "EDITOR_DASHBOARD_PANELS", ()))


class EditorsDashboard(PermissionRequiredMixin, TemplateView):
    """/admin/dashboard/ (wrapped by ``admin.site.admin_view`` in config/urls.py)."""

    template_name = "admin/editors_dashboard.html"
    permission_required = "taxonomy.view_skill"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title="What to write next",
            figures=coverage_figures(),
            most_opened=most_opened_incomplete(),
            opens_days=OPENS_DAYS,
            panels=[panel(self.request) for panel in panels()],
            **kwargs,
        )
