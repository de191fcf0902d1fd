"""Skills: the list row and the detail (read), and skill input (write).

Read: a list row is a card; the detail is everything the skill page shows, nested. Write: scalar
fields plus categories, job titles and related skills by slug, and the nested aliases, resume lines
and questions as lists that replace the skill's current ones. Validation follows the model
(``full_clean``), so the API refuses what the admin refuses.
"""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from taxonomy.alias_keys import alias_key
from taxonomy.duplicates import same_name, skills_named
from taxonomy.models import ESCO_CREDIT, Category, JobTitle, ResumeExample, Skill, SkillAlias
from taxonomy.onet_models import ONET_CREDIT
from taxonomy.review import status_change_error
from taxonomy.technology_demand import shows_onet_content, technology_demand

from .errors import DuplicateName, FieldPermissionDenied
from .reference_serializers import (
    ApiUrlField,
    CategoryInSkillSerializer,
    CategoryRefSerializer,
    InterviewQuestionInSkillSerializer,
    InterviewQuestionWriteSerializer,
    JobTitleRefSerializer,
    PageUrlField,
    SkillRefSerializer,
)
from .skill_writes import save_skill

MAX_ITEMS = 200


class SkillListSerializer(serializers.ModelSerializer):
    """One row of the skill list: enough for a search result or a card."""

    category = CategoryRefSerializer(read_only=True, allow_null=True)
    # Declared, not derived from the model: a model integer's range differs between databases,
    # and the committed schema must not.
    question_count = serializers.IntegerField(
        read_only=True, help_text="Written interview questions (its interview guide)."
    )
    is_complete = serializers.BooleanField(
        read_only=True, help_text="Answers all five questions to the content standard (README)."
    )
    hot_technology = serializers.BooleanField(
        read_only=True,
        source="is_hot_technology",
        help_text="O*NET lists it as a Hot Technology (among those employers' job postings name "
        "most often) in at least one occupation. Filter with ?hot_technology=true.",
    )
    in_demand = serializers.BooleanField(
        read_only=True,
        source="is_in_demand",
        help_text="O*NET lists it as In Demand in at least one occupation's job postings.",
    )
    url = ApiUrlField("api:skill-detail")
    page_url = PageUrlField()

    class Meta:
        model = Skill
        fields = [
            "slug",
            "name",
            "summary",
            "status",
            "kind",
            "category",
            "question_count",
            "is_complete",
            "hot_technology",
            "in_demand",
            "url",
            "page_url",
            "updated",
        ]


class JobTitleDemandSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = ApiUrlField("api:jobtitle-detail")
    hot_technology = serializers.BooleanField(read_only=True)
    in_demand = serializers.BooleanField(read_only=True)


class TechnologyDemandSerializer(serializers.Serializer):
    """How much a technology is asked for, from O*NET's occupations."""

    occupations = serializers.IntegerField(
        read_only=True, help_text="How many occupations (job titles) use it."
    )
    hot_technology_in = serializers.IntegerField(
        read_only=True, help_text="In how many of them it is a Hot Technology."
    )
    in_demand_in = serializers.IntegerField(
        read_only=True, help_text="In how many of them it is In Demand."
    )
    job_titles = JobTitleDemandSerializer(
        many=True,
        read_only=True,
        help_text="Every job title using it, in demand first, then hot, then A-Z.",
    )


class SkillDetailSerializer(SkillListSerializer):
    category = CategoryInSkillSerializer(read_only=True, allow_null=True)
    aliases = serializers.SlugRelatedField(
        slug_field="term", many=True, read_only=True, help_text="Also try searching for."
    )
    resume_lines = serializers.SlugRelatedField(
        slug_field="text", many=True, read_only=True, source="resume_examples"
    )
    job_titles = JobTitleRefSerializer(many=True, read_only=True)
    related = serializers.SerializerMethodField(
        help_text="Related skills you may see (published ones for visitors)."
    )
    esco_related = SkillRefSerializer(
        many=True, read_only=True, help_text="Related skills according to ESCO (imported)."
    )
    interview_questions = InterviewQuestionInSkillSerializer(many=True, read_only=True)
    esco_fields = serializers.SerializerMethodField(
        help_text="The fields whose text is ESCO's (the others are curated by our editors)."
    )
    hot_technology = serializers.SerializerMethodField(
        help_text=SkillListSerializer._declared_fields["hot_technology"].help_text
    )
    in_demand = serializers.SerializerMethodField(
        help_text=SkillListSerializer._declared_fields["in_demand"].help_text
    )
    technology_demand = serializers.SerializerMethodField(
        help_text="The occupations using it as a technology, with O*NET's Hot Technology and "
        "In Demand flags; null when no occupation lists it."
    )
    credits = serializers.SerializerMethodField(
        help_text="Attributions this content requires: ESCO's when any of it is ESCO's, "
        "O*NET's when any of it is O*NET's."
    )

    class Meta(SkillListSerializer.Meta):
        fields = [
            "slug",
            "name",
            "summary",
            "definition",
            "status",
            "kind",
            "external_id",
            "esco_fields",
            "category",
            "aliases",
            "resume_lines",
            "job_titles",
            "related",
            "esco_related",
            "interview_questions",
            "question_count",
            "is_complete",
            "hot_technology",
            "in_demand",
            "technology_demand",
            "credits",
            "url",
            "page_url",
            "created",
            "updated",
        ]

    def demand(self, skill):
        """``technology_demand(skill)``, read once per skill (one query)."""
        if not hasattr(skill, "_technology_demand"):
            skill._technology_demand = technology_demand(skill)
        return skill._technology_demand

    def get_hot_technology(self, skill) -> bool:
        demand = self.demand(skill)
        return bool(demand and demand.hot_technology_in)

    def get_in_demand(self, skill) -> bool:
        demand = self.demand(skill)
        return bool(demand and demand.in_demand_in)

    @extend_schema_field(TechnologyDemandSerializer(allow_null=True))
    def get_technology_demand(self, skill):
        demand = self.demand(skill)
        if demand is None:
            return None
        return TechnologyDemandSerializer(demand, context=self.context).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_esco_fields(self, skill):
        return sorted(skill.field_sources())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_credits(self, skill):
        onet = shows_onet_content(skill, self.demand(skill))
        return [ESCO_CREDIT] * skill.shows_esco_content + [ONET_CREDIT] * onet

    @extend_schema_field(SkillRefSerializer(many=True))
    def get_related(self, skill):
        # Prefetched by for_page(viewer): the related skills this client may see.
        return SkillRefSerializer(skill.related.all(), many=True, context=self.context).data


def _model_errors(exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    if NON_FIELD_ERRORS in errors:
        errors["non_field_errors"] = errors.pop(NON_FIELD_ERRORS)
    return errors


class SkillWriteSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Category.objects.all(),
        allow_null=True,
        required=False,
        help_text="Category slug, or null.",
    )
    job_titles = serializers.ListField(
        child=serializers.SlugRelatedField(slug_field="slug", queryset=JobTitle.objects.all()),
        required=False,
        max_length=MAX_ITEMS,
        help_text="Job title slugs; replaces the skill's job titles.",
    )
    related = serializers.ListField(
        child=serializers.SlugRelatedField(slug_field="slug", queryset=Skill.objects.all()),
        required=False,
        max_length=MAX_ITEMS,
        help_text="Related skill slugs (any status); replaces the skill's related skills.",
    )
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=SkillAlias._meta.get_field("term").max_length),
        required=False,
        max_length=MAX_ITEMS,
        help_text="Replaces the skill's aliases; unique ignoring case.",
    )
    resume_lines = serializers.ListField(
        child=serializers.CharField(max_length=ResumeExample._meta.get_field("text").max_length),
        required=False,
        max_length=MAX_ITEMS,
        help_text="Replaces the skill's example resume lines, in this order.",
    )
    interview_questions = InterviewQuestionWriteSerializer(
        many=True,
        required=False,
        max_length=MAX_ITEMS,
        help_text="Replaces the skill's interview questions, in this order.",
    )

    class Meta:
        model = Skill
        fields = [
            "slug",
            "name",
            "summary",
            "definition",
            "status",
            "kind",
            "external_id",
            "category",
            "aliases",
            "resume_lines",
            "job_titles",
            "related",
            "interview_questions",
        ]

    def validate_aliases(self, terms):
        seen = set()
        for term in terms:
            if alias_key(term) in seen:
                raise serializers.ValidationError(
                    f"{term!r} is listed twice (ignoring case); each alias may appear only once."
                )
            seen.add(alias_key(term))
        return terms

    def validate_status(self, status):
        """Review before publishing: 403, not 400, when the account may not set this status."""
        old = self.instance.status if self.instance is not None else None
        error = status_change_error(self.context["request"].user, old, status)
        if error:
            raise FieldPermissionDenied("status", error)
        return status

    def validate(self, attrs):
        skill = copy.copy(self.instance) if self.instance is not None else Skill()
        for name, value in attrs.items():
            if name in ("slug", "name", "summary", "definition", "status", "kind", "external_id"):
                setattr(skill, name, value)
        if "category" in attrs:
            skill.category = attrs["category"]
        try:
            skill.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(_model_errors(exc)) from None
        if skill.pk and any(other.pk == skill.pk for other in attrs.get("related", [])):
            raise serializers.ValidationError({"related": ["A skill cannot be related to itself."]})
        self.refuse_duplicates(skill, attrs)
        return attrs

    def refuse_duplicates(self, skill, attrs):
        """409 for a name another skill has, or a new alias that is another skill's name
        (ignoring case, accents and punctuation: ``taxonomy.duplicates``)."""
        if "name" in attrs:
            existing = same_name(Skill, attrs["name"], exclude=skill.pk)
            if existing is not None:
                raise self.duplicate("name", f"A skill named {existing.name!r} exists", existing)
        kept = set(self.instance.aliases.values_list("term", flat=True)) if skill.pk else set()
        new_terms = [term for term in attrs.get("aliases", []) if term not in kept]
        for term, existing in skills_named(new_terms, exclude=skill.pk).items():
            raise self.duplicate("aliases", f"The alias {term!r} is the name of a skill", existing)

    def duplicate(self, field, what, existing):
        url = reverse("api:skill-detail", args=[existing.slug], request=self.context["request"])
        return DuplicateName(
            f"{what} (names count as the same ignoring case, accents and punctuation): "
            f"{existing.slug}. Update that skill instead, or choose another name.",
            field=field,
            existing={"slug": existing.slug, "name": existing.name, "url": url},
        )

    def create(self, validated_data):
        return save_skill(Skill(), validated_data, self.context["request"].user)

    def update(self, instance, validated_data):
        return save_skill(instance, validated_data, self.context["request"].user)
