"""export_taxonomy and import_taxonomy: lossless round trips in JSON and CSV, clear errors."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from interviews.models import InterviewQuestion
from taxonomy.file_format import csv_columns, export_document
from taxonomy.models import Category, JobTitle, Skill, SkillAlias, Source

from .factories import SkillFactory

pytestmark = pytest.mark.django_db


def export(fmt="json"):
    out = io.StringIO()
    call_command("export_taxonomy", "--format", fmt, stdout=out)
    return out.getvalue()


def empty_database():
    InterviewQuestion.objects.all().delete()
    Skill.objects.all().delete()
    JobTitle.objects.all().delete()
    Category.objects.update(parent=None)
    Category.objects.all().delete()


def load(path):
    call_command("import_taxonomy", str(path), verbosity=0, stdout=io.StringIO())


def fails(path):
    """Imports expecting failure; checks nothing changed and returns the message."""
    before = export_document()
    with pytest.raises(CommandError) as caught:
        load(path)
    assert export_document() == before
    return str(caught.value)


def write_rows(path, rows, columns=None):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or csv_columns(), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def skill_rows(**overrides):
    return [
        {"record": "category", "slug": "diplomacy", "name": "Diplomacy"},
        {"record": "job_title", "slug": "diplomat", "name": "Diplomat"},
        {"record": "skill", "slug": "treaty-work", "name": "Treaty work", "category": "diplomacy",
         "status": "published", **overrides},
        {"record": "skill_job_title", "skill": "treaty-work", "job_title": "diplomat"},
        {"record": "interview_question", "skill": "treaty-work",
         "question": "Tell me about a treaty?", "guidance": "Names the parties.",
         "kind": "behavioural"},
    ]  # fmt: skip


# ------------------------------------------------------------- round trips


def test_json_round_trip_of_the_demo_data_is_lossless(demo_data, tmp_path):
    before = export("json")
    (tmp_path / "taxonomy.json").write_text(before, encoding="utf-8")
    empty_database()
    load(tmp_path / "taxonomy.json")
    assert export("json") == before


def test_csv_round_trip_of_the_demo_data_is_lossless(demo_data, tmp_path):
    before_json, before_csv = export("json"), export("csv")
    (tmp_path / "taxonomy.csv").write_text(before_csv, encoding="utf-8")
    empty_database()
    load(tmp_path / "taxonomy.csv")
    assert export("json") == before_json
    assert export("csv") == before_csv


def test_csv_export_holds_every_record_kind(demo_data):
    kinds = {row["record"] for row in csv.DictReader(io.StringIO(export("csv")))}
    assert kinds == {
        "category",
        "job_title",
        "job_title_label",
        "skill",
        "alias",
        "resume_example",
        "skill_job_title",
        "related_skill",
        "interview_question",
    }


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_alias_source_survives_a_round_trip(fmt, tmp_path):
    skill = SkillFactory(slug="negotiation")
    SkillAlias.objects.create(skill=skill, term="bargaining", source=Source.ESCO)
    SkillAlias.objects.create(skill=skill, term="deal making", source=Source.EDITOR)
    path = tmp_path / f"taxonomy.{fmt}"
    path.write_text(export(fmt), encoding="utf-8")
    empty_database()
    load(path)
    assert sorted(SkillAlias.objects.values_list("term", "source")) == [
        ("bargaining", Source.ESCO),
        ("deal making", Source.EDITOR),
    ]


def test_csv_is_recognised_by_content_without_extension(tmp_path):
    load(write_rows(tmp_path / "taxonomy.txt", skill_rows()))
    assert Skill.objects.get(slug="treaty-work").job_titles.get().slug == "diplomat"


def test_importing_the_csv_export_again_changes_nothing(demo_data, tmp_path):
    (tmp_path / "taxonomy.csv").write_text(export("csv"), encoding="utf-8")
    stamps = dict(Skill.objects.values_list("slug", "updated"))
    out = io.StringIO()
    call_command("import_taxonomy", str(tmp_path / "taxonomy.csv"), stdout=out)
    assert dict(Skill.objects.values_list("slug", "updated")) == stamps
    assert "skills: 0 created, 0 updated" in out.getvalue()


def test_export_writes_the_output_file(demo_data, tmp_path):
    call_command(
        "export_taxonomy", "--format", "csv", "--output", str(tmp_path / "out.csv"),
        stderr=io.StringIO(),
    )  # fmt: skip
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == export("csv")


# ------------------------------------------------------------- CSV errors


def test_csv_unknown_column_fails_naming_it(tmp_path):
    path = write_rows(tmp_path / "t.csv", [], columns=[*csv_columns(), "colour"])
    assert "t.csv, line 1, field 'colour': unknown column" in fails(path)


def test_csv_without_record_column_fails(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("slug,name\ntreaty-work,Treaty work\n", encoding="utf-8")
    assert "t.csv, line 1: not a skill-atlas-taxonomy CSV file" in fails(path)


def test_csv_unknown_record_kind_fails_naming_line_and_column(tmp_path):
    rows = [*skill_rows(), {"record": "badge", "skill": "treaty-work"}]
    assert "t.csv, line 7, field 'record': unknown record kind 'badge'" in fails(
        write_rows(tmp_path / "t.csv", rows)
    )


def test_csv_row_with_wrong_column_count_fails(tmp_path):
    path = write_rows(tmp_path / "t.csv", skill_rows())
    with path.open("a", encoding="utf-8") as handle:
        handle.write("alias,treaty-work\n")
    assert f"t.csv, line 7: expected {len(csv_columns())} columns" in fails(path)


def test_csv_unbalanced_quote_fails_naming_the_line(tmp_path):
    path = write_rows(tmp_path / "t.csv", skill_rows())
    with path.open("a", encoding="utf-8") as handle:
        handle.write('alias,,,,,,,,,,treaty-work,,,"treaty drafting,,,,,,\n')
    message = fails(path)
    assert "t.csv, line 7" in message
    assert "malformed CSV" in message


def test_csv_invalid_question_kind_names_its_line_and_column(tmp_path):
    rows = skill_rows()
    rows[4]["kind"] = "tricky"
    message = fails(write_rows(tmp_path / "t.csv", rows))
    assert "t.csv, line 6, field 'kind'" in message


def test_csv_child_row_of_an_unknown_skill_fails(tmp_path):
    rows = [*skill_rows(), {"record": "alias", "skill": "nowhere", "term": "treaty"}]
    assert "t.csv, line 7, field 'skill': no skill 'nowhere' in this file" in fails(
        write_rows(tmp_path / "t.csv", rows)
    )


def test_csv_link_to_an_unknown_job_title_names_the_link_row(tmp_path):
    rows = [*skill_rows(), {"record": "skill_job_title", "skill": "treaty-work", "job_title": "x"}]
    assert "t.csv, line 7, field 'job_title': unknown job title 'x'" in fails(
        write_rows(tmp_path / "t.csv", rows)
    )


def test_csv_cell_in_a_column_the_record_does_not_use_fails(tmp_path):
    rows = skill_rows()
    rows[0]["status"] = "published"
    assert "t.csv, line 2, field 'status': category records leave this column empty" in fails(
        write_rows(tmp_path / "t.csv", rows)
    )


def test_csv_invalid_status_names_the_skill_line(tmp_path):
    assert "t.csv, line 4, field 'status'" in fails(
        write_rows(tmp_path / "t.csv", skill_rows(status="secret"))
    )


def test_csv_duplicate_alias_names_the_second_alias_line(tmp_path):
    rows = [
        *skill_rows(),
        {"record": "alias", "skill": "treaty-work", "term": "Treaty drafting"},
        {"record": "alias", "skill": "treaty-work", "term": "treaty drafting"},
    ]
    assert "t.csv, line 8, field 'term': duplicate alias" in fails(
        write_rows(tmp_path / "t.csv", rows)
    )


# ------------------------------------------------------------- JSON and shared errors


def test_json_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{\n  "format": "skill-atlas-taxonomy",\n  "version": 1,,\n}\n')
    assert "t.json, line 3: not valid JSON" in fails(path)


def test_json_unknown_alias_source_fails_naming_the_field(tmp_path):
    document = json.loads(export("json"))
    document["skills"] = [
        {"slug": "treaty-work", "name": "Treaty work",
         "aliases": [{"term": "treaties", "source": "robot"}]}
    ]  # fmt: skip
    path = tmp_path / "t.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "skills[0], field 'aliases[0].source': unknown source 'robot'" in fails(path)


def test_duplicate_external_id_in_the_file_fails_cleanly(tmp_path):
    rows = [
        *skill_rows(external_id="http://data.europa.eu/esco/skill/test-0001"),
        {"record": "skill", "slug": "treaty-law", "name": "Treaty law",
         "external_id": "http://data.europa.eu/esco/skill/test-0001"},
    ]  # fmt: skip
    assert "t.csv, line 7, field 'external_id'" in fails(write_rows(tmp_path / "t.csv", rows))


def test_external_id_held_by_another_skill_in_the_database_fails_cleanly(tmp_path):
    SkillFactory(slug="treaty-law", external_id="http://data.europa.eu/esco/skill/test-0001")
    rows = skill_rows(external_id="http://data.europa.eu/esco/skill/test-0001")
    assert "belongs to 'treaty-law' in the database" in fails(write_rows(tmp_path / "t.csv", rows))


def test_missing_file_fails(tmp_path):
    assert "nowhere.json: file not found" in fails(tmp_path / "nowhere.json")


def test_csv_round_trip_keeps_unusual_line_breaks_in_text(tmp_path):
    definition = 'First line\r\nsecond line\u2028third\x0cfourth, "quoted"\n\nNext paragraph.'
    SkillFactory(slug="odd-text", definition=definition, summary="one\u2028two")
    (tmp_path / "t.csv").write_text(export("csv"), encoding="utf-8", newline="")
    empty_database()
    load(tmp_path / "t.csv")
    skill = Skill.objects.get(slug="odd-text")
    assert (skill.definition, skill.summary) == (definition, "one\u2028two")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_esco_import_after_a_round_trip_finds_nothing_to_change(fmt, tmp_path):
    from .test_import_esco import build_folder

    esco = build_folder(tmp_path / "esco")
    call_command("import_esco", str(esco), verbosity=0, stdout=io.StringIO())
    path = tmp_path / f"taxonomy.{fmt}"
    path.write_text(export(fmt), encoding="utf-8", newline="")
    empty_database()
    load(path)
    out = io.StringIO()
    call_command("import_esco", str(esco), verbosity=0, stdout=out)
    assert "skills: 0 created, 0 updated, 3 unchanged" in out.getvalue()
    assert "ESCO aliases: 0 added, 0 removed" in out.getvalue()


def write_json(path, **sections):
    path.write_text(
        json.dumps({"format": "skill-atlas-taxonomy", "version": 1, **sections}), encoding="utf-8"
    )
    return path


def test_external_id_moving_to_a_new_skill_in_the_same_file_imports(tmp_path):
    SkillFactory(slug="old-holder", name="Old holder", external_id="urn:example:1")
    load(
        write_json(
            tmp_path / "move.json",
            skills=[
                {"slug": "old-holder", "name": "Old holder", "external_id": ""},
                {"slug": "new-holder", "name": "New holder", "external_id": "urn:example:1"},
            ],
        )
    )
    assert Skill.objects.get(external_id="urn:example:1").slug == "new-holder"


def test_external_ids_swapped_between_two_skills_import(tmp_path):
    SkillFactory(slug="one", name="One", external_id="urn:example:1")
    SkillFactory(slug="two", name="Two", external_id="urn:example:2")
    load(
        write_json(
            tmp_path / "swap.json",
            skills=[
                {"slug": "one", "name": "One", "external_id": "urn:example:2"},
                {"slug": "two", "name": "Two", "external_id": "urn:example:1"},
            ],
        )
    )
    assert dict(Skill.objects.values_list("slug", "external_id")) == {
        "one": "urn:example:2",
        "two": "urn:example:1",
    }


def test_moving_a_category_with_subcategories_too_deep_fails(tmp_path):
    chain = [
        {"slug": "da", "name": "DA"},
        {"slug": "db", "name": "DB", "parent": "da"},
        {"slug": "dc", "name": "DC", "parent": "db"},
        {"slug": "x1", "name": "X1"},
        {"slug": "x2", "name": "X2", "parent": "x1"},
    ]
    load(write_json(tmp_path / "tree.json", categories=chain))
    moved = [{"slug": "da", "name": "DA", "parent": "x2"}]
    message = fails(write_json(tmp_path / "move.json", categories=moved))
    assert "categories[0]" in message and "parent" in message and "4 levels" in message
