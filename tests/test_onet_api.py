"""O*NET's content in the REST API: demand flags, the hot-technology filter, job title fields
and the credit."""

import io

import pytest
from django.core.management import call_command

from taxonomy.models import JobTitle, Skill
from taxonomy.onet_models import ONET_CREDIT

from .factories import JobTitleFactory, SkillFactory
from .onet_files import WEB, small_onet

pytestmark = pytest.mark.django_db


@pytest.fixture
def onet(tmp_path):
    call_command("import_onet", str(small_onet(tmp_path)), stdout=io.StringIO(), verbosity=0)


def get(api_client, url, **params):
    response = api_client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_skill_list_filters_to_hot_technologies(api_client, onet):
    SkillFactory(name="Negotiation")
    names = {
        s["name"] for s in get(api_client, "/api/v1/skills/", hot_technology="true")["results"]
    }
    assert names == {
        "React",
        "React Native",
        "Kubernetes",
        "Amazon Web Services AWS software",
        "Microsoft Excel",
        "Salesforce software",
    }
    others = get(api_client, "/api/v1/skills/", hot_technology="false")["results"]
    assert {s["name"] for s in others} == {"Negotiation", "Salesforce.com Salesforce CRM"}


def test_skill_list_carries_the_flags(api_client, onet):
    rows = {s["name"]: s for s in get(api_client, "/api/v1/skills/", page_size=50)["results"]}
    assert (rows["React"]["hot_technology"], rows["React"]["in_demand"]) == (True, True)
    assert (rows["React Native"]["hot_technology"], rows["React Native"]["in_demand"]) == (
        True,
        False,
    )


def test_skill_detail_says_where_it_is_in_demand(api_client, onet):
    excel = Skill.objects.get(name="Microsoft Excel")
    data = get(api_client, f"/api/v1/skills/{excel.slug}/")
    demand = data["technology_demand"]
    assert (demand["occupations"], demand["hot_technology_in"], demand["in_demand_in"]) == (3, 2, 0)
    assert [t["name"] for t in demand["job_titles"]] == [
        "Account Executive",
        "Platform Keepers",
        "Web Builders",
    ]
    assert data["hot_technology"] is True
    assert ONET_CREDIT in data["credits"]


def test_skill_without_onet_content_has_no_demand_and_no_onet_credit(api_client):
    data = get(api_client, f"/api/v1/skills/{SkillFactory().slug}/")
    assert data["technology_demand"] is None
    assert ONET_CREDIT not in data["credits"]


def test_job_title_detail_carries_onet_fields_hot_first(api_client, onet):
    title = JobTitle.objects.get(onet_code=WEB)
    data = get(api_client, f"/api/v1/job-titles/{title.slug}/")
    assert data["onet_code"] == WEB
    assert data["job_zone"] == 4
    assert data["tasks"][0] == 'Write "clean" code for websites.'
    assert [(t["name"], t["hot_technology"], t["in_demand"]) for t in data["technologies"]] == [
        ("React", True, True),
        ("React Native", True, False),
        ("Microsoft Excel", False, False),
    ]
    assert [t["name"] for t in data["related_job_titles"]] == ["Platform Keepers"]
    assert data["credits"] == [ONET_CREDIT]


def test_job_title_without_onet_content_has_no_onet_credit(api_client):
    data = get(api_client, f"/api/v1/job-titles/{JobTitleFactory().slug}/")
    assert data["credits"] == []
    assert (data["onet_code"], data["tasks"], data["job_zone"]) == ("", [], None)


@pytest.mark.parametrize("count", [1, 30])
def test_hot_technology_list_costs_the_same_for_1_or_30(
    api_client, django_assert_num_queries, count, tmp_path
):
    from taxonomy.models import TechnologyUse

    title = JobTitleFactory()
    for skill in SkillFactory.create_batch(count, kind="technology"):
        TechnologyUse.objects.create(skill=skill, job_title=title, hot_technology=True)
    with django_assert_num_queries(2):  # count + page
        response = api_client.get("/api/v1/skills/", {"hot_technology": "true", "page_size": 50})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_job_title_detail_costs_the_same_for_1_or_30_technologies(
    api_client, django_assert_num_queries, count
):
    from taxonomy.models import TechnologyUse

    title = JobTitleFactory()
    for skill in SkillFactory.create_batch(count, kind="technology"):
        TechnologyUse.objects.create(skill=skill, job_title=title, in_demand=True)
    # the job title + skills + technologies + related job titles
    with django_assert_num_queries(4):
        get(api_client, f"/api/v1/job-titles/{title.slug}/")
