"""Read shapes of everything around skills: categories, job titles, references, questions.

Explicit fields, shaped like the public pages. The skill list and detail are in
``skill_serializers``.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from interviews.models import InterviewQuestion
from taxonomy.absolute_urls import absolute_url
from taxonomy.models import ESCO_CREDIT, Category, JobTitle


class PageUrlField(serializers.Field):
    """The absolute URL of the object's public page (``SITE_URL`` when set)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute_url(self.context["request"], obj.get_absolute_url())


extend_schema_field(OpenApiTypes.URI)(PageUrlField)


class ApiUrlField(serializers.Field):
    """The absolute URL of the object in this API."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return reverse(self.view_name, args=[obj.slug], request=self.context["request"])


extend_schema_field(OpenApiTypes.URI)(ApiUrlField)


# Small nested shapes are plain Serializers: a ModelSerializer rebuilds its fields from the
# model on every instance, which is most of the cost of a skill detail.


class CategoryRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class CategoryInSkillSerializer(CategoryRefSerializer):
    """A skill's category with its path, root first (parents loaded by ``with_path()``)."""

    path = CategoryRefSerializer(many=True, read_only=True)


class CategorySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    path = CategoryRefSerializer(many=True, read_only=True)
    children = CategoryRefSerializer(many=True, read_only=True)
    url = ApiUrlField("api:category-detail")
    page_url = PageUrlField()

    class Meta:
        model = Category
        fields = [
            "slug",
            "name",
            "description",
            "external_id",
            "parent",
            "path",
            "children",
            "url",
            "page_url",
        ]


class JobTitleRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class SkillRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:skill-detail")


class JobTitleSerializer(serializers.ModelSerializer):
    alternative_labels = serializers.ListField(
        child=serializers.CharField(), source="alternative_label_list", read_only=True
    )
    skills = SkillRefSerializer(
        many=True, read_only=True, help_text="Its skills you may see (published for visitors)."
    )
    credits = serializers.SerializerMethodField(
        help_text="Attributions this job title requires: ESCO's when any of it is ESCO's."
    )
    url = ApiUrlField("api:jobtitle-detail")
    page_url = PageUrlField()

    class Meta:
        model = JobTitle
        fields = [
            "slug",
            "name",
            "alternative_labels",
            "description",
            "external_id",
            "skills",
            "credits",
            "url",
            "page_url",
            "updated",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_credits(self, job_title):
        return [ESCO_CREDIT] if job_title.is_from_esco else []


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
    # Declared: the model field's range (and so the schema) would differ between databases.
    position = serializers.IntegerField(read_only=True, help_text="Its place among the skill's.")

    class Meta:
        model = InterviewQuestion
        fields = ["id", "skill", "question", "guidance", "kind", "position"]


class InterviewQuestionWriteSerializer(serializers.ModelSerializer):
    """A question sent inside a skill write; its position is its place in the list."""

    class Meta:
        model = InterviewQuestion
        fields = ["question", "guidance", "kind"]
