"""Both importers refuse bad text with file, line and field, never a traceback, and write
nothing; a CSV missing a column is refused unless --partial, which then keeps what it held."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from taxonomy.models import Skill, SkillAlias

from .factories import SkillFactory
from .test_import_esco import SKILL_COLUMNS, skill_row, write_csv

pytestmark = pytest.mark.django_db


def document(**skill):
    record = {"slug": "dotted", "name": "Dotted", **skill}
    return {"format": "skill-atlas-taxonomy", "version": 1, "skills": [record]}


def write_json(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def import_taxonomy(*args):
    out = io.StringIO()
    call_command("import_taxonomy", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args):
    """The command's message; the database is left exactly as it was."""
    before = (Skill.objects.count(), SkillAlias.objects.count())
    with pytest.raises(CommandError) as failure:
        import_taxonomy(*args)
    assert (Skill.objects.count(), SkillAlias.objects.count()) == before
    return str(failure.value)


def export_csv(path):
    with path.open("w", encoding="utf-8", newline="") as handle:
        call_command("export_taxonomy", "--format", "csv", stdout=handle)
    return path


def drop_column(path, column):
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    index = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            row[:index] + row[index + 1 :] for row in rows
        )
    return path


def test_a_csv_missing_a_column_is_refused_naming_it(tmp_path):
    """Before: exit 0, "4 updated", and every summary erased."""
    SkillFactory.create_batch(4)
    path = drop_column(export_csv(tmp_path / "t.csv"), "summary")

    message = refused(path)

    assert "t.csv, line 1, field 'summary': column 'summary' is missing" in message
    assert "--partial" in message
    assert all(skill.summary for skill in Skill.objects.all())


def test_partial_leaves_what_an_absent_column_holds_and_applies_the_rest(tmp_path):
    skills = SkillFactory.create_batch(2)
    SkillAlias.objects.create(skill=skills[0], term="kept alias")
    path = export_csv(tmp_path / "t.csv")
    text = path.read_text(encoding="utf-8").replace(skills[0].name, "Renamed")
    path.write_text(text, encoding="utf-8")
    drop_column(drop_column(path, "summary"), "term")

    import_taxonomy(path, "--partial")

    renamed = Skill.objects.get(pk=skills[0].pk)
    assert renamed.name == "Renamed"
    assert renamed.summary == skills[0].summary
    assert [a.term for a in renamed.aliases.all()] == ["kept alias"]


def test_partial_json_keeps_the_keys_a_record_leaves_out(tmp_path):
    skill = SkillFactory(slug="dotted")
    import_taxonomy(write_json(tmp_path / "t.json", document(name="New name")), "--partial")
    skill.refresh_from_db()
    assert (skill.name, skill.summary) == (
        "New name",
        SkillFactory._meta.model.objects.get(pk=skill.pk).summary,
    )
    assert skill.summary.startswith("What ")


@pytest.mark.parametrize(
    ("skill", "field", "reason"),
    [
        ({"name": "NUL\x00name"}, "field 'name'", "NUL character"),
        ({"summary": "lone \ud800"}, "field 'summary'", "lone surrogate (\\ud800)"),
        ({"aliases": ["ok", "bad\x00"]}, "field 'aliases[1]'", "NUL character"),
        (
            {"aliases": [{"term": "x\udfff", "source": "esco"}]},
            "field 'aliases[0].term'",
            "lone surrogate",
        ),
        (
            {
                "interview_questions": [
                    {"question": "Why?\x00", "guidance": "g", "kind": "technical"}
                ]
            },
            "field 'interview_questions[0].question'",
            "NUL character",
        ),
    ],
)
def test_json_text_no_database_can_hold_names_file_record_and_field(tmp_path, skill, field, reason):
    message = refused(write_json(tmp_path / "t.json", document(**skill)))
    assert "t.json, skills[0], " + field in message
    assert reason in message


def test_json_nested_50000_deep_is_refused_not_a_recursion_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "skill-atlas-taxonomy", "version": 1, "x": ' + "[" * 50_000)
    assert "deep.json: the JSON nests lists or objects too deeply" in refused(path)


def test_csv_nul_in_a_cell_names_its_line_and_column(tmp_path):
    SkillFactory(slug="dotted", name="Dotted")
    path = export_csv(tmp_path / "t.csv")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("skill,dotted"))
    lines[line - 1] = lines[line - 1].replace("Dotted", "Dot\x00ted")
    path.write_text("".join(lines), encoding="utf-8")
    message = refused(path)
    assert f"t.csv, line {line}, field 'name': contains a NUL character" in message


def test_csv_that_is_not_utf8_names_the_physical_line(tmp_path):
    SkillFactory(slug="dotted", definition="one\ntwo\nthree")  # a cell over three lines
    path = export_csv(tmp_path / "t.csv")
    raw = path.read_bytes().rstrip(b"\n") + b"\nalias,dotted,,,,,,,,,,,,,caf\xe9,,,,,,,\n"
    path.write_bytes(raw)
    assert f"line {raw.count(b'\n')}" in refused(path)


@pytest.mark.parametrize("form", ["json", "csv"])
def test_aliases_dotted_capital_i_and_i_import_on_every_database(tmp_path, form):
    """Before: both passed validation (casefold) and PostgreSQL's lower() refused the pair."""
    path = write_json(tmp_path / "t.json", document(aliases=["\u0130", "i"]))
    if form == "csv":
        import_taxonomy(path)
        path = export_csv(tmp_path / "t.csv")
        Skill.objects.all().delete()
    import_taxonomy(path)
    assert sorted(a.term for a in SkillAlias.objects.all()) == ["i", "\u0130"]


@pytest.mark.parametrize("pair", [["Straße", "STRASSE"], ["\u0130", "I\u0307"], ["é", "E\u0301"]])
def test_aliases_equal_under_the_key_are_one_duplicate(tmp_path, pair):
    message = refused(write_json(tmp_path / "t.json", document(aliases=pair)))
    assert f"field 'aliases[1]': duplicate alias {pair[1]!r} (ignoring case)" in message


def esco_folder(tmp_path, rows):
    folder = tmp_path / "esco"
    folder.mkdir()
    write_csv(folder / "skills_en.csv", SKILL_COLUMNS, rows)
    return folder


def esco_refused(folder):
    before = Skill.objects.count()
    with pytest.raises(CommandError) as failure:
        call_command("import_esco", str(folder), verbosity=0, stdout=io.StringIO())
    assert Skill.objects.count() == before
    return str(failure.value)


def test_esco_nul_in_a_label_names_file_line_and_column(tmp_path):
    rows = [skill_row(1, "fine"), skill_row(2, "bad\x00label")]
    message = esco_refused(esco_folder(tmp_path, rows))
    assert "skills_en.csv, line 3, field 'preferredLabel': contains a NUL character" in message


def test_esco_aliases_dotted_capital_i_and_i_import(tmp_path):
    call_command(
        "import_esco",
        str(esco_folder(tmp_path, [skill_row(1, "dotted", alt="\u0130\ni")])),
        verbosity=0,
        stdout=io.StringIO(),
    )
    assert sorted(SkillAlias.objects.values_list("term", flat=True)) == ["i", "\u0130"]


def test_esco_not_utf8_names_the_physical_line_of_the_bad_byte(tmp_path):
    """Before: a bad byte on line 33,346 was reported as 33,342 (records, not lines)."""
    rows = [skill_row(n, f"skill {n}", description="line one\nline two") for n in range(1, 2000)]
    folder = esco_folder(tmp_path, rows)
    path = folder / "skills_en.csv"
    raw = path.read_bytes()
    cut = raw.rindex(b"skill 1990")
    path.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    bad_line = raw[:cut].count(b"\n") + 1
    assert f"skills_en.csv, line {bad_line}: not UTF-8 text" in esco_refused(folder)
