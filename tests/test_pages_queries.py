"""Every public page runs a fixed number of SQL queries, however much data it shows."""

import pytest
from django.urls import reverse

from taxonomy.models import RelatedJobTitle, TechnologyUse

from .factories import CategoryFactory, JobTitleFactory, SkillFactory, skill_with_everything

pytestmark = pytest.mark.django_db

# The skill with its category path, then six prefetches (aliases, CV lines, job titles,
# related skills, related skills according to ESCO, interview questions), then the meaning
# index's version check for similar skills (search.skill_extension; the skills here are
# unindexed, so none are similar: with similar skills the page runs one query more, pinned in
# tests/test_search_meaning.py), then the occupations using it as a technology (O*NET demand,
# taxonomy.technology_demand).
SKILL_PAGE_QUERIES = 9


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_skill_page_with_nothing_attached_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries
):
    skill = SkillFactory(category=None)

    with django_assert_num_queries(SKILL_PAGE_QUERIES):
        get_ok(client, skill.get_absolute_url())


def test_skill_page_with_fifty_of_everything_runs_the_same_number_of_queries(
    client, django_assert_num_queries
):
    deep = CategoryFactory(parent=CategoryFactory(parent=CategoryFactory(parent=CategoryFactory())))
    skill = skill_with_everything(50, category=deep)

    with django_assert_num_queries(SKILL_PAGE_QUERIES):
        response = get_ok(client, skill.get_absolute_url())
    assert response.text.count('<p class="guidance-label">What to look for</p>') == 50


def test_staff_skill_page_adds_only_the_session_and_user_queries(
    client, editor, django_assert_num_queries
):
    skill = skill_with_everything(50)
    client.force_login(editor)

    with django_assert_num_queries(SKILL_PAGE_QUERIES + 2):
        get_ok(client, skill.get_absolute_url())


@pytest.mark.parametrize("count", [1, 60])
def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    # Our areas with skill and interview guide counts, complete skills, letter bar.
    for _ in range(count):
        skill = SkillFactory(category=CategoryFactory(parent=CategoryFactory()), is_complete=True)
        skill.related.set([SkillFactory()])

    with django_assert_num_queries(3):
        get_ok(client, "/")


@pytest.mark.parametrize("count", [1, 60])
def test_full_classification_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    # Every top-level group with its skill and interview guide counts.
    for index in range(count):
        CategoryFactory(external_id=f"http://data.europa.eu/esco/skill/{index}")
        SkillFactory(category=CategoryFactory(parent=CategoryFactory()))

    with django_assert_num_queries(1):
        get_ok(client, reverse("taxonomy:classification"))


@pytest.mark.parametrize("count", [1, 60])
def test_skill_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    # Letter bar, category filter options, count, page of skills.
    for _ in range(count):
        SkillFactory(category=CategoryFactory(parent=CategoryFactory()))

    with django_assert_num_queries(4):
        get_ok(client, "/skills/")


@pytest.mark.parametrize("count", [1, 60])
def test_filtered_skill_index_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    # The chosen category, then as unfiltered.
    root = CategoryFactory()
    SkillFactory.create_batch(count, name="Kubernetes", category=CategoryFactory(parent=root))

    with django_assert_num_queries(5):
        get_ok(client, f"/skills/?letter=K&category={root.slug}")


@pytest.mark.parametrize("count", [1, 60])
def test_skill_index_for_a_job_title_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    # The job title, then as unfiltered; its skills and the technology it works with.
    title = JobTitleFactory()
    SkillFactory.create_batch(count, job_titles=[title])
    for skill in SkillFactory.create_batch(count, kind="technology"):
        TechnologyUse.objects.create(skill=skill, job_title=title)

    with django_assert_num_queries(5):
        get_ok(client, f"/skills/?job_title={title.slug}")


@pytest.mark.parametrize("count", [1, 60])
def test_category_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    # Category with its path, subcategories with counts, count, page of skills.
    category = CategoryFactory(parent=CategoryFactory())
    SkillFactory.create_batch(count, category=category)
    CategoryFactory.create_batch(count, parent=category)

    with django_assert_num_queries(4):
        get_ok(client, category.get_absolute_url())


@pytest.mark.parametrize("count", [1, 60])
def test_job_title_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    titles = JobTitleFactory.create_batch(count)
    SkillFactory.create_batch(3, job_titles=titles)

    with django_assert_num_queries(2):
        get_ok(client, reverse("taxonomy:jobtitle-list"))


@pytest.mark.parametrize("count", [1, 60])
def test_job_titles_with_a_skill_run_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    # The skill, then as the whole list: count, page of titles with their counts.
    skill = SkillFactory()
    for title in JobTitleFactory.create_batch(count):
        title.skills.add(skill)
        TechnologyUse.objects.create(skill=skill, job_title=title)

    with django_assert_num_queries(3):
        get_ok(client, f"{reverse('taxonomy:jobtitle-list')}?skill={skill.slug}")


@pytest.mark.parametrize("count", [1, 60])
def test_job_title_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    # The job title, its published skills with their categories, its technologies with their
    # skills (O*NET) and its related job titles.
    title = JobTitleFactory()
    SkillFactory.create_batch(count, job_titles=[title])
    for skill in SkillFactory.create_batch(count, kind="technology"):
        TechnologyUse.objects.create(skill=skill, job_title=title, hot_technology=True)
    for other in JobTitleFactory.create_batch(count):
        RelatedJobTitle.objects.create(job_title=title, related=other)

    with django_assert_num_queries(4):
        get_ok(client, title.get_absolute_url())


@pytest.mark.parametrize("count", [1, 60])
def test_sitemap_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    # The index counts each section and finds the newest change of skills and job titles;
    # a section counts and reads one page.
    SkillFactory.create_batch(count, job_titles=[JobTitleFactory()])

    with django_assert_num_queries(5):
        get_ok(client, reverse("sitemap"))
    with django_assert_num_queries(2):
        get_ok(client, reverse("sitemap-section", args=["skills"]))
