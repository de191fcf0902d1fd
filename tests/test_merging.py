"""Merging duplicates in admin, redirects from old slugs, and the changes feed for API clients."""

import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from interviews.models import InterviewQuestion
from search.ranking import search_skills
from taxonomy.changes import content_changed
from taxonomy.models import JobTitle, ResumeExample, Skill, SkillAlias, SlugChange, SlugRedirect

from .admin_forms import skill_change_data
from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillAliasFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db

SKILL_LIST = reverse("admin:taxonomy_skill_changelist")
JOB_TITLE_LIST = reverse("admin:taxonomy_jobtitle_changelist")
ESCO_URI = "http://data.europa.eu/esco/skill/test-0001"


@pytest.fixture
def pair():
    """Two skills for one thing: ours, and an imported one with everything on it."""
    kept = SkillFactory(name="Price Negotiation", slug="price-negotiation", definition="")
    SkillAliasFactory(skill=kept, term="haggling")
    ResumeExampleFactory(skill=kept, text="Cut supplier prices by 8%", position=0)
    InterviewQuestionFactory(skill=kept, question="Kept question?", position=0)
    analyst, buyer = JobTitleFactory(name="Analyst"), JobTitleFactory(name="Buyer")
    kept.job_titles.set([analyst])
    neighbour, esco_neighbour = SkillFactory(name="Negotiation"), SkillFactory(name="Sales")
    merged = SkillFactory(
        name="negotiate price",
        slug="negotiate-price",
        external_id=ESCO_URI,
        definition="Agree a price for goods or services with the other party, in writing.",
    )
    SkillAliasFactory(skill=merged, term="Haggling")  # the same alias, another case
    SkillAliasFactory(skill=merged, term="bargain on price")
    ResumeExampleFactory(skill=merged, text="Negotiated 40 supplier contracts", position=0)
    InterviewQuestionFactory(skill=merged, question="Merged question?", position=0)
    merged.job_titles.set([analyst, buyer])
    merged.related.set([neighbour, kept])
    merged.esco_related.set([esco_neighbour])
    content_changed(skills=[kept, merged, neighbour, esco_neighbour])
    return kept, merged


def merge_in_admin(client, survivor, loser, url=SKILL_LIST, **extra):
    return client.post(
        url,
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [str(survivor.pk), str(loser.pk)],
            "post": "yes",
            "survivor": str(survivor.pk),
            **extra,
        },
    )


def test_merge_asks_which_skill_to_keep_showing_what_each_has(editor_client, pair):
    kept, merged = pair

    response = editor_client.post(
        SKILL_LIST,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [str(kept.pk), str(merged.pk)]},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Keep which skill?" in content
    assert f'name="survivor" value="{kept.pk}"' in content
    assert f'name="survivor" value="{merged.pk}"' in content
    assert "2 aliases · 1 CV lines · 2 job titles · 2 related skills · 1 interview questions" in (
        content
    )
    assert Skill.objects.count() == 4  # nothing merged yet


def test_merge_moves_everything_to_the_survivor_and_deletes_the_other(editor_client, pair):
    kept, merged = pair

    response = merge_in_admin(editor_client, kept, merged)

    assert response.status_code == 302
    assert not Skill.objects.filter(pk=merged.pk).exists()
    kept.refresh_from_db()
    aliases = sorted(kept.aliases.values_list("term", flat=True))
    assert aliases == ["bargain on price", "haggling", "negotiate price"]
    assert list(kept.resume_examples.values_list("text", flat=True)) == [
        "Cut supplier prices by 8%",
        "Negotiated 40 supplier contracts",
    ]
    questions = InterviewQuestion.objects.filter(skill=kept).order_by("position")
    assert [q.question for q in questions] == ["Kept question?", "Merged question?"]
    assert sorted(kept.job_titles.values_list("name", flat=True)) == ["Analyst", "Buyer"]
    assert list(kept.related.values_list("name", flat=True)) == ["Negotiation"]
    assert list(kept.esco_related.values_list("name", flat=True)) == ["Sales"]
    assert kept.external_id == ESCO_URI  # the next ESCO import finds the merged skill
    assert kept.definition.startswith("Agree a price")  # blank text filled, nothing lost
    assert kept.coverage["cv_lines"] == 2 and kept.question_count == 2


def test_the_merged_skill_is_found_by_its_old_name(editor_client, pair):
    kept, merged = pair

    merge_in_admin(editor_client, kept, merged)

    found = search_skills(Skill.objects.all(), "negotiate price")
    assert found[0] == kept


def test_merged_skills_old_page_redirects_permanently(client, editor_client, pair):
    kept, merged = pair
    merge_in_admin(editor_client, kept, merged)

    response = client.get("/skills/negotiate-price/?ref=mail")

    assert response.status_code == 301
    assert response["Location"] == "/skills/price-negotiation/?ref=mail"


def test_api_read_of_a_merged_slug_is_a_301_to_the_survivor(api_client, editor_client, pair):
    kept, merged = pair
    merge_in_admin(editor_client, kept, merged)

    response = api_client.get("/api/v1/skills/negotiate-price/")

    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/skills/price-negotiation/"
    assert response.json()["slug"] == "price-negotiation"


def test_api_write_to_a_merged_slug_is_a_308(editor_api_client, editor_client, pair):
    kept, merged = pair
    merge_in_admin(editor_client, kept, merged)

    response = editor_api_client.patch(
        "/api/v1/skills/negotiate-price/", {"summary": "New."}, format="json"
    )

    assert response.status_code == 308
    assert response["Location"].endswith("/api/v1/skills/price-negotiation/")
    kept.refresh_from_db()
    assert kept.summary != "New."


def test_merge_needs_exactly_two_skills(editor_client, pair):
    kept, _ = pair

    response = editor_client.post(
        SKILL_LIST,
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [str(kept.pk)], "post": "yes"},
        follow=True,
    )

    assert "Select exactly two skills to merge." in response.content.decode()
    assert Skill.objects.count() == 4


def test_merging_needs_the_delete_permission(client, pair):
    from django.contrib.auth.models import Permission

    from .factories import UserFactory

    kept, merged = pair
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_skill", "change_skill"])
    )
    client.force_login(user)

    merge_in_admin(client, kept, merged)

    assert Skill.objects.filter(pk=merged.pk).exists()


def test_merging_job_titles_moves_skills_and_names(client, editor_client):
    kept = JobTitleFactory(name="Data Analyst", slug="data-analyst", alternative_labels="Analyst")
    merged = JobTitleFactory(
        name="data analyst", slug="data-analyst-2", alternative_labels="BI analyst\nanalyst"
    )
    holder = SkillFactory(job_titles=[merged])

    merge_in_admin(editor_client, kept, merged, url=JOB_TITLE_LIST)

    assert not JobTitle.objects.filter(pk=merged.pk).exists()
    kept.refresh_from_db()
    assert list(holder.job_titles.all()) == [kept]
    assert kept.alternative_label_list() == ["Analyst", "BI analyst"]
    response = client.get("/job-titles/data-analyst-2/")
    assert response.status_code == 301
    assert response["Location"] == "/job-titles/data-analyst/"


def test_renaming_a_slug_in_admin_leaves_a_redirect(client, editor_client):
    skill = SkillFactory(name="Negotiation", slug="negotiation")
    url = reverse("admin:taxonomy_skill_change", args=[skill.pk])

    editor_client.post(url, skill_change_data(skill, slug="negotiating"))

    response = client.get("/skills/negotiation/")
    assert response.status_code == 301
    assert response["Location"] == "/skills/negotiating/"


def test_renaming_a_slug_through_the_api_leaves_a_redirect(api_client, editor_api_client):
    SkillFactory(name="Negotiation", slug="negotiation")

    editor_api_client.patch("/api/v1/skills/negotiation/", {"slug": "negotiating"}, format="json")

    response = api_client.get("/api/v1/skills/negotiation/")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/skills/negotiating/")


def test_a_rename_then_a_merge_redirect_in_one_step(editor_api_client, editor_client):
    first = SkillFactory(name="Negotiation", slug="negotiation")
    survivor = SkillFactory(name="Bargaining", slug="bargaining")
    editor_api_client.patch("/api/v1/skills/negotiation/", {"slug": "negotiating"}, format="json")
    first.refresh_from_db()

    merge_in_admin(editor_client, survivor, first)

    redirects = dict(SlugRedirect.objects.values_list("old_slug", "new_slug"))
    assert redirects == {"negotiation": "bargaining", "negotiating": "bargaining"}


def test_an_old_slug_taken_again_is_the_new_skills_page(client, editor_api_client):
    SkillFactory(name="Negotiation", slug="negotiation")
    editor_api_client.patch("/api/v1/skills/negotiation/", {"slug": "negotiating"}, format="json")
    SkillFactory(name="Negotiation theory", slug="negotiation")

    assert client.get("/skills/negotiation/").status_code == 200


def test_an_unknown_slug_is_still_a_404(client, api_client):
    assert client.get("/skills/never-was/").status_code == 404
    assert api_client.get("/api/v1/skills/never-was/").status_code == 404


# --- the changes feed ------------------------------------------------------------------------


def test_changes_feed_lists_renames_merges_and_deletions_since_a_time(
    api_client, editor_api_client, editor_client, pair
):
    kept, merged = pair
    SkillFactory(name="Gone", slug="gone")
    SkillFactory(name="Moving", slug="moving")
    before = api_client.get("/api/v1/changes/").json()["count"]

    merge_in_admin(editor_client, kept, merged)
    editor_api_client.patch("/api/v1/skills/moving/", {"slug": "moved"}, format="json")
    editor_api_client.delete("/api/v1/skills/gone/")

    since = SlugChange.objects.order_by("at").first().at.isoformat()
    body = api_client.get("/api/v1/changes/", {"since": since}).json()
    rows = [(r["kind"], r["event"], r["old_slug"], r["new_slug"]) for r in body["results"]]
    assert before == 0
    assert rows == [
        ("skill", "merged", "negotiate-price", "price-negotiation"),
        ("skill", "renamed", "moving", "moved"),
        ("skill", "deleted", "gone", None),
    ]
    assert all(row["at"] for row in body["results"])


def test_changes_feed_since_a_later_time_is_empty(api_client, editor_api_client):
    SkillFactory(name="Moving", slug="moving")
    editor_api_client.patch("/api/v1/skills/moving/", {"slug": "moved"}, format="json")

    body = api_client.get("/api/v1/changes/", {"since": "2999-01-01T00:00:00Z"}).json()

    assert body["results"] == []


def test_changes_feed_never_names_a_draft_to_visitors(api_client, editor_api_client):
    SkillFactory(name="Secret plan", slug="secret-plan", status=Skill.Status.DRAFT)
    editor_api_client.delete("/api/v1/skills/secret-plan/")

    assert api_client.get("/api/v1/changes/").json()["results"] == []
    editor_rows = editor_api_client.get("/api/v1/changes/").json()["results"]
    assert [row["old_slug"] for row in editor_rows] == ["secret-plan"]


def test_deleting_in_admin_is_in_the_changes_feed(api_client, editor_client):
    title = JobTitleFactory(name="Mediator", slug="mediator")

    editor_client.post(
        JOB_TITLE_LIST,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [str(title.pk)], "post": "yes"},
    )

    rows = api_client.get("/api/v1/changes/", {"kind": "job_title"}).json()["results"]
    assert [(r["event"], r["old_slug"]) for r in rows] == [("deleted", "mediator")]


def test_changes_feed_refuses_a_bad_date(api_client):
    response = api_client.get("/api/v1/changes/", {"since": "yesterday"})

    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_nothing_else_of_the_merged_skill_is_left_behind(editor_client, pair):
    kept, merged = pair

    merge_in_admin(editor_client, kept, merged)

    assert not SkillAlias.objects.filter(skill_id=merged.pk).exists()
    assert not ResumeExample.objects.filter(skill_id=merged.pk).exists()
    assert not InterviewQuestion.objects.filter(skill_id=merged.pk).exists()


@pytest.fixture
def kit_of_merged(editor_client, pair):
    """A kit's query naming the merged skill (with one of its questions chosen) and another
    skill, after the merge; and that other skill's slug."""
    kept, merged = pair
    other = Skill.objects.get(name="Negotiation").slug
    question = InterviewQuestion.objects.get(skill=merged)
    merge_in_admin(editor_client, kept, merged)
    query = {
        "skills": f"negotiate-price,{other}",
        "role": "Buyer",
        "q.negotiate-price": question.pk,
    }
    return query, other


def test_a_shared_kit_naming_a_merged_skill_redirects_to_the_kit_with_the_survivor(
    client, kit_of_merged
):
    query, other = kit_of_merged
    client.logout()

    response = client.get("/kit/", query)

    assert response.status_code == 301
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    kit = follow.context["kit"]
    assert [s.skill.slug for s in kit.skills] == ["price-negotiation", other]
    assert kit.spec.role == "Buyer"
    chosen = [q.question for q in kit.skills[0].chosen]
    assert chosen == ["Merged question?"]  # the choice followed the question


def test_an_api_kit_naming_a_merged_skill_redirects_to_the_kit_with_the_survivor(
    api_client, kit_of_merged
):
    query, other = kit_of_merged

    response = api_client.get("/api/v1/kits/", query)

    assert response.status_code == 301
    body = response.json()
    assert body["moved"] == {"negotiate-price": "price-negotiation"}
    assert "“negotiate-price” is now “price-negotiation”" in body["detail"]
    assert body["url"] == response["Location"]
    follow = api_client.get(response["Location"])
    assert follow.status_code == 200
    kit = follow.json()
    assert [s["slug"] for s in kit["skills"]] == ["price-negotiation", other]
    assert kit["role"] == "Buyer"
    assert [q["question"] for q in kit["skills"][0]["questions"]] == ["Merged question?"]


def test_an_api_kit_naming_a_deleted_skill_is_a_400_naming_it(api_client, pair):
    kept, merged = pair
    slug, pk = merged.slug, merged.pk
    merged.delete()
    content_changed(skills=[pk], deleted=[merged])

    response = api_client.get("/api/v1/kits/", {"skills": f"{slug},{kept.slug}"})

    assert response.status_code == 400
    assert response.json()["errors"]["skills"] == [f"No published skill has the slug “{slug}”."]


def test_an_esco_import_after_a_merge_does_not_bring_the_merged_skill_back(editor_client, tmp_path):
    from django.core.management import call_command

    from .test_import_esco import (
        OCCUPATION_COLUMNS,
        RELATION_COLUMNS,
        SKILL_COLUMNS,
        occupation_uri,
        skill_row,
        skill_uri,
        write_csv,
    )

    write_csv(
        tmp_path / "skills_en.csv",
        SKILL_COLUMNS,
        [skill_row(1, "negotiate price"), skill_row(2, "negotiate prices")],
    )
    write_csv(
        tmp_path / "occupations_en.csv",
        OCCUPATION_COLUMNS,
        [{"conceptType": "Occupation", "conceptUri": occupation_uri(1), "preferredLabel": "buyer"}],
    )
    write_csv(
        tmp_path / "occupationSkillRelations_en.csv",
        RELATION_COLUMNS,
        [
            {
                "occupationUri": occupation_uri(1),
                "relationType": "essential",
                "skillType": "skill/competence",
                "skillUri": skill_uri(2),
            }
        ],
    )
    call_command("import_esco", str(tmp_path), verbosity=0, stdout=io.StringIO())
    kept = Skill.objects.get(external_id=skill_uri(1))
    merged = Skill.objects.get(external_id=skill_uri(2))
    merge_in_admin(editor_client, kept, merged)

    call_command("import_esco", str(tmp_path), verbosity=0, stdout=io.StringIO())

    assert list(Skill.objects.values_list("name", flat=True)) == ["negotiate price"]
    assert list(kept.job_titles.values_list("name", flat=True)) == ["buyer"]


def test_renaming_a_category_or_job_title_slug_in_admin_leaves_a_redirect(client, editor_client):
    from .factories import CategoryFactory

    category = CategoryFactory(name="Diplomacy", slug="diplomacy")
    title = JobTitleFactory(name="Mediator", slug="mediator")
    editor_client.post(
        reverse("admin:taxonomy_category_change", args=[category.pk]),
        {"name": "Diplomacy", "slug": "diplomacy-and-mediation", "description": ""},
    )
    editor_client.post(
        reverse("admin:taxonomy_jobtitle_change", args=[title.pk]),
        {"name": "Mediator", "slug": "mediator-role", "alternative_labels": "", "description": ""},
    )

    assert (
        client.get("/categories/diplomacy/")["Location"] == "/categories/diplomacy-and-mediation/"
    )
    assert client.get("/job-titles/mediator/")["Location"] == "/job-titles/mediator-role/"


def test_a_merge_is_in_the_history_and_the_merged_skill_can_be_recovered(editor_client, pair):
    from reversion.models import Version

    kept, merged = pair

    merge_in_admin(editor_client, kept, merged)

    comment = "Merged “negotiate price” (negotiate-price) into"
    survivor_version = Version.objects.get_for_object(kept).filter(
        revision__comment__startswith=comment
    )[0]
    assert survivor_version.revision.user is not None
    assert survivor_version.field_dict["definition"].startswith("Agree a price")
    assert Version.objects.get_for_object(kept)[0].revision.comment.startswith("Merged")
    [deleted] = Version.objects.get_deleted(Skill)
    assert deleted.object_id == str(merged.pk)
    assert deleted.field_dict["name"] == "negotiate price"  # as it was, recoverable
