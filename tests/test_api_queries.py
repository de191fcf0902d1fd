"""A fixed number of SQL queries per API call, whatever the data: pinned per endpoint."""

import pytest

from taxonomy.models import RelatedJobTitle, TechnologyUse

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
    skill_with_everything,
)

pytestmark = pytest.mark.django_db

# count + page
LIST_QUERIES = 2
# skill with its category path + aliases, resume lines, job titles, related, ESCO-related,
# questions, the occupations using it as a technology (O*NET demand)
DETAIL_QUERIES = 8
# the token (a staff editor sees drafts without a permission lookup); editors get every related
# skill, drafts included, in the same prefetch visitors get the published ones in
EDITOR_EXTRA = 1


def skills_with_children(count):
    """``count`` skills three categories deep, each with job titles, aliases, lines, questions."""
    root = CategoryFactory(slug="root")
    category = CategoryFactory(parent=CategoryFactory(parent=root))
    titles = [JobTitleFactory(slug="mediator"), *JobTitleFactory.create_batch(2)]
    for _ in range(count):
        skill = SkillFactory(category=category, job_titles=titles)
        SkillAliasFactory.create_batch(3, skill=skill)
        ResumeExampleFactory.create_batch(3, skill=skill)
        InterviewQuestionFactory.create_batch(3, skill=skill)


@pytest.mark.parametrize("count", [1, 30])
def test_skill_list_page_costs_the_same_for_1_or_30_skills(
    api_client, django_assert_num_queries, count
):
    skills_with_children(count)

    with django_assert_num_queries(LIST_QUERIES):
        response = api_client.get("/api/v1/skills/", {"page_size": 100})

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_filtered_skill_list_costs_the_same_for_1_or_30_skills(
    api_client, django_assert_num_queries, count
):
    skills_with_children(count)

    with django_assert_num_queries(LIST_QUERIES):
        response = api_client.get(
            "/api/v1/skills/",
            {"category": "root", "job_title": "mediator", "updated_since": "2020-01-01T00:00Z"},
        )

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 30])
def test_editor_skill_list_costs_the_same_for_1_or_30_skills(
    editor_api_client, django_assert_num_queries, count
):
    skills_with_children(count)

    with django_assert_num_queries(LIST_QUERIES + EDITOR_EXTRA):
        editor_api_client.get("/api/v1/skills/", {"page_size": 100})


@pytest.mark.parametrize("everything", [False, True], ids=["bare", "everything"])
def test_skill_detail_costs_the_same_bare_or_with_everything(
    api_client, django_assert_num_queries, everything
):
    skill = skill_with_everything() if everything else SkillFactory(category=None)

    with django_assert_num_queries(DETAIL_QUERIES):
        api_client.get(f"/api/v1/skills/{skill.slug}/")


@pytest.mark.parametrize("everything", [False, True], ids=["bare", "everything"])
def test_editor_skill_detail_costs_the_same_bare_or_with_everything(
    editor_api_client, django_assert_num_queries, everything
):
    skill = skill_with_everything() if everything else SkillFactory(category=None)

    with django_assert_num_queries(DETAIL_QUERIES + EDITOR_EXTRA):
        editor_api_client.get(f"/api/v1/skills/{skill.slug}/")


@pytest.mark.parametrize("count", [1, 30])
def test_category_tree_costs_the_same_for_1_or_30_categories(
    api_client, django_assert_num_queries, count
):
    root = CategoryFactory()
    CategoryFactory.create_batch(count, parent=CategoryFactory(parent=root))

    # count + page (with parents) + children
    with django_assert_num_queries(3):
        api_client.get("/api/v1/categories/", {"page_size": 100})


@pytest.mark.parametrize("count", [1, 30])
def test_job_title_list_costs_the_same_for_1_or_30_titles(
    api_client, django_assert_num_queries, count
):
    titles = JobTitleFactory.create_batch(count)
    for title in titles:
        SkillFactory.create_batch(2, job_titles=[title])
        for skill in SkillFactory.create_batch(2, kind="technology"):
            TechnologyUse.objects.create(skill=skill, job_title=title, hot_technology=True)
        RelatedJobTitle.objects.create(
            job_title=title, related=titles[0] if title != titles[0] else JobTitleFactory()
        )

    # count + page + published skills + technologies (O*NET) + related job titles
    with django_assert_num_queries(5):
        api_client.get("/api/v1/job-titles/", {"page_size": 100})


@pytest.mark.parametrize("count", [1, 30])
def test_question_list_costs_the_same_for_1_or_30_questions(
    api_client, django_assert_num_queries, count
):
    InterviewQuestionFactory.create_batch(count)

    with django_assert_num_queries(LIST_QUERIES):
        api_client.get("/api/v1/interview-questions/", {"page_size": 100})


@pytest.mark.parametrize("count", [1, 30])
def test_searched_skill_list_costs_the_same_for_1_or_30_matches(
    api_client, django_assert_num_queries, count
):
    from taxonomy.changes import content_changed
    from taxonomy.models import Skill

    for _ in range(count):
        SkillAliasFactory(skill=SkillFactory(), term="mediation")
    content_changed(skills=Skill.objects.values_list("pk", flat=True))

    # the search's typo lookup and meaning index version check, then the page, which counts the
    # matches in the same query (search.pagination)
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/skills/", {"q": "mediation", "page_size": 100})

    assert response.json()["count"] == count
