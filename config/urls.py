"""URL wiring for the whole site; each app owns its own routes."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Skill Atlas editing"
admin.site.site_title = "Skill Atlas admin"
admin.site.index_title = "Curate the taxonomy"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("taxonomy.urls")),
]
