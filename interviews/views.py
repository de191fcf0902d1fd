"""Interview kit pages: the kit (screen plan and printed scorecard), its downloads, the
no-JavaScript editing endpoint and the job advert reader. Thin views over ``kits``.

The kit lives in its URL (``kits`` says how). The visitor's *current* kit, the one "Add to
interview kit" adds to, is also kept in a cookie on their own browser (``KIT_COOKIE``, the
kit's query string): nothing about a kit is stored on the server.
"""

from urllib.parse import quote, unquote

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.generic import View

from search.extract import MAX_TEXT_LENGTH, TextTooLong, find_skills
from taxonomy.absolute_urls import absolute_url
from taxonomy.models import JobTitle, Skill, SlugKind
from taxonomy.redirects import redirects_for

from .forms import AdvertForm
from .kit_exports import kit_csv, kit_filename, kit_markdown
from .kits import (
    MAX_SKILLS,
    OPENING_AND_CLOSE_MINUTES,
    RATING_ANCHORS,
    SOURCING_SKILLS,
    KitSpec,
    build_kit,
    job_title_other_skills,
    job_title_spec,
)

KIT_COOKIE = "interview_kit"
KIT_COOKIE_DAYS = 30
KIT_COOKIE_MAX = 3500  # bytes: browsers keep about 4 KB per cookie


def kit_url(spec, **extra):
    query = spec.to_query()
    for key, value in extra.items():
        query += ("&" if query else "") + f"{key}={quote(value)}"
    return reverse("interviews:kit") + (f"?{query}" if query else "")


def remember_kit(response, spec):
    """Make ``spec`` the visitor's current kit (a cookie in their browser)."""
    value = spec.to_query()
    if len(value) > KIT_COOKIE_MAX:  # keep the skills; the question choices can go
        value = KitSpec(slugs=spec.slugs, role=spec.role, job_title=spec.job_title).to_query()
    response.set_cookie(
        KIT_COOKIE,
        quote(value, safe=""),
        max_age=KIT_COOKIE_DAYS * 86400,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def current_kit(request):
    return KitSpec.from_query(unquote(request.COOKIES.get(KIT_COOKIE, "")))


def visible_skills(request):
    return Skill.objects.visible_to(request.user)


def noindex(response):
    """Kit combinations are endless: none of them belongs in a search engine."""
    response.headers["X-Robots-Tag"] = "noindex"
    return response


class KitView(View):
    """The kit: an editable plan on screen, an interview scorecard in print."""

    template_name = "interviews/kit.html"

    def get(self, request):
        spec = KitSpec.from_query(request.GET)
        if spec.job_title and not spec.slugs:
            job_title = get_object_or_404(JobTitle, slug=spec.job_title)
            return HttpResponseRedirect(kit_url(job_title_spec(job_title, visible_skills(request))))
        if not spec.slugs and not request.GET and request.COOKIES.get(KIT_COOKIE):
            remembered = current_kit(request)
            if remembered.slugs:
                response = HttpResponseRedirect(kit_url(remembered))
                add_never_cache_headers(response)
                return response
        kit = build_kit(spec, visible_skills(request))
        moved = redirects_for(SlugKind.SKILL, kit.missing) if kit.missing else {}
        if moved:  # a shared kit naming a skill since renamed or merged: its new address
            return HttpResponsePermanentRedirect(kit_url(spec.with_slugs_moved(moved)))
        refused = request.GET.get("refused", "")[:200]
        context = {
            "kit": kit,
            "refused": refused,
            "max_skills": MAX_SKILLS,
            "opening_minutes": OPENING_AND_CLOSE_MINUTES,
            "anchors": RATING_ANCHORS,
            "other_skills": job_title_other_skills(kit, visible_skills(request)),
            "sourcing_string": kit.sourcing_string() if kit.skills else "",
            "sourcing_skills": min(len(kit.skills), SOURCING_SKILLS),
            "share_url": absolute_url(request, kit_url(kit.spec)),
        }
        status = 404 if spec.slugs and not kit.skills else 200
        response = render(request, self.template_name, context, status=status)
        if not request.GET:  # the empty kit may redirect for a visitor with a kit cookie
            response.headers["Cache-Control"] = "private"
        return noindex(response)


def kit_change(request):
    """Change a kit without JavaScript, then open it: the kit page's form and "Add to interview
    kit" links land here. The kit comes from the query string, or from the visitor's current
    kit when the query names none; ``add``, ``remove``, ``up`` and ``down`` name one skill."""
    spec = KitSpec.from_query(request.GET)
    if not spec.slugs and "new" not in request.GET:
        remembered = current_kit(request)
        spec = KitSpec(
            slugs=remembered.slugs,
            role=spec.role or remembered.role,
            job_title=remembered.job_title,
            choices=remembered.choices,
        )
    extra = {}
    if add := request.GET.get("add", "").strip():
        if add not in spec.slugs and spec.is_full:
            extra["refused"] = add
        spec = spec.adding(add)
    if remove := request.GET.get("remove"):
        spec = spec.removing(remove)
    if up := request.GET.get("up"):
        spec = spec.moving(up, -1)
    if down := request.GET.get("down"):
        spec = spec.moving(down, 1)
    return remember_kit(HttpResponseRedirect(kit_url(spec, **extra)), spec)


def _download(request, render_kit, content_type, extension):
    kit = build_kit(KitSpec.from_query(request.GET), visible_skills(request))
    response = HttpResponse(render_kit(kit, request), content_type=content_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{kit_filename(kit, extension)}"'
    )
    return noindex(response)


def kit_markdown_view(request):
    return _download(request, kit_markdown, "text/markdown; charset=utf-8", "md")


def kit_csv_view(request):
    return _download(request, kit_csv, "text/csv; charset=utf-8", "csv")


@method_decorator(sensitive_post_parameters("text"), name="dispatch")
class KitFromTextView(View):
    """Paste a job advert, tick the skills it names, get the kit. The advert travels in a POST
    body only (never in a URL, so never in request logs or the page cache), is not stored or
    logged, is hidden from error reports, and the answer is marked ``no-store``."""

    template_name = "interviews/kit_from_text.html"

    def get(self, request):
        return self.respond(request, AdvertForm())

    @sensitive_variables("form", "extraction")
    def post(self, request):
        form = AdvertForm(request.POST)
        extraction = None
        if form.is_valid():
            try:
                extraction = find_skills(form.cleaned_data["text"], visible_skills(request))
            except TextTooLong as exc:
                form.add_error("text", str(exc))
        return self.respond(request, form, extraction, status=200 if form.is_valid() else 400)

    def respond(self, request, form, extraction=None, status=200):
        role, titles = "", []
        if extraction and extraction.job_titles:
            role = extraction.job_titles[0].job_title.name
            named = {found.skill.pk for found in extraction.skills}
            titles = [
                (found, [skill for skill in found.skills if skill.pk not in named])
                for found in extraction.job_titles
            ]
        context = {
            "form": form,
            "extraction": extraction,
            "role": role,
            "job_titles": titles,  # (found job title, its skills the advert did not name)
            "max_length": MAX_TEXT_LENGTH,
            "max_skills": MAX_SKILLS,
        }
        response = render(request, self.template_name, context, status=status)
        add_never_cache_headers(response)
        return noindex(response)
