"""Query-string filters for the skill and question lists; ``?q=`` is the site's one search."""

from datetime import UTC

import django_filters
from django import forms
from rest_framework.exceptions import ValidationError

from interviews.models import InterviewQuestion
from search.query import MAX_QUERY_LENGTH, InvalidSearchQuery
from search.ranking import search_skills
from taxonomy.models import Skill, in_category_tree


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """ISO 8601, handed to the database in UTC: PostgreSQL refuses offsets such as -18:05,
    and an instant beyond year 9999 in UTC is a field error rather than a crash."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError("Enter a date/time between years 1 and 9999.") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class SkillFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(
        method="in_category",
        help_text="Category slug; skills in its subcategories are included.",
    )
    job_title = django_filters.CharFilter(
        field_name="job_titles__slug", help_text="Job title slug."
    )
    updated_since = UtcDateTimeFilter(
        field_name="updated",
        lookup_expr="gte",
        help_text="ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z: skills changed at or after it.",
    )
    status = django_filters.ChoiceFilter(
        choices=Skill.Status.choices,
        help_text="Editors only: visitors see published skills whatever this says.",
    )
    kind = django_filters.ChoiceFilter(choices=Skill.Kind.choices, help_text="Kind of skill.")
    has_questions = django_filters.BooleanFilter(
        method="with_questions",
        help_text="true: skills with an interview guide (written questions); false: without.",
    )
    is_complete = django_filters.BooleanFilter(
        help_text="true: skills that answer all five questions to the content standard."
    )
    hot_technology = django_filters.BooleanFilter(
        method="with_hot_technology",
        help_text="true: technologies O*NET lists as a Hot Technology in at least one "
        "occupation; false: all other skills.",
    )
    # Last, so the search ranks the already-narrowed skills.
    q = django_filters.CharFilter(
        method="search",
        max_length=MAX_QUERY_LENGTH,
        help_text="Search words: names, aliases, job titles, summaries; an unfinished last word "
        "matches as a prefix, and skills close in meaning are found too. Best match first "
        "unless `ordering` is given.",
    )

    class Meta:
        model = Skill
        fields = [
            "category",
            "job_title",
            "updated_since",
            "status",
            "kind",
            "has_questions",
            "is_complete",
            "hot_technology",
            "q",
        ]

    def in_category(self, skills, name, value):
        return skills.filter(in_category_tree(value, by="slug"))

    def with_questions(self, skills, name, value):
        if value is None:
            return skills
        return skills.with_interview_guide() if value else skills.filter(question_count=0)

    def with_hot_technology(self, skills, name, value):
        if value is None:
            return skills
        hot = skills.hot_technologies()
        return hot if value else skills.exclude(pk__in=hot.values("pk"))

    def search(self, skills, name, value):
        if not value.strip():
            return skills
        try:
            return search_skills(skills, value)
        except InvalidSearchQuery as exc:
            raise ValidationError({"q": [str(exc)]}) from None


class InterviewQuestionFilter(django_filters.FilterSet):
    skill = django_filters.CharFilter(field_name="skill__slug", help_text="Skill slug.")
    kind = django_filters.ChoiceFilter(choices=InterviewQuestion.Kind.choices)

    class Meta:
        model = InterviewQuestion
        fields = ["skill", "kind"]
