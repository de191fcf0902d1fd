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

from taxonomy.duplicates import same_name, skills_named
from taxonomy.models import ESCO_CREDIT, Category, JobTitle, ResumeExample, Skill, SkillAlias

from .errors import DuplicateName
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
            "url",
            "page_url",
            "updated",
        ]


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
    credits = serializers.SerializerMethodField(
        help_text="Attributions this content requires: ESCO's when any of it is ESCO's."
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
            "credits",
            "url",
            "page_url",
            "created",
            "updated",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_esco_fields(self, skill):
        return sorted(skill.field_sources())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_credits(self, skill):
        return [ESCO_CREDIT] if skill.shows_esco_content else []

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
            if term.casefold() in seen:
                raise serializers.ValidationError(
                    f"{term!r} is listed twice (ignoring case); each alias may appear only once."
                )
            seen.add(term.casefold())
        return terms

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
        return save_skill(Skill(), validated_data)

    def update(self, instance, validated_data):
        return save_skill(instance, validated_data)
