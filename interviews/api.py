"""Interview questions in the REST API: read and write serializers and the list filter.

The skill detail and skill writes in the top-level ``api`` package nest these serializers;
this module only knows about questions (and, via ``taxonomy``, skills).
"""

import django_filters
from rest_framework import serializers

from .models import InterviewQuestion


# A plain Serializer: a ModelSerializer would rebuild its fields from the model for every skill.
class InterviewQuestionInSkillSerializer(serializers.Serializer):
    """A question as the skill page shows it, nested in the skill detail."""

    id = serializers.IntegerField(read_only=True)
    question = serializers.CharField(read_only=True)
    guidance = serializers.CharField(
        read_only=True, help_text="What a strong answer shows: what to listen for."
    )
    kind = serializers.ChoiceField(choices=InterviewQuestion.Kind.choices, read_only=True)


class InterviewQuestionSerializer(serializers.ModelSerializer):
    skill = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = InterviewQuestion
        fields = ["id", "skill", "question", "guidance", "kind", "position"]


class InterviewQuestionWriteSerializer(serializers.ModelSerializer):
    """A question sent inside a skill write; its position is its place in the list."""

    class Meta:
        model = InterviewQuestion
        fields = ["question", "guidance", "kind"]


class InterviewQuestionFilter(django_filters.FilterSet):
    skill = django_filters.CharFilter(field_name="skill__slug", help_text="Skill slug.")
    kind = django_filters.ChoiceFilter(choices=InterviewQuestion.Kind.choices)

    class Meta:
        model = InterviewQuestion
        fields = ["skill", "kind"]
