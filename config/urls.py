"""URL wiring for the whole site; each app owns its own routes."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from taxonomy.dashboard import EditorsDashboard
from taxonomy.health import healthz
from taxonomy.sitemaps import SITEMAPS, robots_txt

# Errors: a page naming the request id (JSON under /api/), see ops/error_pages.py.
handler500 = "ops.error_pages.server_error"

admin.site.site_header = "Skill Atlas editing"
admin.site.site_title = "Skill Atlas admin"
admin.site.index_title = "Curate the taxonomy"
admin.site.index_template = "admin/skill_atlas_index.html"  # links the editors' dashboard

urlpatterns = [
    path(
        "admin/dashboard/",
        admin.site.admin_view(EditorsDashboard.as_view()),
        name="editors-dashboard",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("taxonomy.urls")),
    path("", include("search.urls")),
    path("", include("interviews.urls")),
    # An index of sections, each paged at 50,000 URLs: every skill stays findable at scale.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("healthz", healthz, name="healthz"),
]
