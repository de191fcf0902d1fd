"""What crawlers read: /sitemap.xml (an index of sections listing every public page, 50,000 to a
page) and /robots.txt (where to look)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .absolute_urls import absolute_url
from .models import Category, JobTitle, Skill


class SiteUrlSitemap(Sitemap):
    """Absolute URLs use ``SITE_URL`` when set, as the canonical links on the pages do."""

    def get_latest_lastmod(self):
        # Django's default reads every item to find the newest; one aggregate does it.
        if not hasattr(self, "lastmod"):
            return None
        return self.items().aggregate(latest=Max("updated"))["latest"]

    def get_protocol(self, protocol=None):
        return (
            urlsplit(settings.SITE_URL).scheme
            if settings.SITE_URL
            else super().get_protocol(protocol)
        )

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)


class PageSitemap(SiteUrlSitemap):
    def items(self):
        return [
            "taxonomy:home",
            "taxonomy:skill-list",
            "taxonomy:classification",
            "taxonomy:jobtitle-list",
        ]

    def location(self, item):
        return reverse(item)


class SkillSitemap(SiteUrlSitemap):
    def items(self):
        # Crawlers are anonymous visitors: the one visibility rule gives them published skills.
        visible = Skill.objects.visible_to(AnonymousUser())
        return visible.only("slug", "updated").order_by("pk")

    def lastmod(self, skill):
        return skill.updated


class CategorySitemap(SiteUrlSitemap):
    def items(self):
        return Category.objects.only("slug").order_by("pk")


class JobTitleSitemap(SiteUrlSitemap):
    def items(self):
        return JobTitle.objects.only("slug", "updated").order_by("pk")

    def lastmod(self, job_title):
        return job_title.updated


SITEMAPS = {
    "pages": PageSitemap,
    "skills": SkillSitemap,
    "categories": CategorySitemap,
    "job-titles": JobTitleSitemap,
}


@require_GET
def robots_txt(request):
    """Crawl the public pages; keep out of admin, the API and search result pages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: " + reverse("search:results"),
        "",
        "Sitemap: " + absolute_url(request, reverse("sitemap")),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
