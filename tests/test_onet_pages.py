"""What O*NET's content looks like on the public pages: job titles and technology skills."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from interviews.kits import job_title_spec
from taxonomy.file_format import export_document
from taxonomy.models import JobTitle, OnetTechnology, Skill, TechnologyUse
from taxonomy.onet_models import ONET_CREDIT

from .factories import JobTitleFactory, SkillFactory
from .onet_files import OPS, SALES, WEB, small_onet

pytestmark = pytest.mark.django_db
CREDIT_START = "This site includes information from the"


@pytest.fixture
def onet(tmp_path):
    call_command("import_onet", str(small_onet(tmp_path)), stdout=io.StringIO(), verbosity=0)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_job_title_page_says_what_the_job_does(client, onet):
    text = page(client, JobTitle.objects.get(onet_code=WEB).get_absolute_url())
    assert "What the job does" in text
    assert "Write &quot;clean&quot; code for websites." in text
    assert "Attend conferences." not in text  # a supplemental task
    assert "job zone 4 of 5, considerable preparation needed" in text


def test_job_title_page_lists_technologies_hot_first_with_their_flags(client, onet):
    text = page(client, JobTitle.objects.get(onet_code=WEB).get_absolute_url())
    react, native, excel = (
        text.index(f">{name}</a>") for name in ("React", "React Native", "Microsoft Excel")
    )
    assert react < native < excel
    assert text.count("flag--hot") == 2
    assert text.count("flag--demand") == 1


def test_job_title_page_shows_related_titles_and_other_names(client, onet):
    text = page(client, JobTitle.objects.get(onet_code=WEB).get_absolute_url())
    assert "Related job titles" in text
    assert ">Platform Keepers</a>" in text
    assert "Also called: Full Stack Developer, Front End Web Developer" in text


def test_many_other_names_fold_away(client):
    title = JobTitleFactory(alternative_labels="\n".join(f"Name {n}" for n in range(20)))
    text = page(client, title.get_absolute_url())
    assert "Also called: Name 0, Name 1, Name 2, Name 3, Name 4, Name 5, Name 6, Name 7…" in text
    assert "All 20 other names" in text


def test_job_title_page_offers_a_kit_of_its_technologies(client, onet):
    title = JobTitle.objects.get(onet_code=OPS)
    text = page(client, title.get_absolute_url())
    assert "Interview kit for this job" in text
    spec = job_title_spec(title, Skill.objects.published())
    # in demand first (Kubernetes), then hot (AWS, Excel), A-Z
    assert spec.slugs == ("kubernetes", "amazon-web-services-aws-software", "microsoft-excel")


def test_job_title_page_credits_onet(client, onet):
    text = page(client, JobTitle.objects.get(onet_code=WEB).get_absolute_url())
    assert CREDIT_START in text
    assert "USDOL/ETA has not approved, endorsed, or tested these modifications." in text


def test_a_job_title_without_onet_content_has_no_onet_credit(client):
    assert CREDIT_START not in page(client, JobTitleFactory().get_absolute_url())


def test_job_titles_working_only_with_technologies_are_listed(client, onet):
    text = page(client, reverse("taxonomy:jobtitle-list"))
    assert '>Web Builders</a> <span class="count">0 skills · 3 technologies</span>' in text


def test_skill_page_shows_how_many_occupations_use_the_technology(client, onet):
    excel = Skill.objects.get(name="Microsoft Excel")
    text = page(client, excel.get_absolute_url())
    assert "Used in 3 occupations; a hot technology in 2." in text
    assert text.index(">Account Executive</a>") < text.index(">Web Builders</a>")
    assert CREDIT_START in text


def test_skill_page_lists_where_it_is_in_demand_first(client, onet):
    text = page(client, Skill.objects.get(name="React").get_absolute_url())
    assert "Used in 1 occupation; a hot technology in 1; in demand in 1." in text


def test_curated_skill_linked_to_a_technology_shows_demand_and_credit(client, tmp_path):
    excel = SkillFactory(name="Excel")
    call_command("import_onet", str(small_onet(tmp_path)), stdout=io.StringIO(), verbosity=0)
    text = page(client, excel.get_absolute_url())
    assert "Used in 3 occupations" in text
    assert CREDIT_START in text


def test_skill_without_onet_content_has_no_demand_or_credit(client):
    text = page(client, SkillFactory().get_absolute_url())
    assert "Demand" not in text
    assert CREDIT_START not in text


def test_skill_page_etag_changes_when_demand_changes(client, onet):
    react = Skill.objects.get(name="React")
    before = client.get(react.get_absolute_url())["ETag"]
    TechnologyUse.objects.filter(skill=react).update(in_demand=False)
    assert client.get(react.get_absolute_url())["ETag"] != before


def test_export_credits_onet(onet):
    assert ONET_CREDIT in export_document()["credits"]


def test_export_without_onet_content_has_no_onet_credit():
    SkillFactory()
    assert ONET_CREDIT not in export_document()["credits"]


@pytest.mark.parametrize("count", [1, 40])
def test_skill_page_with_many_occupations_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    from .test_pages_queries import SKILL_PAGE_QUERIES

    skill = SkillFactory(kind="technology")
    OnetTechnology.objects.create(name=skill.name, skill=skill)
    for title in JobTitleFactory.create_batch(count, onet_code=""):
        TechnologyUse.objects.create(skill=skill, job_title=title, hot_technology=True)
    with django_assert_num_queries(SKILL_PAGE_QUERIES):
        page(client, skill.get_absolute_url())


def test_sales_title_names_its_onet_code(onet):
    assert JobTitle.objects.get(onet_code=SALES).name == "Account Executive"
