"""manage.py import_esco: small files in ESCO's CSV format, written by each test."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from interviews.models import InterviewQuestion
from search.ranking import search_skills
from taxonomy.file_format import export_document
from taxonomy.models import Category, JobTitle, ResumeExample, Skill, SkillAlias, Source

from .factories import InterviewQuestionFactory, JobTitleFactory, ResumeExampleFactory

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/"
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "description",
]
GROUP_COLUMNS = ["conceptType", "conceptUri", "preferredLabel", "altLabels", "description"]
HIERARCHY_COLUMNS = [
    "Level 0 URI",
    "Level 0 preferred term",
    "Level 1 URI",
    "Level 1 preferred term",
    "Level 2 URI",
    "Level 2 preferred term",
    "Level 3 URI",
    "Level 3 preferred term",
    "Description",
    "Scope note",
]
RELATION_COLUMNS = ["occupationUri", "relationType", "skillType", "skillUri"]
BROADER_COLUMNS = ["conceptType", "conceptUri", "broaderType", "broaderUri"]
COLLECTION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "description",
    "broaderConceptUri",
    "broaderConceptPT",
]


def skill_uri(n):
    return f"{ESCO}skill/test-{n:04d}"


def occupation_uri(n):
    return f"{ESCO}occupation/test-{n:04d}"


def group_uri(code):
    return f"{ESCO}skill/test-group-{code}"


def skill_row(n, label, alt="", description="", definition=""):
    return {
        "conceptType": "KnowledgeSkillCompetence",
        "conceptUri": skill_uri(n),
        "preferredLabel": label,
        "altLabels": alt,
        "status": "released",
        "description": description,
        "definition": definition,
    }


def write_csv(path, columns, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def skills():
    return [
        skill_row(
            1,
            "negotiate treaties",
            alt="treaty negotiation\nnegotiate international agreements\nNegotiate treaties",
            description="Conduct negotiations between states on the text of a treaty. "
            "Seek compromise while protecting national interests.",
        ),
        skill_row(2, "draft diplomatic notes", definition="Write formal notes. Keep them short."),
        skill_row(3, "Spanish", alt="Castilian", description="The Spanish language."),
    ]


def occupations():
    return [
        {
            "conceptType": "Occupation",
            "conceptUri": occupation_uri(1),
            "preferredLabel": "diplomat",
            "altLabels": "foreign service officer\nenvoy",
            "description": "Diplomats represent their country abroad.",
        },
        {
            "conceptType": "Occupation",
            "conceptUri": occupation_uri(2),
            "preferredLabel": "interpreter",
            "description": "Interpreters translate spoken language.",
        },
    ]


def build_folder(folder):
    """A complete small ESCO folder: skills, occupations, relations, groups, hierarchy, broader."""
    folder.mkdir(exist_ok=True)
    write_csv(folder / "skills_en.csv", SKILL_COLUMNS, skills())
    write_csv(folder / "occupations_en.csv", OCCUPATION_COLUMNS, occupations())
    write_csv(
        folder / "occupationSkillRelations_en.csv",
        RELATION_COLUMNS,
        [
            {"occupationUri": occupation_uri(1), "relationType": "essential",
             "skillType": "skill/competence", "skillUri": skill_uri(1)},
            {"occupationUri": occupation_uri(1), "relationType": "optional",
             "skillType": "skill/competence", "skillUri": skill_uri(2)},
            {"occupationUri": occupation_uri(2), "relationType": "essential",
             "skillType": "knowledge", "skillUri": skill_uri(3)},
        ],
    )  # fmt: skip
    write_csv(
        folder / "skillGroups_en.csv",
        GROUP_COLUMNS,
        [
            {"conceptType": "SkillGroup", "conceptUri": group_uri("S"), "preferredLabel": "skills"},
            {
                "conceptType": "SkillGroup",
                "conceptUri": group_uri("S1"),
                "preferredLabel": "communication",
                "description": "Talking and writing with others.",
            },
            {
                "conceptType": "SkillGroup",
                "conceptUri": group_uri("S1.1"),
                "preferredLabel": "negotiating",
            },
        ],
    )
    write_csv(
        folder / "skillsHierarchy_en.csv",
        HIERARCHY_COLUMNS,
        [
            {"Level 0 URI": group_uri("S"), "Level 0 preferred term": "skills"},
            {"Level 0 URI": group_uri("S"), "Level 0 preferred term": "skills",
             "Level 1 URI": group_uri("S1"), "Level 1 preferred term": "communication"},
            {"Level 0 URI": group_uri("S"), "Level 0 preferred term": "skills",
             "Level 1 URI": group_uri("S1"), "Level 1 preferred term": "communication",
             "Level 2 URI": group_uri("S1.1"), "Level 2 preferred term": "negotiating"},
        ],
    )  # fmt: skip
    write_csv(
        folder / "broaderRelationsSkillPillar_en.csv",
        BROADER_COLUMNS,
        [
            {"conceptType": "KnowledgeSkillCompetence", "conceptUri": skill_uri(1),
             "broaderType": "SkillGroup", "broaderUri": group_uri("S1.1")},
            {"conceptType": "KnowledgeSkillCompetence", "conceptUri": skill_uri(2),
             "broaderType": "KnowledgeSkillCompetence", "broaderUri": skill_uri(1)},
        ],
    )  # fmt: skip
    return folder


@pytest.fixture
def esco(tmp_path):
    return build_folder(tmp_path / "esco")


def run(folder, *args):
    out = io.StringIO()
    call_command("import_esco", str(folder), *args, verbosity=0, stdout=out)
    return out.getvalue()


def fails(folder, *args):
    """Runs the import expecting failure; checks nothing changed and returns the message."""
    before = (export_document(), SkillAlias.objects.count())
    with pytest.raises(CommandError) as caught:
        run(folder, *args)
    assert (export_document(), SkillAlias.objects.count()) == before
    return str(caught.value)


def snapshot():
    return {
        "skills": dict(Skill.objects.values_list("external_id", "updated")),
        "titles": dict(JobTitle.objects.values_list("external_id", "updated")),
        "aliases": set(SkillAlias.objects.values_list("pk", flat=True)),
    }


# ------------------------------------------------------------- happy path


def test_import_creates_skills_job_titles_and_categories(esco):
    run(esco)
    assert Skill.objects.count() == 3
    assert JobTitle.objects.count() == 2
    assert Category.objects.count() == 3


def test_imported_skills_carry_label_definition_and_uri(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert skill.name == "negotiate treaties"
    assert skill.slug == "negotiate-treaties"
    assert skill.definition.startswith("Conduct negotiations between states")
    assert skill.is_from_esco


def test_definition_falls_back_to_esco_definition_column(esco):
    run(esco)
    assert Skill.objects.get(external_id=skill_uri(2)).definition == (
        "Write formal notes. Keep them short."
    )


def test_summary_is_the_first_sentence_of_the_description(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert skill.summary == "Conduct negotiations between states on the text of a treaty."


def test_long_first_sentence_is_cut_to_fit_the_summary(tmp_path):
    sentence = "Negotiate " + "carefully and patiently " * 30 + "with everyone."
    write_csv(tmp_path / "skills_en.csv", SKILL_COLUMNS, [skill_row(1, "negotiate", "", sentence)])
    run(tmp_path)
    summary = Skill.objects.get().summary
    assert len(summary) <= 300
    assert summary.endswith("…")


def test_alternative_labels_become_esco_aliases(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert sorted(skill.aliases.values_list("term", "source")) == [
        ("negotiate international agreements", Source.ESCO),
        ("treaty negotiation", Source.ESCO),
    ]


def test_occupations_become_job_titles_with_alternative_labels(esco):
    run(esco)
    title = JobTitle.objects.get(external_id=occupation_uri(1))
    assert (title.name, title.slug) == ("diplomat", "diplomat")
    assert title.alternative_label_list() == ["foreign service officer", "envoy"]
    assert title.description == "Diplomats represent their country abroad."
    assert title.is_from_esco


def test_essential_and_optional_relations_link_skills_to_job_titles(esco):
    run(esco)
    diplomat = JobTitle.objects.get(external_id=occupation_uri(1))
    assert sorted(diplomat.skills.values_list("name", flat=True)) == [
        "draft diplomatic notes",
        "negotiate treaties",
    ]


def test_skill_groups_become_a_category_tree(esco):
    run(esco)
    category = Category.objects.with_path().get(external_id=group_uri("S1.1"))
    assert [c.name for c in category.path()] == ["skills", "communication", "negotiating"]
    assert category.parent.description == "Talking and writing with others."


def test_skill_category_comes_from_broader_relations(esco):
    run(esco)
    assert Skill.objects.get(external_id=skill_uri(1)).category.external_id == group_uri("S1.1")


def test_skill_under_a_broader_skill_gets_that_skills_category(esco):
    run(esco)
    assert Skill.objects.get(external_id=skill_uri(2)).category.external_id == group_uri("S1.1")


def test_collection_files_give_the_category_when_pillar_relations_are_absent(esco):
    (esco / "broaderRelationsSkillPillar_en.csv").unlink()
    write_csv(
        esco / "languageSkillsCollection_en.csv",
        COLLECTION_COLUMNS,
        [{"conceptUri": skill_uri(3), "preferredLabel": "Spanish",
          "broaderConceptUri": f"{ESCO}skill/test-unknown | {group_uri('S1')}"}],
    )  # fmt: skip
    run(esco)
    assert Skill.objects.get(external_id=skill_uri(3)).category.external_id == group_uri("S1")


def test_category_tree_deeper_than_four_levels_is_cut(esco):
    write_csv(
        esco / "skillGroups_en.csv",
        GROUP_COLUMNS,
        [{"conceptUri": group_uri(n), "preferredLabel": f"level {n}"} for n in range(6)],
    )
    (esco / "skillsHierarchy_en.csv").unlink()
    write_csv(
        esco / "broaderRelationsSkillPillar_en.csv",
        BROADER_COLUMNS,
        [
            {
                "conceptType": "SkillGroup",
                "conceptUri": group_uri(n),
                "broaderUri": group_uri(n - 1),
            }
            for n in range(1, 6)
        ],
    )
    run(esco)
    deepest = Category.objects.with_path().get(external_id=group_uri(5))
    assert len(deepest.path()) == 4


def test_only_skills_file_is_enough(tmp_path):
    write_csv(tmp_path / "skills_en.csv", SKILL_COLUMNS, skills())
    run(tmp_path)
    assert (Skill.objects.count(), JobTitle.objects.count()) == (3, 0)


def test_imported_skills_are_published_by_default(esco):
    run(esco)
    assert set(Skill.objects.values_list("status", flat=True)) == {Skill.Status.PUBLISHED}


def test_status_option_sets_the_status_of_new_skills(esco):
    run(esco, "--status", "draft")
    assert set(Skill.objects.values_list("status", flat=True)) == {Skill.Status.DRAFT}


def test_duplicate_labels_get_distinct_slugs(tmp_path):
    write_csv(
        tmp_path / "skills_en.csv",
        SKILL_COLUMNS,
        [skill_row(1, "attitudes"), skill_row(2, "Attitudes"), skill_row(3, "attitudes")],
    )
    run(tmp_path)
    assert sorted(Skill.objects.values_list("slug", flat=True)) == [
        "attitudes",
        "attitudes-2",
        "attitudes-3",
    ]


def test_slug_taken_by_an_editors_skill_is_not_reused(esco):
    from .factories import SkillFactory

    SkillFactory(slug="negotiate-treaties", name="Negotiate treaties (ours)")
    run(esco)
    assert Skill.objects.get(external_id=skill_uri(1)).slug == "negotiate-treaties-2"


def test_search_finds_an_imported_skill_by_its_alias(esco):
    run(esco)
    found = search_skills(Skill.objects.published(), "treaty negotiation")
    assert [s.external_id for s in found] == [skill_uri(1)]


def test_summary_reports_the_counts(esco):
    output = run(esco)
    assert "skills: 3 created, 0 updated, 0 unchanged" in output
    assert "job title links: 3 added" in output


def test_progress_with_counts_goes_to_stderr(esco):
    err = io.StringIO()
    call_command("import_esco", str(esco), stdout=io.StringIO(), stderr=err)
    assert "read skills_en.csv: 3 skills" in err.getvalue()


# ------------------------------------------------------------- re-runs


def test_rerun_creates_no_duplicates(esco):
    run(esco)
    run(esco)
    assert (Skill.objects.count(), JobTitle.objects.count(), Category.objects.count()) == (3, 2, 3)
    assert SkillAlias.objects.count() == 3
    assert Skill.job_titles.through.objects.count() == 3


def test_rerun_of_unchanged_data_touches_nothing(esco):
    run(esco)
    before = snapshot()
    output = run(esco)
    assert snapshot() == before
    assert "skills: 0 created, 0 updated, 3 unchanged" in output


def test_rerun_applies_what_esco_changed(esco):
    run(esco)
    before = snapshot()
    changed = skills()
    changed[0]["preferredLabel"] = "negotiate international treaties"
    changed[0]["altLabels"] = "treaty negotiation\ntreaty making"
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, changed)
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert skill.name == "negotiate international treaties"
    assert skill.slug == "negotiate-treaties"  # slugs are stable: URLs and API keys
    assert sorted(skill.aliases.values_list("term", flat=True)) == [
        "treaty making",
        "treaty negotiation",
    ]
    assert skill.updated > before["skills"][skill_uri(1)]
    assert Skill.objects.get(external_id=skill_uri(2)).updated == before["skills"][skill_uri(2)]


def test_rerun_keeps_what_editors_added(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    question = InterviewQuestionFactory(skill=skill)
    line = ResumeExampleFactory(skill=skill)
    SkillAlias.objects.create(skill=skill, term="treaty work", source=Source.EDITOR)
    ours = JobTitleFactory(name="Treaty officer")
    skill.job_titles.add(ours)
    Skill.objects.filter(pk=skill.pk).update(status=Skill.Status.ARCHIVED)
    changed = skills()
    changed[0]["altLabels"] = "treaty making"
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, changed)

    run(esco)

    skill.refresh_from_db()
    assert InterviewQuestion.objects.filter(pk=question.pk, skill=skill).exists()
    assert ResumeExample.objects.filter(pk=line.pk, skill=skill).exists()
    assert sorted(skill.aliases.values_list("term", "source")) == [
        ("treaty making", Source.ESCO),
        ("treaty work", Source.EDITOR),
    ]
    assert skill.job_titles.filter(pk=ours.pk).exists()
    assert skill.status == Skill.Status.ARCHIVED


def test_editor_alias_wins_over_the_same_esco_label(esco):
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    SkillAlias.objects.filter(skill=skill, term="treaty negotiation").update(
        source=Source.EDITOR, term="Treaty Negotiation"
    )
    run(esco)
    assert sorted(skill.aliases.values_list("term", "source")) == [
        ("Treaty Negotiation", Source.EDITOR),
        ("negotiate international agreements", Source.ESCO),
    ]


def test_rerun_with_more_relations_adds_only_the_new_links(esco):
    run(esco)
    with (esco / "occupationSkillRelations_en.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{occupation_uri(2)},optional,skill/competence,{skill_uri(1)}\r\n")
    output = run(esco)
    assert "job title links: 1 added" in output
    assert Skill.job_titles.through.objects.count() == 4


# ------------------------------------------------------------- options


def test_dry_run_writes_nothing(esco):
    output = run(esco, "--dry-run")
    assert "Would have: skills: 3 created" in output
    assert (Skill.objects.count(), JobTitle.objects.count(), Category.objects.count()) == (0, 0, 0)


def test_limit_imports_only_the_first_rows(esco):
    output = run(esco, "--limit", "1")
    assert list(Skill.objects.values_list("external_id", flat=True)) == [skill_uri(1)]
    assert list(JobTitle.objects.values_list("external_id", flat=True)) == [occupation_uri(1)]
    assert "2 skipped" in output


# ------------------------------------------------------------- bad input


def test_row_with_a_wrong_column_count_fails_naming_file_and_line(esco):
    with (esco / "skills_en.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"KnowledgeSkillCompetence,{skill_uri(9)},,,too short\r\n")
    message = fails(esco)
    assert "skills_en.csv, line 7" in message  # the first skill's alt labels span three lines
    assert "expected 13 columns" in message


def test_unbalanced_quote_fails_naming_file_and_line(esco):
    text = (esco / "occupations_en.csv").read_text(encoding="utf-8")
    (esco / "occupations_en.csv").write_text(
        text.replace("interpreter", '"interpreter', 1), encoding="utf-8"
    )
    message = fails(esco)
    assert "occupations_en.csv, line 4" in message
    assert "malformed CSV" in message


def test_missing_skills_and_occupations_files_fail(esco):
    (esco / "skills_en.csv").unlink()
    (esco / "occupations_en.csv").unlink()
    assert "neither skills_en.csv nor occupations_en.csv" in fails(esco)


def test_missing_folder_fails(tmp_path):
    assert "folder not found" in fails(tmp_path / "nowhere")


def test_unknown_column_fails_naming_the_column(esco):
    write_csv(
        esco / "skills_en.csv",
        [*SKILL_COLUMNS, "colour"],
        [{**row, "colour": "blue"} for row in skills()],
    )
    message = fails(esco)
    assert "skills_en.csv, line 1, field 'colour': unknown column" in message


def test_missing_required_column_fails_naming_it(esco):
    write_csv(
        esco / "occupations_en.csv",
        [c for c in OCCUPATION_COLUMNS if c != "preferredLabel"],
        [{k: v for k, v in row.items() if k != "preferredLabel"} for row in occupations()],
    )
    assert "field 'preferredLabel': required column" in fails(esco)


def test_duplicate_concept_uri_fails_naming_both_lines(esco):
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, [*skills(), skill_row(1, "negotiate again")])
    message = fails(esco)
    assert "skills_en.csv, line 7, field 'conceptUri'" in message
    assert "first on line 2" in message


def test_empty_preferred_label_fails(esco):
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, [*skills(), skill_row(4, "  ")])
    assert "skills_en.csv, line 7, field 'preferredLabel': must not be empty" in fails(esco)


def test_bad_uri_fails_naming_the_column(esco):
    rows = skills()
    rows[1]["conceptUri"] = "https://example.com/skill/2"
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, rows)
    assert "skills_en.csv, line 5, field 'conceptUri': expected an ESCO URI" in fails(esco)


def test_unknown_relation_type_fails(esco):
    with (esco / "occupationSkillRelations_en.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{occupation_uri(2)},nice-to-have,skill/competence,{skill_uri(1)}\r\n")
    assert "line 5, field 'relationType'" in fails(esco)


def test_bad_rerun_leaves_the_previous_import_exactly_as_it_was(esco):
    run(esco)
    before = snapshot()
    changed = skills()
    changed[0]["preferredLabel"] = "renamed"
    changed[2]["conceptUri"] = "not a uri"
    write_csv(esco / "skills_en.csv", SKILL_COLUMNS, changed)
    fails(esco)
    assert snapshot() == before
    assert Skill.objects.get(external_id=skill_uri(1)).name == "negotiate treaties"


def test_skill_groups_in_a_loop_fail(esco):
    write_csv(
        esco / "broaderRelationsSkillPillar_en.csv",
        BROADER_COLUMNS,
        [
            {
                "conceptType": "SkillGroup",
                "conceptUri": group_uri("X"),
                "broaderUri": group_uri("Y"),
            },
            {
                "conceptType": "SkillGroup",
                "conceptUri": group_uri("Y"),
                "broaderUri": group_uri("X"),
            },
        ],
    )
    write_csv(
        esco / "skillGroups_en.csv",
        GROUP_COLUMNS,
        [{"conceptUri": group_uri(c), "preferredLabel": f"group {c}"} for c in "XY"],
    )
    (esco / "skillsHierarchy_en.csv").unlink()
    assert "broaderRelationsSkillPillar_en.csv: skill group" in fails(esco)


def test_rerun_from_fewer_files_keeps_the_category_tree(esco):
    run(esco)
    (esco / "skillsHierarchy_en.csv").unlink()
    (esco / "broaderRelationsSkillPillar_en.csv").unlink()
    run(esco)
    category = Category.objects.with_path().get(external_id=group_uri("S1.1"))
    assert [c.name for c in category.path()] == ["skills", "communication", "negotiating"]
    assert Skill.objects.get(external_id=skill_uri(1)).category == category


def test_rerun_from_a_file_without_some_columns_keeps_their_values(esco):
    run(esco)
    write_csv(
        esco / "skills_en.csv",
        ["conceptUri", "preferredLabel"],
        [{"conceptUri": r["conceptUri"], "preferredLabel": r["preferredLabel"]} for r in skills()],
    )
    run(esco)
    skill = Skill.objects.get(external_id=skill_uri(1))
    assert skill.summary == "Conduct negotiations between states on the text of a treaty."
    assert skill.aliases.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics: PostgreSQL")
def test_an_import_leaves_fresh_planner_statistics(esco):
    """Without them PostgreSQL plans for empty tables until autovacuum runs (or never, where it
    is off): the job titles list took seconds on a fresh ESCO import."""
    run(esco)

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'taxonomy_skill'")
        [(estimated,)] = cursor.fetchall()
    assert estimated == Skill.objects.count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="VACUUM: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_an_import_outside_a_transaction_leaves_its_tables_vacuumed(esco):
    """The import writes each skill more than once; until VACUUM, every read steps over the
    dead versions and index-only scans read the table anyway (its pages not all-visible)."""
    run(esco)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'taxonomy_skill'"
        )
        [(pages, all_visible)] = cursor.fetchall()
    assert pages > 0
    assert all_visible == pages
