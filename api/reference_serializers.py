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
from taxonomy.onet_models import ONET_CREDIT


class PageUrlField(serializers.Field):
    """The absolute URL of the object's public page (``SITE_URL`` when set)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return absolute_url(self.context["request"], obj.get_absolute_url())


extend_schema_field(OpenApiTypes.URI)(PageUrlField)


class ApiUrlField(serializers.Field):
    """The absolute URL of the object in this API (``of``: of the object's attribute)."""

    def __init__(self, view_name, of="", **kwargs):
        self.view_name = view_name
        self.of = of
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        obj = getattr(obj, self.of) if self.of else obj
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


class TechnologyUseSerializer(serializers.Serializer):
    """A technology a job title works with, and O*NET's demand flags for it in that job."""

    slug = serializers.SlugField(source="skill.slug", read_only=True)
    name = serializers.CharField(source="skill.name", read_only=True)
    url = ApiUrlField("api:skill-detail", of="skill")
    hot_technology = serializers.BooleanField(
        read_only=True,
        help_text="O*NET Hot Technology: among the technologies employers' job postings name "
        "most often.",
    )
    in_demand = serializers.BooleanField(
        read_only=True, help_text="O*NET In Demand: often named in job postings for this job."
    )


class RelatedJobTitleSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="related.slug", read_only=True)
    name = serializers.CharField(source="related.name", read_only=True)
    url = ApiUrlField("api:jobtitle-detail", of="related")


class JobTitleSerializer(serializers.ModelSerializer):
    alternative_labels = serializers.ListField(
        child=serializers.CharField(), source="alternative_label_list", read_only=True
    )
    skills = SkillRefSerializer(
        many=True, read_only=True, help_text="Its skills you may see (published for visitors)."
    )
    onet_code = serializers.CharField(
        read_only=True, help_text="Its O*NET-SOC code (e.g. 15-1252.00), or empty."
    )
    tasks = serializers.ListField(
        child=serializers.CharField(),
        source="task_list",
        read_only=True,
        help_text="What the job does: its core tasks (O*NET).",
    )
    job_zone = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="O*NET job zone, 1 (little or no preparation needed) to 5 (extensive).",
    )
    technologies = TechnologyUseSerializer(
        many=True,
        read_only=True,
        source="technology_uses",
        help_text="Technology it works with (O*NET), hot technologies first, then in demand.",
    )
    related_job_titles = RelatedJobTitleSerializer(
        many=True, read_only=True, source="related_links", help_text="O*NET's related occupations."
    )
    credits = serializers.SerializerMethodField(
        help_text="Attributions this job title requires: ESCO's when any of it is ESCO's, "
        "O*NET's when any of it is O*NET's."
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
            "onet_code",
            "tasks",
            "job_zone",
            "skills",
            "technologies",
            "related_job_titles",
            "credits",
            "url",
            "page_url",
            "updated",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_credits(self, job_title):
        return [ESCO_CREDIT] * job_title.is_from_esco + [ONET_CREDIT] * job_title.is_from_onet


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
