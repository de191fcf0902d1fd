"""The search page and the autocomplete endpoint: thin views over ``ranking`` and ``suggest``."""

from django import forms
from django.http import JsonResponse
from django.views.generic import ListView

from taxonomy.models import Category, Skill

from .pagination import CountingPaginator
from .query import InvalidSearchQuery, prepare_query
from .ranking import search_skills
from .search_log import FEW_RESULTS, FOUND_LITTLE_HEADER
from .snippets import explain_page
from .suggest import autocomplete, did_you_mean, matching_labels, query_spellings


class SearchForm(forms.Form):
    q = forms.CharField(label="Skill, alias or job title", required=False)
    category = forms.ModelChoiceField(
        Category.objects.with_path(),
        to_field_name="slug",
        required=False,
        empty_label="All categories",
    )
    guide = forms.BooleanField(label="Only skills with an interview guide", required=False)

    def clean_q(self):
        """The prepared query (typo corrections looked up), or None when blank."""
        text = self.cleaned_data["q"]
        if not text:
            return None
        try:
            return prepare_query(text)
        except InvalidSearchQuery as exc:
            raise forms.ValidationError(str(exc)) from None


class SearchView(ListView):
    """Matching job titles and categories, then the skills this visitor may see; a fixed
    number of queries per page."""

    template_name = "search/results.html"
    paginate_by = 20
    paginator_class = CountingPaginator

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else None
        if self.query is None:
            return Skill.objects.none()
        skills = search_skills(Skill.objects.visible_to(self.request.user), self.query).for_card()
        if self.form.cleaned_data["category"]:
            skills = skills.in_category(self.form.cleaned_data["category"])
        if self.form.cleaned_data["guide"]:
            skills = skills.filter(question_count__gt=0)
        return skills

    def get_context_data(self, **kwargs):
        selected = self.form.cleaned_data.get("category") if self.form.is_valid() else None
        context = super().get_context_data(
            form=self.form,
            query=self.query,
            filter_categories=Category.objects.filter_choices(selected),
            **kwargs,
        )
        if self.query:
            context["results"] = explain_page(list(context["object_list"]), self.query)
            context["job_titles"], context["categories"] = matching_labels(
                query_spellings(self.query)
            )
            if not context["paginator"].count:
                context["suggestion"] = did_you_mean(
                    Skill.objects.visible_to(self.request.user), self.query
                )
            self.log_if_found_little(context["paginator"].count, context["page_obj"].number)
        return context

    def log_if_found_little(self, found, page):
        """Marks a first page that found little for the editors' log of such searches; the
        log's middleware counts it outside the page cache, cached copy or not (search_log)."""
        self.found_little = found if found <= FEW_RESULTS and page == 1 else None

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if getattr(self, "found_little", None) is not None:
            response[FOUND_LITTLE_HEADER] = str(self.found_little)
        return response


def autocomplete_view(request):
    """Suggestions for ?q=, by group: skills (name or alias), job titles and categories."""
    found = autocomplete(Skill.objects.visible_to(request.user), request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"name": skill.name, "url": skill.get_absolute_url(), "alias": alias}
                for skill, alias in found.skills
            ],
            "job_titles": [
                {"name": title.name, "url": title.get_absolute_url(), "other_name": other}
                for title, other in found.job_titles
            ],
            "categories": [
                {"name": category.name, "url": category.get_absolute_url()}
                for category in found.categories
            ],
        }
    )
