from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("kit/", views.KitView.as_view(), name="kit"),
    path("kit/change/", views.kit_change, name="kit-change"),
    path("kit/interview-kit.md", views.kit_markdown_view, name="kit-markdown"),
    path("kit/interview-kit.csv", views.kit_csv_view, name="kit-csv"),
    path("kit/from-text/", views.KitFromTextView.as_view(), name="kit-from-text"),
]
