"""Public pages for recruiters: thin views over the QuerySets in models.py."""

import string
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.generic import DetailView, ListView, TemplateView

from ops import page_cache

from . import cached_pages
from .conditional import skill_page_etag
from .extensions import extension_page_context, skill_extensions
from .models import Category, JobTitle, Skill, SlugKind
from .redirects import RedirectOldSlugs
from .sourcing import boolean_search_string
from .structured_data import defined_term_json_ld
from .thin_pages import thin_page_note

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


def letter_bar(skills, request):
    """(letter, has skills, its A-Z address) for A-Z plus "#", which gathers names not starting
    with A-Z. The address keeps the page's other filters, less its page number; built here,
    as 27 ``{% url %}`` and ``{% querystring %}`` tags it cost ~1 ms on every page showing it."""
    present = skills.letters_present(LETTERS)
    index = reverse("taxonomy:skill-list")
    query = request.GET.copy()
    query.pop("page", None)
    bar = []
    for letter in LETTERS:
        query["letter"] = letter
        bar.append((letter, letter in present, f"{index}?{query.urlencode()}"))
    return bar


def visible_skills(request):
    """The skills this visitor may see (the one rule: ``SkillQuerySet.visible_to``)."""
    return Skill.objects.visible_to(request.user)


# Complete skills shown on the home page: two rows of cards at desktop width.
HOME_SKILLS = 8
# A job title page's first skills (interview guides first) and technologies (hot first); the
# A-Z index filtered to the job title lists them all.
JOB_TITLE_SKILLS = 48
JOB_TITLE_TECHNOLOGIES = 30
# A skill page's first job titles (A-Z); ESCO links a generic skill to up to 345.
SKILL_JOB_TITLES = 30


class HomeView(TemplateView):
    """The recruiter's three jobs (look up, plan an interview, read an advert), our curated
    areas with their interview guides, and complete skills; ESCO's groups sit one link away."""

    template_name = "taxonomy/home.html"

    def get_context_data(self, **kwargs):
        skills = visible_skills(self.request)
        return super().get_context_data(
            areas=Category.objects.curated_areas()
            .with_skill_counts(skills)
            .with_guide_counts(skills),
            useful_skills=skills.as_cards().most_useful()[:HOME_SKILLS],
            letters=letter_bar(skills, self.request),
            **kwargs,
        )


class ClassificationView(TemplateView):
    """Every top-level group: our curated areas, then the groups an import (ESCO) brought,
    with their skill counts; each links to its category page and subgroups."""

    template_name = "taxonomy/classification.html"

    def get_context_data(self, **kwargs):
        skills = visible_skills(self.request)
        roots = Category.objects.roots().with_skill_counts(skills).with_guide_counts(skills)
        groups = list(roots)
        return super().get_context_data(
            areas=[group for group in groups if not group.external_id],
            imported_groups=[group for group in groups if group.external_id and group.skill_count],
            **kwargs,
        )


class SkillListView(ListView):
    """A-Z index: ?letter= narrows to an initial, ?category= to a category and its subtree,
    ?guide=1 to skills with an interview guide (written questions), ?job_title= to the skills
    and technology of a job title (its page shows the first few and links here)."""

    paginate_by = 50

    def get_queryset(self):
        self.letter = self.request.GET.get("letter", "").upper()
        self.letter = self.letter if self.letter in LETTERS else ""
        slug = self.request.GET.get("category", "")
        self.category = get_object_or_404(Category, slug=slug) if slug else None
        self.guide = self.request.GET.get("guide") == "1"
        title_slug = self.request.GET.get("job_title", "")
        titles = JobTitle.objects.only("name", "slug")
        self.job_title = get_object_or_404(titles, slug=title_slug) if title_slug else None
        skills = visible_skills(self.request).as_cards()
        if self.guide:
            skills = skills.with_interview_guide()
        if self.job_title:
            skills = skills.for_job_title(self.job_title)
        self.scoped = skills.in_category(self.category) if self.category else skills
        return self.scoped.starting_with(self.letter) if self.letter else self.scoped

    def without(self, name):
        """This list's address less the filter ``name``, back at page one."""
        query = self.request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        return f"{self.request.path}?{query.urlencode()}" if query else self.request.path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            letter=self.letter,
            category=self.category,
            guide=self.guide,
            job_title=self.job_title,
            every_job_url=self.without("job_title") if self.job_title else "",
            letters=letter_bar(self.scoped, self.request),
            categories=Category.objects.filter_choices(self.category),
            **kwargs,
        )
        cached_pages.shows_skills(self.request, context["object_list"])
        page_cache.depends_on(self.request, cached_pages.az_tag(self.category), "categories")
        if self.job_title:
            page_cache.depends_on(self.request, cached_pages.job_title_tag(self.job_title.pk))
        return context


class SkillDetailView(RedirectOldSlugs, DetailView):
    """The skill page; a 304 skips rendering when the page the client holds is current."""

    def get_queryset(self):
        return visible_skills(self.request).for_page(self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        cached_pages.shows_skills(
            request, [self.object, *self.object.related.all(), *self.object.esco_related.all()]
        )
        self.extension_context = extension_page_context(self.object, request)
        etag = skill_page_etag(self.object, request, self.extension_context)
        response = get_conditional_response(request, etag=etag) or self.render_to_response(
            self.get_context_data(object=self.object)
        )
        response.headers["ETag"] = etag
        return response

    def get_context_data(self, **kwargs):
        titles = self.object.job_titles.all()  # prefetched: a slice of the list, no query
        shown_titles = titles[:SKILL_JOB_TITLES]
        return super().get_context_data(
            job_titles=shown_titles,
            more_job_titles=len(titles) - len(shown_titles),
            all_job_titles_url=f"{reverse('taxonomy:jobtitle-list')}?"
            + urlencode({"skill": self.object.slug}),
            sourcing_string=boolean_search_string(self.object, shown_titles),
            esco_note=esco_note(self.object),
            extension_templates=[e.page_template for e in skill_extensions() if e.page_template],
            related_templates=[
                e.related_template for e in skill_extensions() if e.related_template
            ],
            json_ld=defined_term_json_ld(self.object, self.request),
            thin_note=thin_page_note(
                self.object,
                self.extension_context,
                has_related=bool(self.object.related.all() or self.object.esco_related.all()),
            ),
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
        return visible_skills(self.request).as_cards().filter(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            category=self.category,
            subcategories=self.category.children.with_skill_counts(visible_skills(self.request)),
            **kwargs,
        )
        cached_pages.shows_skills(self.request, context["object_list"])
        page_cache.depends_on(self.request, cached_pages.category_tag(self.category.pk))
        return context


class JobTitleListView(ListView):
    """Job titles that have skills, A-Z; ``?all=1`` also lists those without any yet;
    ``?skill=`` those holding a skill or working with it (its page shows the first few)."""

    paginate_by = 100

    def get_queryset(self):
        self.show_all = self.request.GET.get("all") == "1"
        skills = visible_skills(self.request)
        slug = self.request.GET.get("skill", "")
        self.skill = get_object_or_404(skills.only("name", "slug"), slug=slug) if slug else None
        titles = JobTitle.objects.only("name", "slug").with_skill_counts(skills)
        if self.skill:
            return titles.with_skill(self.skill)
        return titles if self.show_all else titles.holding_any(skills)

    def get_context_data(self, **kwargs):
        # Declares nothing, like the whole list: any write retires it (a renamed job title).
        return super().get_context_data(show_all=self.show_all, skill=self.skill, **kwargs)


class JobTitleDetailView(RedirectOldSlugs, DetailView):
    """A job title: what it does, the first of its skills and technologies (the A-Z index
    filtered to the job title lists them all), related job titles."""

    slug_kind = SlugKind.JOB_TITLE

    def get_queryset(self):
        return JobTitle.objects.for_title_page(visible_skills(self.request))

    def get_context_data(self, **kwargs):
        title, visible = self.object, visible_skills(self.request)
        skills = title.first_skills(visible, JOB_TITLE_SKILLS)
        uses = title.first_technology_uses(visible, JOB_TITLE_TECHNOLOGIES)
        cached_pages.shows_skills(self.request, [*skills, *(use.skill for use in uses)])
        page_cache.depends_on(self.request, cached_pages.job_title_tag(title.pk))
        every_skill = urlencode({"job_title": title.slug})
        return super().get_context_data(
            skills=skills,
            uses=uses,
            more_skills=max(title.skill_count - len(skills), 0),
            more_technologies=max(title.technology_count - len(uses), 0),
            all_skills_url=f"{reverse('taxonomy:skill-list')}?{every_skill}",
            **kwargs,
        )
