"""manage.py import_onet: small invented files in O*NET's tab-separated format."""

import io

import pytest
from django.core.management import CommandError, call_command

from search.ranking import search_skills
from search.suggest import autocomplete
from taxonomy.importers.onet import singular
from taxonomy.models import (
    Category,
    JobTitle,
    OnetTechnology,
    RelatedJobTitle,
    Skill,
    SkillAlias,
    TechnologyUse,
)

from .factories import JobTitleFactory, SkillFactory, make_editor
from .onet_files import OPS, SALES, WEB, small_onet, technology, write

pytestmark = pytest.mark.django_db


def run(folder, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_onet", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def uses_of(job_title):
    return {
        (use.skill.name, use.hot_technology, use.in_demand)
        for use in TechnologyUse.objects.filter(job_title=job_title).select_related("skill")
    }


def test_occupations_become_job_titles_with_what_the_job_does(tmp_path):
    run(small_onet(tmp_path))
    web = JobTitle.objects.get(onet_code=WEB)
    assert web.name == "Web Builders"
    assert web.description.startswith("Design and build websites")
    assert web.task_list() == [
        'Write "clean" code for websites.',
        "Test pages in several browsers.",
    ]
    assert web.job_zone == 4
    assert web.alternative_label_list() == [
        "Full Stack Developer",
        "Front End Web Developer",
        "Front End Dev",
        "Web Developer",
    ]
    ops = JobTitle.objects.get(onet_code=OPS)
    assert ops.task_list() == ["Deploy releases, roll back failed ones."]  # unrated, kept
    assert [link.related.name for link in RelatedJobTitle.objects.filter(job_title=web)] == [
        "Platform Keepers"
    ]


def test_other_names_are_searchable_and_offered_by_autocomplete(tmp_path):
    run(small_onet(tmp_path))
    found = autocomplete(Skill.objects.all(), "devops eng")
    assert [title.onet_code for title, _ in found.job_titles] == [OPS]
    found = autocomplete(Skill.objects.all(), "full stack")
    assert [(title.onet_code, other) for title, other in found.job_titles] == [
        (WEB, "Full Stack Developer")
    ]


def test_a_name_given_to_many_occupations_is_left_out(tmp_path):
    codes = [f"17-90{n:02d}.00" for n in range(7)]
    write(tmp_path, "Occupation Data.txt", [[code, f"Builder {code}", "Builds."] for code in codes])
    rows = [[code, "Engineer", "n/a", "08"] for code in codes]
    rows += [[code, "Bridge Engineer", "n/a", "08"] for code in codes[:5]]
    write(tmp_path, "Alternate Titles.txt", rows)
    run(tmp_path)
    assert {t.alternative_labels for t in JobTitle.objects.all()} == {"Bridge Engineer", ""}


def test_a_job_title_we_have_by_name_is_the_same_page(tmp_path):
    curated = JobTitleFactory(
        name="Account executive", description="Our own words.", alternative_labels="AE"
    )
    run(small_onet(tmp_path))
    curated.refresh_from_db()
    assert JobTitle.objects.filter(name__iexact="account executive").count() == 1
    assert curated.onet_code == SALES
    assert curated.name == "Account executive"
    assert curated.description == "Our own words."
    assert curated.alternative_label_list() == ["AE", "Sales Rep"]
    assert curated.job_zone == 3


def test_an_esco_job_title_named_in_the_singular_is_the_same_page(tmp_path):
    esco = JobTitleFactory(
        name="platform keeper",
        external_id="http://data.europa.eu/esco/occupation/test-keeper",
        description="ESCO's words.",
    )
    out, _ = run(small_onet(tmp_path))
    esco.refresh_from_db()
    assert "1 matched by name" in out
    assert (esco.onet_code, esco.name, esco.description) == (
        OPS,
        "platform keeper",
        "ESCO's words.",
    )
    assert esco.task_list() == ["Deploy releases, roll back failed ones."]
    assert "DevOps Engineer" in esco.alternative_label_list()


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("Marketing Managers", "Marketing Manager"),
        ("Secretaries", "Secretary"),
        ("Coaches", "Coach"),
        ("Registered Nurses", "Registered Nurse"),
        ("Actuaries", "Actuary"),
        ("Attorneys", "Attorney"),
    ],
)
def test_occupation_titles_in_the_singular(plural, one):
    assert singular(plural) == one


def test_a_second_run_changes_nothing(tmp_path):
    small_onet(tmp_path)
    run(tmp_path)
    titles = dict(JobTitle.objects.values_list("pk", "updated"))
    skills = dict(Skill.objects.values_list("pk", "updated"))
    out, _ = run(tmp_path)
    assert "job titles: 0 created, 0 updated, 3 unchanged" in out
    assert "technology skills: 0 created" in out
    assert "technology uses: 0 created, 0 updated, 9 unchanged, 0 removed" in out
    assert dict(JobTitle.objects.values_list("pk", "updated")) == titles
    assert dict(Skill.objects.values_list("pk", "updated")) == skills


def test_what_editors_wrote_survives_a_new_release(tmp_path):
    small_onet(tmp_path)
    run(tmp_path)
    web = JobTitle.objects.get(onet_code=WEB)
    web.description = "An editor's description."
    web.alternative_labels = "Webmaster"
    web.save()
    write(tmp_path, "Occupation Data.txt", [[WEB, "Web Builders", "O*NET's new words."]])
    write(tmp_path, "Task Statements.txt", [[WEB, 9, "A new task.", "Core", 1, "01/2025", "x"]])
    run(tmp_path)
    web.refresh_from_db()
    assert web.description == "An editor's description."
    assert web.task_list() == ["A new task."]  # still O*NET's own: updated
    assert web.alternative_label_list()[0] == "Webmaster"
    assert "Full Stack Developer" in web.alternative_label_list()


def test_technologies_become_technology_skills_in_their_commodity_group(tmp_path):
    run(small_onet(tmp_path))
    react = Skill.objects.get(name="React")
    assert react.kind == Skill.Kind.TECHNOLOGY
    assert react.status == Skill.Status.PUBLISHED
    assert react.category.name == "Invented development software"
    assert Category.objects.filter(external_id="unspsc:43230001").count() == 1
    web = JobTitle.objects.get(onet_code=WEB)
    assert uses_of(web) == {
        ("React", True, True),
        ("React Native", True, False),
        ("Microsoft Excel", False, False),
    }


def test_demand_flags_follow_each_occupation(tmp_path):
    run(small_onet(tmp_path))
    excel = Skill.objects.get(name="Microsoft Excel")
    flags = dict(excel.technology_uses.values_list("job_title__onet_code", "hot_technology"))
    assert flags == {WEB: False, OPS: True, SALES: True}


def test_a_technology_dropped_by_a_new_release_loses_its_use(tmp_path):
    small_onet(tmp_path)
    run(tmp_path)
    write(tmp_path, "Technology Skills.txt", [technology(WEB, "React", hot="N")])
    out, _ = run(tmp_path)
    assert uses_of(JobTitle.objects.get(onet_code=WEB)) == {("React", False, False)}
    assert "2 removed" in out
    assert TechnologyUse.objects.filter(job_title__onet_code=OPS).count() == 3  # not in the file


# ---------------------------------------------------------------- the matching rule


def test_microsoft_excel_links_to_a_curated_excel(tmp_path):
    excel = SkillFactory(name="Excel")
    run(small_onet(tmp_path))
    assert not Skill.objects.filter(name="Microsoft Excel").exists()
    assert OnetTechnology.objects.get(name="Microsoft Excel").skill == excel
    assert excel.technology_uses.count() == 3


def test_microsoft_excel_links_to_a_skill_known_by_that_name(tmp_path):
    excel = SkillFactory(name="Spreadsheets")
    SkillAlias.objects.create(skill=excel, term="MS Excel")
    SkillAlias.objects.create(skill=excel, term="Microsoft Excel")
    run(small_onet(tmp_path))
    assert OnetTechnology.objects.get(name="Microsoft Excel").skill == excel


def test_both_salesforce_names_link_to_the_curated_salesforce(tmp_path):
    salesforce = SkillFactory(name="Salesforce")
    SkillAlias.objects.create(skill=salesforce, term="Salesforce CRM")
    run(small_onet(tmp_path))
    linked = OnetTechnology.objects.filter(name__startswith="Salesforce")
    assert {t.skill for t in linked} == {salesforce}
    assert uses_of(JobTitle.objects.get(onet_code=SALES)) >= {("Salesforce", True, True)}


def test_react_and_react_native_stay_two_skills(tmp_path):
    react = SkillFactory(name="React")
    SkillAlias.objects.create(skill=react, term="React.js")
    native = SkillFactory(name="React Native")
    run(small_onet(tmp_path))
    assert OnetTechnology.objects.get(name="React").skill == react
    assert OnetTechnology.objects.get(name="React Native").skill == native


def test_aws_software_links_to_a_curated_aws_known_as_amazon_web_services(tmp_path):
    aws = SkillFactory(name="AWS")
    SkillAlias.objects.create(skill=aws, term="Amazon Web Services")
    run(small_onet(tmp_path))
    assert OnetTechnology.objects.get(name="Amazon Web Services AWS software").skill == aws


def test_vendor_names_match_curated_skills_only(tmp_path):
    """ "Microsoft Excel" without its vendor is "Excel", but an ESCO concept named "excel" is
    not taken for the product."""
    SkillFactory(name="excel", external_id="http://data.europa.eu/esco/skill/test-excel")
    run(small_onet(tmp_path))
    assert Skill.objects.get(name="Microsoft Excel").kind == Skill.Kind.TECHNOLOGY


def test_a_linked_skill_is_never_edited(tmp_path):
    excel = SkillFactory(name="Excel", summary="Our summary.", kind=Skill.Kind.SKILL)
    category = excel.category
    run(small_onet(tmp_path))
    excel.refresh_from_db()
    assert (excel.summary, excel.kind, excel.category) == ("Our summary.", "skill", category)


# ---------------------------------------------------------------- rules of every import


def test_dry_run_writes_nothing(tmp_path):
    out, _ = run(small_onet(tmp_path), "--dry-run")
    assert "Would have: job titles: 3 created" in out
    assert not JobTitle.objects.exists()
    assert not Skill.objects.exists()


def test_a_progress_line_per_file(tmp_path):
    _, err = run(small_onet(tmp_path))
    assert "Occupation Data.txt: 3 rows read and checked" in err
    assert "Technology Skills.txt: 9 rows read and checked" in err


@pytest.mark.parametrize(
    ("name", "row", "expected"),
    [
        ("Occupation Data.txt", ["15-90X1.00", "T", "D"], "line 5, field 'O*NET-SOC Code'"),
        ("Job Zones.txt", [WEB, 6, "08/2023", "Analyst"], "line 5, field 'Job Zone'"),
        ("Technology Skills.txt", technology(WEB, "X", hot="yes"), "field 'Hot Technology'"),
        ("Task Statements.txt", [WEB, 1, "", "Core", 1, "d", "s"], "line 6, field 'Task'"),
        ("Related Occupations.txt", [WEB, WEB, "Supplemental", 2], "cannot be related to itself"),
    ],
)
def test_bad_input_names_file_line_and_field_and_changes_nothing(tmp_path, name, row, expected):
    small_onet(tmp_path)
    path = tmp_path / name
    path.write_text(path.read_text() + "\t".join(map(str, row)) + "\r\n")
    with pytest.raises(CommandError) as error:
        run(tmp_path)
    assert name in str(error.value)
    assert expected in str(error.value)
    assert not JobTitle.objects.exists()
    assert not Skill.objects.exists()


def test_a_row_with_too_few_columns_is_refused(tmp_path):
    write(tmp_path, "Occupation Data.txt", [[WEB, "Web Builders"]], header=None)
    with pytest.raises(CommandError, match=r"line 2: expected 3 tab-separated columns"):
        run(tmp_path)


def test_an_unknown_column_is_refused(tmp_path):
    write(tmp_path, "Job Zones.txt", [[WEB, 4]], header=["O*NET-SOC Code", "Zone"])
    with pytest.raises(CommandError, match=r"Job Zones.txt, line 1, field 'Zone'"):
        run(tmp_path)


def test_a_folder_without_onet_files_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no O\\*NET files found"):
        run(tmp_path)


def test_files_without_occupation_data_update_job_titles_already_imported(tmp_path):
    small_onet(tmp_path)
    run(tmp_path)
    (tmp_path / "Occupation Data.txt").unlink()
    write(tmp_path, "Job Zones.txt", [[WEB, 5, "01/2025", "Analyst"], ["99-9999.00", 2, "x", "y"]])
    out, _ = run(tmp_path)
    assert JobTitle.objects.get(onet_code=WEB).job_zone == 5
    assert "1 occupation codes skipped" in out
    assert JobTitle.objects.count() == 3


def test_new_technologies_are_searchable_at_once(tmp_path):
    run(small_onet(tmp_path))
    assert [s.name for s in search_skills(Skill.objects.published(), "kubernetes")] == [
        "Kubernetes"
    ]


def test_status_option_makes_new_technologies_drafts(tmp_path):
    excel = SkillFactory(name="Excel", status=Skill.Status.PUBLISHED)
    run(small_onet(tmp_path), "--status", "draft")
    assert Skill.objects.get(name="React").status == Skill.Status.DRAFT
    excel.refresh_from_db()
    assert excel.status == Skill.Status.PUBLISHED  # linked, not edited


def test_an_import_is_one_history_entry_per_skill_and_job_title_it_touched(tmp_path):
    from reversion.models import Revision, Version

    make_editor(username="loader")
    run(small_onet(tmp_path), "--user", "loader")

    [revision] = Revision.objects.all()
    assert revision.comment.startswith("import_onet ") and revision.user.username == "loader"
    web = JobTitle.objects.get(onet_code=WEB)
    assert Version.objects.get_for_object(web).count() == 1
    technology_skills = Skill.objects.filter(technology_uses__isnull=False).distinct()
    assert technology_skills and all(
        Version.objects.get_for_object(skill).count() == 1 for skill in technology_skills
    )
    run(small_onet(tmp_path))  # a re-run that changes nothing records nothing
    assert Revision.objects.count() == 1


def test_an_account_that_may_not_publish_cannot_publish_by_import(tmp_path):
    make_editor(username="writer", can_publish=False)

    with pytest.raises(CommandError, match="status"):
        run(small_onet(tmp_path), "--user", "writer")
    assert not JobTitle.objects.exists()
    run(small_onet(tmp_path), "--user", "writer", "--status", "draft")
    assert Skill.objects.filter(technology_uses__isnull=False).exclude(status="draft").count() == 0
