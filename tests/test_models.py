import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from taxonomy.models import Category, Skill, SkillAlias

from .factories import CategoryFactory, SkillAliasFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_database_rejects_duplicate_skill_slug():
    SkillFactory(slug="track-one-diplomacy")
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.create(name="Another", slug="track-one-diplomacy")


def test_database_rejects_alias_duplicate_differing_in_case():
    alias = SkillAliasFactory(term="Track 1 Diplomacy")
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillAlias.objects.create(skill=alias.skill, term="TRACK 1 diplomacy")


def test_same_alias_is_allowed_on_two_skills():
    SkillAliasFactory(term="Negotiation")
    SkillAliasFactory(term="negotiation")
    assert SkillAlias.objects.filter(term__iexact="negotiation").count() == 2


def test_alias_duplicate_is_reported_by_validation_before_the_database():
    alias = SkillAliasFactory(term="K8s")
    with pytest.raises(ValidationError, match="already has that alias"):
        SkillAlias(skill=alias.skill, term="k8S").full_clean()


def test_database_rejects_duplicate_external_identifier_but_allows_many_blank():
    SkillFactory(external_id="http://data.europa.eu/esco/skill/example")
    SkillFactory(external_id="")
    SkillFactory(external_id="")
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillFactory(external_id="http://data.europa.eu/esco/skill/example")


def test_category_in_use_cannot_be_deleted_leaving_skills_dangling():
    skill = SkillFactory()
    with pytest.raises(ProtectedError):
        skill.category.delete()


def test_category_cannot_be_its_own_parent_in_the_database():
    category = CategoryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.filter(pk=category.pk).update(parent=category)


def test_category_depth_is_limited():
    parent = None
    for _ in range(4):
        parent = CategoryFactory(parent=parent)
    with pytest.raises(ValidationError, match="at most 4 levels"):
        CategoryFactory.build(parent=parent, slug="too-deep").full_clean()


def test_category_path_runs_from_root():
    root = CategoryFactory(name="Government & Public Affairs")
    leaf = CategoryFactory(name="Diplomacy", parent=root)
    assert [c.name for c in Category.objects.with_path().get(pk=leaf.pk).path()] == [
        "Government & Public Affairs",
        "Diplomacy",
    ]


def test_related_skills_are_symmetric():
    a, b = SkillFactory(), SkillFactory()
    a.related.add(b)
    assert list(b.related.all()) == [a]


def test_only_published_skills_are_public():
    SkillFactory(name="Public", status=Skill.Status.PUBLISHED)
    SkillFactory(name="Hidden", status=Skill.Status.DRAFT)
    SkillFactory(name="Old", status=Skill.Status.ARCHIVED)
    assert [s.name for s in Skill.objects.published()] == ["Public"]


def test_definition_paragraphs_split_on_blank_lines():
    skill = SkillFactory.build(definition="First.\r\n\r\nSecond\nline.\n\n\n")
    assert skill.definition_paragraphs() == ["First.", "Second\nline."]


def test_category_with_subcategories_cannot_move_under_a_deep_parent():
    top = CategoryFactory(slug="da")
    middle = CategoryFactory(parent=top)
    CategoryFactory(parent=middle)
    deep = CategoryFactory(parent=CategoryFactory())
    top.parent = deep
    with pytest.raises(ValidationError, match="counting the subcategories"):
        top.full_clean()
