"""ESCO meets curated content: one page per concept, curated text always wins, each field knows
its source, ESCO's related skills marked as ESCO's, and the ESCO credit wherever its content
goes out (page, API, export)."""

import json

import pytest
from django.urls import reverse

from taxonomy.changes import content_changed
from taxonomy.file_format import export_csv, export_document
from taxonomy.models import ESCO_CREDIT, JobTitle, Skill, SkillAlias, Source

from .factories import JobTitleFactory, SkillAliasFactory, SkillFactory
from .test_import_esco import (
    OCCUPATION_COLUMNS,
    RELATION_COLUMNS,
    SKILL_COLUMNS,
    build_folder,
    occupation_uri,
    run,
    skill_row,
    skill_uri,
    skills,
    write_csv,
)

pytestmark = pytest.mark.django_db

SKILL_RELATION_COLUMNS = [
    "originalSkillUri",
    "originalSkillType",
    "relationType",
    "relatedSkillType",
    "relatedSkillUri",
]
CURATED_DEFINITION = (
    "Negotiating treaties is how states agree the binding text of an international agreement, "
    "clause by clause, in formal rounds between delegations."
)


@pytest.fixture
def esco(tmp_path):
    return build_folder(tmp_path / "esco")


@pytest.fixture
def curated():
    """Our own page for ESCO's "negotiate treaties", carrying its URI."""
    skill = SkillFactory(
        name="Treaty Negotiation",
        summary="Agreeing the binding text of a treaty between states.",
        definition=CURATED_DEFINITION,
        external_id=skill_uri(1),
    )
    SkillAliasFactory(skill=skill, term="Treaty talks")
    content_changed(skills=[skill])
    return skill


def rewrite_skills(folder, **changes):
    """skills_en.csv again, with the first skill's description replaced."""
    rows = skills()
    rows[0]["description"] = changes.get("description", rows[0]["description"])
    write_csv(folder / "skills_en.csv", SKILL_COLUMNS, rows)


def test_curated_skill_with_an_esco_uri_stays_one_page(esco, curated):
    run(esco)

    assert Skill.objects.filter(external_id=skill_uri(1)).count() == 1
    assert not Skill.objects.filter(name="negotiate treaties").exists()


def test_curated_text_wins_over_esco(esco, curated):
    run(esco)

    curated.refresh_from_db()
    assert curated.name == "Treaty Negotiation"
    assert curated.definition == CURATED_DEFINITION
    assert curated.field_sources() == {}


def test_esco_labels_and_its_name_become_aliases_of_the_curated_skill(esco, curated):
    run(esco)

    terms = dict(curated.aliases.values_list("term", "source"))
    assert terms["Treaty talks"] == Source.EDITOR
    assert terms["negotiate treaties"] == Source.ESCO  # ESCO's name is another name for ours
    assert terms["negotiate international agreements"] == Source.ESCO


def test_an_editors_change_to_an_esco_field_survives_a_reimport(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    skill.definition = "An editor's better definition."
    skill.save()

    rewrite_skills(esco, description="ESCO's new wording. Second sentence.")
    run(esco)

    skill.refresh_from_db()
    assert skill.definition == "An editor's better definition."
    assert skill.summary == "ESCO's new wording."  # still ESCO's field: it follows ESCO
    assert skill.field_sources() == {"name": "esco", "summary": "esco", "category": "esco"}


def test_each_field_knows_its_source(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert set(skill.field_sources()) == {"name", "summary", "definition", "category"}

    skill.summary = "Curated summary."
    skill.save()

    assert set(skill.field_sources()) == {"name", "definition", "category"}


def test_job_title_is_matched_by_name_ignoring_case_and_accents(esco):
    curated = JobTitleFactory(name="Diplomát", description="Our own description.")

    run(esco)

    assert JobTitle.objects.filter(name__iexact="diplomat").count() == 0
    curated.refresh_from_db()
    assert curated.external_id == occupation_uri(1)
    assert curated.name == "Diplomát"
    assert curated.description == "Our own description."
    assert {"foreign service officer", "envoy"} <= set(curated.alternative_label_list())
    assert curated.skills.filter(external_id=skill_uri(1)).exists()  # ESCO's links reach it


def test_reimport_after_a_name_match_changes_nothing(esco):
    JobTitleFactory(name="Diplomat")
    run(esco)
    stamps = dict(JobTitle.objects.values_list("pk", "updated"))

    run(esco)

    assert dict(JobTitle.objects.values_list("pk", "updated")) == stamps


def test_esco_skill_relations_become_esco_related_skills_on_both_sides(esco):
    write_csv(
        esco / "skillSkillRelations_en.csv",
        SKILL_RELATION_COLUMNS,
        [{"originalSkillUri": skill_uri(1), "relationType": "optional",
          "relatedSkillUri": skill_uri(2)}],
    )  # fmt: skip
    run(esco)

    first = Skill.objects.get(external_id=skill_uri(1))
    second = Skill.objects.get(external_id=skill_uri(2))
    assert list(first.esco_related.all()) == [second]
    assert list(second.esco_related.all()) == [first]
    assert not first.related.exists()  # the editors' list is theirs


def test_esco_relations_are_only_added_and_a_rerun_adds_nothing(esco):
    write_csv(
        esco / "skillSkillRelations_en.csv",
        SKILL_RELATION_COLUMNS,
        [{"originalSkillUri": skill_uri(1), "relatedSkillUri": skill_uri(2)}],
    )
    run(esco)
    count = Skill.esco_related.through.objects.count()

    out = run(esco)

    assert Skill.esco_related.through.objects.count() == count
    assert "related skills: 0 pairs added" in out


def test_skill_related_to_itself_in_esco_gets_no_link(esco):
    """ESCO's own relations file relates a few skills to themselves: they are skipped."""
    write_csv(
        esco / "skillSkillRelations_en.csv",
        SKILL_RELATION_COLUMNS,
        [{"originalSkillUri": skill_uri(1), "relatedSkillUri": skill_uri(1)}],
    )
    run(esco)

    assert not Skill.objects.get(external_id=skill_uri(1)).esco_related.exists()


def test_skill_type_gives_the_kind(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    rows = [
        {**skill_row(1, "employment law"), "skillType": "knowledge"},
        {**skill_row(2, "negotiate price"), "skillType": "skill/competence"},
    ]
    write_csv(folder / "skills_en.csv", SKILL_COLUMNS, rows)
    run(folder)

    kinds = dict(Skill.objects.values_list("name", "kind"))
    assert kinds == {"employment law": "knowledge", "negotiate price": "skill"}


def test_skill_page_credits_esco_and_names_the_fields_it_wrote(client, esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))

    page = client.get(skill.get_absolute_url()).content.decode()

    assert "Contains ESCO classification data" in page
    assert "The name, summary and definition on this page come from ESCO." in page


def test_curated_page_without_esco_content_carries_no_credit(client, curated):
    page = client.get(curated.get_absolute_url()).content.decode()
    assert "Contains ESCO classification data" not in page


def test_esco_name_starts_with_a_capital_letter_in_headings(client, esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))

    page = client.get(skill.get_absolute_url()).content.decode()

    assert '<h1 id="skill-name">Negotiate treaties</h1>' in page
    assert skill.name == "negotiate treaties"  # stored as ESCO wrote it


def test_api_detail_says_which_fields_are_esco_and_credits_it(api_client, esco, curated):
    run(esco)
    body = api_client.get(reverse("api:skill-detail", args=[curated.slug])).json()

    assert body["esco_fields"] == []
    assert body["credits"] == [ESCO_CREDIT]  # its ESCO aliases are ESCO's content


def test_export_carries_sources_related_and_credit_and_reads_back(esco, tmp_path):
    from django.core.management import call_command

    write_csv(
        esco / "skillSkillRelations_en.csv",
        SKILL_RELATION_COLUMNS,
        [{"originalSkillUri": skill_uri(1), "relatedSkillUri": skill_uri(2)}],
    )
    run(esco)
    document = export_document()
    assert document["credits"] == [ESCO_CREDIT]
    exported = {s["external_id"]: s for s in document["skills"]}[skill_uri(1)]
    assert exported["esco_fields"] == ["category", "definition", "name", "summary"]
    assert len(exported["esco_related"]) == 1
    assert export_csv(document).splitlines()[1].startswith("credit,")

    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    Skill.objects.all().delete()
    call_command("import_taxonomy", str(path), verbosity=0)

    assert export_document() == document


def test_job_title_index_lists_titles_with_skills_and_all_on_request(client):
    with_skills = JobTitleFactory(name="Diplomat")
    SkillFactory().job_titles.add(with_skills)
    JobTitleFactory(name="Astronaut")

    default = client.get(reverse("taxonomy:jobtitle-list")).content.decode()
    everything = client.get(reverse("taxonomy:jobtitle-list"), {"all": "1"}).content.decode()

    assert "Diplomat" in default and "Astronaut" not in default
    assert "Diplomat" in everything and "Astronaut" in everything


def test_lists_sort_ignoring_case(client):
    for name in ["zebra handling", "Apple growing", "banana ripening"]:
        SkillFactory(name=name)

    page = client.get(reverse("taxonomy:skill-list")).content.decode()

    positions = [page.index(n) for n in ["Apple growing", "Banana ripening", "Zebra handling"]]
    assert positions == sorted(positions)


def test_esco_alias_is_marked_on_the_page(client, esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert SkillAlias.objects.filter(skill=skill, source=Source.ESCO).exists()

    page = client.get(skill.get_absolute_url()).content.decode()

    assert 'title="Other name from ESCO">ESCO</abbr>' in page


def test_occupation_relation_file_still_links_a_name_matched_title(esco):
    title = JobTitleFactory(name="Interpreter")
    write_csv(
        esco / "occupationSkillRelations_en.csv",
        RELATION_COLUMNS,
        [{"occupationUri": occupation_uri(2), "relationType": "essential",
          "skillUri": skill_uri(3)}],
    )  # fmt: skip
    write_csv(esco / "occupations_en.csv", OCCUPATION_COLUMNS, [
        {"conceptUri": occupation_uri(2), "preferredLabel": "interpreter"},
    ])  # fmt: skip
    run(esco)

    assert title.skills.filter(external_id=skill_uri(3)).exists()
