from django.urls import path

from . import page_opens, views

app_name = "taxonomy"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("skills/", views.SkillListView.as_view(), name="skill-list"),
    path("skills/<slug:slug>/", views.SkillDetailView.as_view(), name="skill-detail"),
    path("categories/", views.ClassificationView.as_view(), name="classification"),
    path("skills/<slug:slug>/opened", page_opens.skill_opened, name="skill-opened"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category-detail"),
    path("job-titles/", views.JobTitleListView.as_view(), name="jobtitle-list"),
    path("job-titles/<slug:slug>/", views.JobTitleDetailView.as_view(), name="jobtitle-detail"),
]
