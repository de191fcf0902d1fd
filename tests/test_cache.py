"""Anonymous reads come from the cache; any editor write shows at once, and retires only the
cached pages that show what it changed."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from taxonomy.changes import content_changed
from taxonomy.file_format import export_document
from taxonomy.models import Skill, TechnologyUse
from taxonomy.views import JOB_TITLE_TECHNOLOGIES

from .admin_login import log_into_admin
from .factories import CategoryFactory, JobTitleFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CACHE_SECONDS = 60


@pytest.fixture
def skill():
    return SkillFactory(slug="negotiation", summary="Reaching agreement.")


def page(client, skill):
    return client.get(skill.get_absolute_url())


def test_repeat_visit_is_served_without_touching_the_database(
    client, skill, django_assert_num_queries
):
    page(client, skill)
    with django_assert_num_queries(0):
        response = page(client, skill)
    assert response.status_code == 200
    assert "Reaching agreement." in response.text


def test_api_read_is_served_from_the_cache(client, skill, django_assert_num_queries):
    url = reverse("api:skill-detail", args=[skill.slug])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.json() == first.json()


def test_saved_edit_shows_on_the_next_visit(client, skill):
    page(client, skill)
    skill.summary = "Reaching a better agreement."
    skill.save()
    content_changed(skills=[skill])  # what every write path does after writing
    assert "Reaching a better agreement." in page(client, skill).text


def test_related_skill_link_shows_on_the_next_visit(client, skill):
    page(client, skill)
    skill.related.add(SkillFactory(name="Mediation"))
    content_changed(skills=[skill])
    assert "Mediation" in page(client, skill).text


def test_api_write_shows_on_the_next_visit(client, editor_api_client, skill):
    url = reverse("api:skill-detail", args=[skill.slug])
    client.get(url)
    editor_api_client.patch(url, {"summary": "Written through the API."}, format="json")
    assert client.get(url).json()["summary"] == "Written through the API."


def test_admin_bulk_archive_hides_the_page_at_once(skill, editor):
    visitor, staff = Client(), log_into_admin(Client(), editor)
    assert page(visitor, skill).status_code == 200  # now cached for the visitor
    staff.post(
        reverse("admin:taxonomy_skill_changelist"),
        {"action": "archive", "_selected_action": [str(skill.pk)]},
    )
    assert page(visitor, skill).status_code == 404


def test_import_shows_at_once(client, skill, tmp_path):
    page(client, skill)
    document = export_document()
    document["skills"][0]["summary"] = "Imported summary."
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(document))
    call_command("import_taxonomy", str(path), verbosity=0)
    assert "Imported summary." in page(client, skill).text


def test_staff_draft_preview_is_never_served_to_visitors(client, editor_client):
    draft = SkillFactory(status=Skill.Status.DRAFT)
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_visitor_page_is_not_served_to_a_logged_in_editor(client, editor, skill):
    page(client, skill)
    client.force_login(editor)
    assert "X-Page-Cache" not in page(client, skill).headers


def test_cached_page_carries_a_fresh_csp_nonce_matching_its_header(client, skill):
    page(client, skill)
    nonces = set()
    for _ in range(2):
        response = page(client, skill)
        assert response.headers["X-Page-Cache"] == "hit"
        header = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        assert f'nonce="{header}"' in response.text
        nonces.add(header)
    assert len(nonces) == 2


def test_zero_cache_seconds_turns_caching_off(client, skill, settings):
    settings.CACHE_SECONDS = 0
    page(client, skill)
    Skill.objects.filter(pk=skill.pk).update(summary="Changed behind the cache's back.")
    assert "Changed behind the cache" in page(client, skill).text


def test_cached_page_answers_a_current_etag_with_not_modified(
    client, skill, django_assert_num_queries
):
    etag = page(client, skill).headers["ETag"]
    with django_assert_num_queries(0):
        response = client.get(skill.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 304


# --- targeted retirement: an edit retires the pages that show the skill, and only those -------


def cached(client, url):
    """Whether a visit to ``url`` is served from the cache."""
    return client.get(url).headers.get("X-Page-Cache") == "hit"


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert cached(client, url), url


@pytest.fixture
def two_areas():
    diplomacy, finance = CategoryFactory(name="Diplomacy"), CategoryFactory(name="Finance")
    a = SkillFactory(name="Mediation", category=diplomacy, summary="Helping parties agree.")
    b = SkillFactory(name="Budgeting", category=finance)
    return a, b


def test_edit_to_one_skill_keeps_other_skill_pages_cached(client, two_areas):
    a, b = two_areas
    warm(client, a.get_absolute_url(), b.get_absolute_url())

    a.summary = "Helping parties reach an agreement."
    a.save()
    content_changed(skills=[a])

    assert cached(client, b.get_absolute_url())
    response = client.get(a.get_absolute_url())
    assert "X-Page-Cache" not in response.headers
    assert "Helping parties reach an agreement." in response.text


def test_edit_to_a_skill_retires_its_category_and_a_to_z_lists_only(client, two_areas):
    a, b = two_areas
    a_category, b_category = a.category.get_absolute_url(), b.category.get_absolute_url()
    a_to_z, a_letter = reverse("taxonomy:skill-list"), reverse("taxonomy:skill-list") + "?letter=M"
    warm(client, a_category, b_category, a_to_z, a_letter)

    a.summary = "Helping parties reach an agreement."
    a.save()
    content_changed(skills=[a])

    assert cached(client, b_category)
    for url in (a_category, a_to_z, a_letter):
        response = client.get(url)
        assert "X-Page-Cache" not in response.headers, url
        assert "Helping parties reach an agreement." in response.text, url


def test_renamed_skill_retires_the_pages_that_list_it_as_related(client, two_areas):
    a, b = two_areas
    b.related.add(a)
    unrelated = SkillFactory(name="Forecasting", category=b.category)
    warm(client, b.get_absolute_url(), unrelated.get_absolute_url())

    a.name = "Conflict Mediation"
    a.save()
    content_changed(skills=[a])

    assert "Conflict Mediation" in client.get(b.get_absolute_url()).text
    assert cached(client, unrelated.get_absolute_url())


def test_edit_to_a_skill_retires_the_job_title_pages_that_list_it(client, two_areas):
    a, b = two_areas
    mediator, accountant = JobTitleFactory(name="Mediator"), JobTitleFactory(name="Accountant")
    a.job_titles.add(mediator)
    b.job_titles.add(accountant)
    warm(client, mediator.get_absolute_url(), accountant.get_absolute_url())

    a.summary = "Helping parties reach an agreement."
    a.save()
    content_changed(skills=[a])

    assert "Helping parties reach an agreement." in client.get(mediator.get_absolute_url()).text
    assert cached(client, accountant.get_absolute_url())


def test_edit_to_a_technology_retires_the_pages_of_job_titles_working_with_it(client):
    developer, accountant = JobTitleFactory(name="Web developer"), JobTitleFactory()
    react = SkillFactory(name="React", kind="technology")
    TechnologyUse.objects.create(skill=react, job_title=developer, hot_technology=True)
    everything_for_developer = f"/skills/?job_title={developer.slug}"
    warm(client, developer.get_absolute_url(), everything_for_developer)
    warm(client, accountant.get_absolute_url())

    react.name = "React (JavaScript library)"
    react.save()
    content_changed(skills=[react])

    assert "React (JavaScript library)" in client.get(developer.get_absolute_url()).text
    assert "React (JavaScript library)" in client.get(everything_for_developer).text
    assert cached(client, accountant.get_absolute_url())


def test_technology_renamed_into_the_first_shown_retires_the_job_title_page(client):
    """The page shows the first technologies, A-Z among equals: one it did not show, renamed,
    can join them; its own tag is not on the page, the job title's is."""
    developer = JobTitleFactory(name="Web developer")
    for number in range(JOB_TITLE_TECHNOLOGIES):
        tool = SkillFactory(name=f"Tool {number:02}", kind="technology")
        TechnologyUse.objects.create(skill=tool, job_title=developer)
    zend = SkillFactory(name="Zend", kind="technology")
    TechnologyUse.objects.create(skill=zend, job_title=developer)
    warm(client, developer.get_absolute_url())
    assert ">Zend</a>" not in client.get(developer.get_absolute_url()).text

    zend.name = "Apache Zend"
    zend.save()
    content_changed(skills=[zend])

    assert ">Apache Zend</a>" in client.get(developer.get_absolute_url()).text


def test_skill_moved_to_another_category_leaves_the_old_list_and_joins_the_new(client, two_areas):
    a, b = two_areas
    old, new = a.category, b.category
    warm(client, old.get_absolute_url(), new.get_absolute_url())

    a.category = new
    a.save()
    content_changed(skills=[a])

    assert "Mediation" not in client.get(old.get_absolute_url()).text
    assert "Mediation" in client.get(new.get_absolute_url()).text


def test_published_skill_joins_the_lists_at_once(client, two_areas):
    a, _ = two_areas
    draft = SkillFactory(name="Shuttle Diplomacy", category=a.category, status=Skill.Status.DRAFT)
    a_to_z, category = reverse("taxonomy:skill-list"), a.category.get_absolute_url()
    warm(client, a_to_z, category)

    draft.status = Skill.Status.PUBLISHED
    draft.save()
    content_changed(skills=[draft])

    assert "Shuttle Diplomacy" in client.get(a_to_z).text
    assert "Shuttle Diplomacy" in client.get(category).text


def test_renamed_category_retires_the_a_to_z_filter_and_its_skills_pages(client, two_areas):
    a, b = two_areas
    a_to_z = reverse("taxonomy:skill-list")
    warm(client, a_to_z, a.get_absolute_url(), b.get_absolute_url())

    a.category.name = "Peacemaking"
    a.category.save()
    content_changed(categories=[a.category])

    assert "Peacemaking" in client.get(a_to_z).text
    assert "Peacemaking" in client.get(a.get_absolute_url()).text
    assert cached(client, b.get_absolute_url())


def test_large_write_retires_every_page(client, two_areas, settings, monkeypatch):
    a, b = two_areas
    warm(client, b.get_absolute_url())
    monkeypatch.setattr("taxonomy.cached_pages.MAX_LISTED", 0)

    content_changed(skills=[a])

    assert not cached(client, b.get_absolute_url())


def test_deleted_category_retires_every_page(client, two_areas):
    a, b = two_areas
    empty = CategoryFactory(name="Empty", parent=a.category)
    warm(client, a.category.get_absolute_url(), b.get_absolute_url())

    empty_pk = empty.pk
    empty.delete()
    content_changed(categories=[empty_pk])

    assert "Empty" not in client.get(a.category.get_absolute_url()).text
    assert not cached(client, b.get_absolute_url())


def test_pages_checked_after_an_unrelated_edit_keep_being_served(client, two_areas):
    """After a write moves the counter, a page whose tags are unchanged is checked once and
    then served as before; the edited skill's page is not."""
    a, b = two_areas
    warm(client, a.get_absolute_url(), b.get_absolute_url())

    for summary in ("First edit.", "Second edit."):
        a.summary = summary
        a.save()
        content_changed(skills=[a])
        assert cached(client, b.get_absolute_url())  # checked against its tags
        assert cached(client, b.get_absolute_url())  # served as checked
        response = client.get(a.get_absolute_url())
        assert "X-Page-Cache" not in response.headers
        assert summary in response.text


def test_a_page_checked_while_a_write_is_retiring_it_is_checked_again(
    client, two_areas, monkeypatch
):
    """A visit that lands while a write is storing new versions on the page's tags finds them
    unchanged and marks the page checked; the write then moves the counter once more, so the
    next visit checks again and gets the new content rather than the copy it marked."""
    from django.core.cache import cache

    a, _ = two_areas
    url = a.get_absolute_url()
    warm(client, url)
    a.summary = "Helping parties reach a lasting agreement."
    a.save()
    visits = []
    store_versions = cache.set_many

    def visit_then_store(data, *args, **kwargs):
        if not visits:
            visits.append(cached(client, url))  # lands before the versions are stored
        return store_versions(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", visit_then_store)
    content_changed(skills=[a])
    monkeypatch.undo()

    assert visits == [True]  # the visit in between was served the old copy, as it had to be
    response = client.get(url)
    assert "X-Page-Cache" not in response.headers
    assert "Helping parties reach a lasting agreement." in response.text


def test_an_edit_shows_even_if_the_cache_lost_its_counter(client, two_areas):
    """The local-memory cache culls keys when full, the counter among them: a page is then
    checked against its tags, never served as if nothing had changed."""
    from django.core.cache import cache

    from ops import page_cache

    a, b = two_areas
    warm(client, a.get_absolute_url(), b.get_absolute_url())
    a.summary = "Helping parties reach a lasting agreement."
    a.save()
    content_changed(skills=[a])
    cache.delete(page_cache.EPOCH_KEY)

    assert "Helping parties reach a lasting agreement." in client.get(a.get_absolute_url()).text
    assert cached(client, b.get_absolute_url())


def test_a_write_larger_than_a_small_cache_retires_pages_without_an_error(
    client, two_areas, settings, caplog
):
    """A local-memory cache that culls while the versions are being written loses the counter
    midway: the write still retires the pages, and nothing is logged as failed."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 1},  # full: everything goes
        }
    }
    a, b = two_areas
    warm(client, a.get_absolute_url())
    a.summary = "Helping parties reach a lasting agreement."
    a.save()
    content_changed(skills=[a, b])

    assert "Could not retire cached pages" not in caplog.text
    assert "Helping parties reach a lasting agreement." in client.get(a.get_absolute_url()).text
