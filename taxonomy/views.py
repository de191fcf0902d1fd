"""Public pages for recruiters: thin views over the QuerySets in models.py."""

import string

from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.views.generic import DetailView, ListView, TemplateView

from .conditional import skill_page_etag
from .extensions import extension_page_context, skill_extensions
from .models import Category, JobTitle, Skill, SlugKind
from .redirects import RedirectOldSlugs
from .sourcing import boolean_search_string
from .structured_data import defined_term_json_ld

LETTERS = [*string.ascii_uppercase, "#"]
# The fields whose text a page credits to ESCO, in reading order.
CREDITED_FIELDS = ("name", "summary", "definition")


def esco_note(skill):
    """ "The summary and definition on this page come from ESCO." or "" (curated text)."""
    fields = [name for name in CREDITED_FIELDS if name in skill.field_sources()]
    if not fields:
        return ""
    listed = " and ".join([", ".join(fields[:-1]), fields[-1]] if len(fields) > 1 else fields)
    verb = "comes" if len(fields) == 1 else "come"
    return f"The {listed} on this page {verb} from ESCO."


def letter_bar(initials):
    """(letter, has skills) for A-Z plus "#", which gathers names not starting with A-Z."""
    initials = set(initials)
    others = any(initial not in string.ascii_uppercase for initial in initials)
    return [(letter, others if letter == "#" else letter in initials) for letter in LETTERS]


def visible_skills(request):
    """The skills this visitor may see (the one rule: ``SkillQuerySet.visible_to``)."""
    return Skill.objects.visible_to(request.user)


class HomeView(TemplateView):
    template_name = "taxonomy/home.html"

    def get_context_data(self, **kwargs):
        skills = visible_skills(self.request)
        return super().get_context_data(
            categories=Category.objects.curated_areas().with_skill_counts(skills),
            recent_skills=skills.for_card().order_by("-updated")[:8],
            letters=letter_bar(skills.initials()),
            **kwargs,
        )


class SkillListView(ListView):
    """A-Z index: ?letter= narrows to an initial, ?category= to a category and its subtree,
    ?guide=1 to skills with an interview guide (written questions)."""

    paginate_by = 50

    def get_queryset(self):
        self.letter = self.request.GET.get("letter", "").upper()
        self.letter = self.letter if self.letter in LETTERS else ""
        slug = self.request.GET.get("category", "")
        self.category = get_object_or_404(Category, slug=slug) if slug else None
        self.guide = self.request.GET.get("guide") == "1"
        skills = visible_skills(self.request).for_card()
        if self.guide:
            skills = skills.with_interview_guide()
        self.scoped = skills.in_category(self.category) if self.category else skills
        return self.scoped.starting_with(self.letter) if self.letter else self.scoped

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            letter=self.letter,
            category=self.category,
            guide=self.guide,
            letters=letter_bar(self.scoped.initials()),
            categories=sorted(Category.objects.with_path(), key=str),
            **kwargs,
        )


class SkillDetailView(RedirectOldSlugs, DetailView):
    """The skill page; a 304 skips rendering when the page the client holds is current."""

    def get_queryset(self):
        return visible_skills(self.request).for_page(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.extension_context = extension_page_context(self.object, request)
        etag = skill_page_etag(self.object, request, self.extension_context)
        response = get_conditional_response(request, etag=etag) or self.render_to_response(
            self.get_context_data(object=self.object)
        )
        response.headers["ETag"] = etag
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sourcing_string=boolean_search_string(self.object),
            esco_note=esco_note(self.object),
            extension_templates=[e.page_template for e in skill_extensions() if e.page_template],
            related_templates=[
                e.related_template for e in skill_extensions() if e.related_template
            ],
            json_ld=defined_term_json_ld(self.object, self.request),
            **self.extension_context,
            **kwargs,
        )


class CategoryDetailView(RedirectOldSlugs, ListView):
    """A category's subcategories, then its own published skills, paginated."""

    slug_kind = SlugKind.CATEGORY
    template_name = "taxonomy/category_detail.html"
    paginate_by = 50

    def get_queryset(self):
        self.category = get_object_or_404(Category.objects.with_path(), slug=self.kwargs["slug"])
        return visible_skills(self.request).for_card().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            subcategories=self.category.children.with_skill_counts(visible_skills(self.request)),
            **kwargs,
        )


class JobTitleListView(ListView):
    """Job titles that have skills, A-Z; ``?all=1`` also lists those without any yet."""

    paginate_by = 100

    def get_queryset(self):
        self.show_all = self.request.GET.get("all") == "1"
        skills = visible_skills(self.request)
        titles = JobTitle.objects.with_skill_counts(skills)
        return titles if self.show_all else titles.holding_any(skills)

    def get_context_data(self, **kwargs):
        return super().get_context_data(show_all=self.show_all, **kwargs)


class JobTitleDetailView(RedirectOldSlugs, DetailView):
    slug_kind = SlugKind.JOB_TITLE

    def get_queryset(self):
        return JobTitle.objects.with_skills(visible_skills(self.request))
