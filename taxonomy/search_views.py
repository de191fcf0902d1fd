"""Search page and autocomplete endpoint: thin views over taxonomy.search."""

from django.http import JsonResponse
from django.views.generic import ListView

from .models import Skill
from .search import search_skills


class SearchView(ListView):
    template_name = "taxonomy/search.html"
    context_object_name = "results"
    paginate_by = 20

    def get_queryset(self):
        return search_skills(Skill.objects.published(), self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.request.GET.get("q", ""), **kwargs)


def autocomplete(request):
    skills = search_skills(Skill.objects.published(), request.GET.get("q", ""))[:8]
    return JsonResponse(
        {"results": [{"name": s.name, "url": s.get_absolute_url()} for s in skills]}
    )
