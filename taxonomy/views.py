"""Public pages for recruiters: thin views over the QuerySets in models.py."""

from django.views.generic import DetailView, ListView, TemplateView

from .models import Category, JobTitle, Skill


class HomeView(TemplateView):
    template_name = "taxonomy/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            categories=Category.objects.roots(),
            recent_skills=Skill.objects.published().for_card().order_by("-updated")[:8],
            **kwargs,
        )


class SkillListView(ListView):
    paginate_by = 50

    def get_queryset(self):
        return Skill.objects.published().for_card()


class SkillDetailView(DetailView):
    def get_queryset(self):
        return Skill.objects.visible_to(self.request.user).for_page()


class CategoryDetailView(DetailView):
    model = Category


class JobTitleListView(ListView):
    model = JobTitle
    paginate_by = 100


class JobTitleDetailView(DetailView):
    def get_queryset(self):
        return JobTitle.objects.with_published_skills()
