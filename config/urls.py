"""URL wiring for the whole site; each app owns its own routes."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from taxonomy.health import healthz
from taxonomy.sitemaps import SITEMAPS, robots_txt

admin.site.site_header = "Skill Atlas editing"
admin.site.site_title = "Skill Atlas admin"
admin.site.index_title = "Curate the taxonomy"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("taxonomy.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("healthz", healthz, name="healthz"),
]
