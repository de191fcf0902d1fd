"""What to write next: the answers mark and filters in the skill list, skill page opens counted
past the page cache, the log of searches that found little (no personal data), its purge, and
the editors' dashboard."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from search.models import UnansweredSearch
from search.search_log import MAX_LENGTH, log_search
from taxonomy.changes import content_changed
from taxonomy.models import Skill, SkillPageOpen

from .factories import (
    InterviewQuestionFactory,
    JobTitleFactory,
    ResumeExampleFactory,
    SkillFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SKILL_LIST = reverse("admin:taxonomy_skill_changelist")
DASHBOARD = reverse("editors-dashboard")


@pytest.fixture
def skills():
    """Three published skills answering more and more of the five questions."""
    bare = SkillFactory(name="Bare", slug="bare", definition="")
    with_lines = SkillFactory(name="With lines", slug="with-lines")
    ResumeExampleFactory(skill=with_lines)
    fuller = SkillFactory(name="Fuller", slug="fuller", job_titles=[JobTitleFactory()])
    ResumeExampleFactory(skill=fuller)
    InterviewQuestionFactory(skill=fuller)
    content_changed(skills=[bare, with_lines, fuller])
    return bare, with_lines, fuller


def listed(response):
    return [skill.name for skill in response.context["cl"].result_list]


# --- the skill list ----------------------------------------------------------------------------


def test_skill_list_shows_a_compact_answers_mark(editor_client, skills):
    response = editor_client.get(SKILL_LIST)

    content = response.content.decode()
    assert "····· <small>0/5</small>" in content  # Bare: a summary alone does not say what
    assert "✓✓✓·✓ <small>4/5</small>" in content  # Fuller: all but aliases and related
    assert "How to interview for it: missing" in content
    # The count columns that sat off-screen at 1280 px are gone.
    assert "column-alias_count" not in content and "column-job_title_count" not in content


def test_skill_list_sorts_by_the_answers_mark(editor_client, skills):
    ascending = editor_client.get(SKILL_LIST, {"o": "2"})
    descending = editor_client.get(SKILL_LIST, {"o": "-2"})

    assert listed(ascending) == ["Bare", "With lines", "Fuller"]
    assert listed(descending) == ["Fuller", "With lines", "Bare"]


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ("questions", ["Bare", "With lines"]),
        ("cv_lines", ["Bare"]),
        ("job_titles", ["Bare", "With lines"]),
        ("incomplete", ["Bare", "Fuller", "With lines"]),
    ],
)
def test_skill_list_filters_by_what_is_missing(editor_client, skills, missing, expected):
    response = editor_client.get(SKILL_LIST, {"missing": missing})

    assert sorted(listed(response)) == sorted(expected)


# --- skill page opens ------------------------------------------------------------------------


def test_a_published_skill_page_carries_the_open_beacon(client, skills):
    content = client.get("/skills/bare/").content.decode()

    assert 'data-url="/skills/bare/opened"' in content


def test_opens_are_counted_per_day_even_when_the_page_comes_from_the_cache(
    client, skills, settings
):
    settings.CACHE_SECONDS = 60
    first = client.get("/skills/bare/")
    second = client.get("/skills/bare/")
    for _ in range(2):  # each page view's beacon
        assert client.post("/skills/bare/opened").status_code == 204

    assert second.headers.get("X-Page-Cache") == "hit" and first.status_code == 200
    row = SkillPageOpen.objects.get()
    assert (row.skill.slug, row.day, row.opens) == ("bare", timezone.now().date(), 2)


def test_opens_hold_no_visitor_data():
    fields = {field.name for field in SkillPageOpen._meta.get_fields()}

    assert fields == {"id", "skill", "day", "opens"}


def test_drafts_unknown_skills_and_editors_visits_are_not_counted(client, editor_client, skills):
    SkillFactory(name="Draft", slug="draft", status=Skill.Status.DRAFT)

    assert client.post("/skills/draft/opened").status_code == 204
    assert client.post("/skills/never-was/opened").status_code == 204
    editor_client.post("/skills/bare/opened")

    assert not SkillPageOpen.objects.exists()


def test_the_beacon_only_accepts_post(client, skills):
    assert client.get("/skills/bare/opened").status_code == 405


def test_purge_deletes_page_open_counts_older_than_the_kept_days(skills, settings):
    from taxonomy.page_opens import count_open

    settings.PAGE_OPENS_DAYS = 30
    today = timezone.now().date()
    bare = Skill.objects.get(slug="bare")
    for age in (0, 30, 31, 400):
        count_open(bare.pk, day=today - datetime.timedelta(days=age))
    out = io.StringIO()

    call_command("purge_page_opens", stdout=out)

    kept = sorted((today - day).days for day in SkillPageOpen.objects.values_list("day", flat=True))
    assert kept == [0, 30]
    assert "Deleted 2 daily page-open counts older than 30 days." in out.getvalue()


# --- searches that found little ----------------------------------------------------------------


def test_a_search_that_finds_nothing_is_counted_by_its_text_only(client, skills):
    client.get("/search/", {"q": "Quantum  Basket Weaving"}, REMOTE_ADDR="203.0.113.9")
    client.get("/search/", {"q": "quantum basket weaving"}, REMOTE_ADDR="198.51.100.7")

    row = UnansweredSearch.objects.get()
    assert (row.query, row.searches, row.results, row.day) == (
        "quantum basket weaving",
        2,
        0,
        timezone.now().date(),
    )


def test_the_search_log_holds_no_personal_data(client, skills):
    visitor = UserFactory(username="recruiter.jane", email="jane@example.com")
    client.force_login(visitor)
    client.get(
        "/search/",
        {"q": "quantum basket weaving"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Mozilla/5.0 Jane's laptop",
    )

    fields = {field.name for field in UnansweredSearch._meta.get_fields()}
    assert fields == {"id", "day", "query", "searches", "results"}
    stored = " ".join(str(v) for v in UnansweredSearch.objects.values_list(*fields).get())
    for personal in ("203.0.113.9", "recruiter.jane", "jane@example.com", "Mozilla", "Jane"):
        assert personal not in stored


@pytest.mark.parametrize(
    "query",
    ["jane.doe@example.com", "+44 20 7946 0958", "07700 900123", "candidate 123456"],
)
def test_contact_details_typed_into_search_are_never_logged(client, skills, query):
    client.get("/search/", {"q": query})

    assert not UnansweredSearch.objects.exists()


def test_a_long_query_is_cut_to_the_log_length(client, skills):
    client.get("/search/", {"q": "quantum " * 20})

    assert len(UnansweredSearch.objects.get().query) <= MAX_LENGTH == 60


def test_a_search_that_found_enough_is_not_logged(client, skills):
    for n in range(4):
        SkillFactory(name=f"Negotiation {n}")
    content_changed(skills=Skill.objects.all())

    client.get("/search/", {"q": "negotiation"})

    assert not UnansweredSearch.objects.exists()


def test_repeated_searches_that_found_little_are_counted_past_the_page_cache(
    client, skills, settings
):
    settings.CACHE_SECONDS = 60
    for _ in range(3):
        response = client.get("/search/", {"q": "quantum basket weaving"})

    assert response.headers.get("X-Page-Cache") == "hit"
    assert "X-Search-Found-Little" not in response.headers  # internal: never sent
    assert UnansweredSearch.objects.get().searches == 3


def test_editors_searches_are_not_logged(editor_client, skills):
    editor_client.get("/search/", {"q": "quantum basket weaving"})

    assert not UnansweredSearch.objects.exists()


def test_purge_deletes_searches_older_than_the_kept_days(settings):
    settings.SEARCH_LOG_DAYS = 7
    today = timezone.now().date()
    log_search("kept", 0, day=today - datetime.timedelta(days=7))
    log_search("gone", 0, day=today - datetime.timedelta(days=8))
    out = io.StringIO()

    call_command("purge_search_log", stdout=out)

    assert list(UnansweredSearch.objects.values_list("query", flat=True)) == ["kept"]
    assert "Deleted 1 logged searches older than 7 days." in out.getvalue()


def test_search_log_days_default_to_90():
    from django.conf import settings

    assert settings.SEARCH_LOG_DAYS == 90


# --- the dashboard ---------------------------------------------------------------------------


def test_dashboard_shows_coverage_most_opened_incomplete_and_unanswered_searches(
    editor_client, skills
):
    bare, with_lines, _ = skills
    today = timezone.now().date()
    SkillPageOpen.objects.create(skill=with_lines, day=today, opens=7)
    SkillPageOpen.objects.create(skill=bare, day=today, opens=3)
    SkillPageOpen.objects.create(skill=bare, day=today - datetime.timedelta(days=1), opens=2)
    log_search("quantum basket weaving", 0)

    response = editor_client.get(DASHBOARD)

    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures["total"], figures["no_questions"], figures["no_cv_lines"]) == (3, 2, 1)
    opened = [(row["skill__name"], row["total"]) for row in response.context["most_opened"]]
    assert opened == [("With lines", 7), ("Bare", 5)]
    assert "quantum basket weaving" in response.content.decode()


def test_dashboard_runs_a_fixed_number_of_queries(editor_client, skills, django_assert_num_queries):
    editor_client.get(DASHBOARD)  # session and permissions cached as on any later page

    def load():
        with django_assert_num_queries(8):
            # session, user, its second factor's device, its and its groups' permissions;
            # coverage figures, most opened
            # incomplete skills, unanswered searches
            editor_client.get(DASHBOARD)

    load()
    today = timezone.now().date()
    for n in range(30):
        skill = SkillFactory(name=f"More {n}")
        SkillPageOpen.objects.create(skill=skill, day=today, opens=n + 1)
        log_search(f"missing thing {n}", 1)
    load()


def test_dashboard_is_linked_from_the_admin_index(editor_client):
    assert DASHBOARD in editor_client.get(reverse("admin:index")).content.decode()


def test_dashboard_needs_a_staff_login(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_dashboard_needs_the_skill_view_permission(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_jobtitle"))
    client.force_login(user)

    assert client.get(DASHBOARD).status_code == 403
