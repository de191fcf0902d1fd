"""factory_boy factories: each test builds exactly the data it talks about."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from api.models import ApiToken
from interviews.models import InterviewQuestion
from taxonomy.models import Category, JobTitle, ResumeExample, Skill, SkillAlias


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "A group of related skills."


class JobTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobTitle

    name = factory.Sequence(lambda n: f"Job title {n}")
    slug = factory.Sequence(lambda n: f"job-title-{n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    summary = factory.LazyAttribute(lambda o: f"What {o.name} means, in one line.")
    definition = factory.LazyAttribute(lambda o: f"{o.name} is a skill.\n\nIt has two paragraphs.")
    category = factory.SubFactory(CategoryFactory)
    status = Skill.Status.PUBLISHED

    @factory.post_generation
    def job_titles(self, create, extracted, **kwargs):
        if create and extracted:
            self.job_titles.set(extracted)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if create and extracted:
            self.related.set(extracted)


class SkillAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAlias

    skill = factory.SubFactory(SkillFactory)
    term = factory.Sequence(lambda n: f"alias {n}")


class ResumeExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResumeExample

    skill = factory.SubFactory(SkillFactory)
    text = factory.Sequence(lambda n: f"Delivered outcome number {n}")
    position = factory.Sequence(int)


class InterviewQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewQuestion

    skill = factory.SubFactory(SkillFactory)
    question = factory.Sequence(lambda n: f"Tell me about situation {n}?")
    guidance = "Concrete examples, clear reasoning and an outcome."
    kind = InterviewQuestion.Kind.BEHAVIOURAL
    position = factory.Sequence(int)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


def make_editor(username="editor", can_publish=True, **kwargs):
    """A staff user holding every taxonomy and interviews model permission; without
    ``can_publish`` all but ``taxonomy.publish_skill`` (they submit skills for review)."""
    user = UserFactory(username=username, is_staff=True, **kwargs)
    permissions = Permission.objects.filter(content_type__app_label__in=["taxonomy", "interviews"])
    if not can_publish:
        permissions = permissions.exclude(codename="publish_skill")
    user.user_permissions.set(permissions)
    return user


def skill_with_everything(count=50, **kwargs):
    """A skill with ``count`` aliases, resume lines, job titles, questions and related skills."""
    skill = SkillFactory(**kwargs)
    SkillAliasFactory.create_batch(count, skill=skill)
    ResumeExampleFactory.create_batch(count, skill=skill)
    InterviewQuestionFactory.create_batch(count, skill=skill)
    skill.job_titles.set(JobTitleFactory.create_batch(count))
    skill.related.set(SkillFactory.create_batch(count, category=skill.category))
    return skill


def token_client(user, scope=ApiToken.Scope.WRITE):
    """A REST client authenticated by a new API token of ``user`` with this scope."""
    from rest_framework.test import APIClient

    _, key = ApiToken.issue(user, name="test", scope=scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client
