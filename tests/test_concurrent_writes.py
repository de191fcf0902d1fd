"""Racing API writes answer a JSON 409 (or 400) naming the conflict, never a 500 page.

Real parallel requests against the live server on PostgreSQL: the unique and foreign key
checks that lose the race are the database's, after validation has passed in every request.
"""

import pytest
from django.db import connection

from api.models import ApiToken
from taxonomy.models import Skill

from .factories import SkillFactory, make_editor
from .live_http import in_parallel, send

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="races need PostgreSQL's concurrent writers"
    ),
]

ROUNDS = 3
WRITERS = 4


@pytest.fixture
def token(db):
    editor = make_editor(username="racer", password="!")
    return ApiToken.issue(editor, name="races", scope=ApiToken.Scope.WRITE)[1]


def api(live_server, token, method, path, body=None):
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    return lambda: send(f"{live_server.url}/api/v1/{path}", method, body, headers)


def assert_no_server_errors(results):
    statuses = [r[0] if isinstance(r, tuple) else repr(r) for r in results]
    assert all(isinstance(s, int) and s < 500 for s in statuses), statuses
    for status, headers, body in results:
        if status >= 400:
            assert headers["Content-Type"].startswith("application/json"), body
            assert body["status"] == status
    return statuses


def test_parallel_creates_with_one_slug_make_one_skill_and_409s(live_server, token):
    for round_ in range(ROUNDS):
        slug = f"race-{round_}"
        body = {"slug": slug, "name": f"Race {round_}"}
        results = in_parallel([api(live_server, token, "POST", "skills/", body)] * WRITERS)
        statuses = assert_no_server_errors(results)
        assert statuses.count(201) == 1, statuses
        assert set(statuses) <= {201, 400, 409}, statuses
        for status, _, body_ in results:
            if status == 409:
                assert "slug" in body_["errors"], body_
        assert Skill.objects.filter(slug=slug).count() == 1


def test_parallel_creates_with_one_external_id_make_one_skill(live_server, token):
    for round_ in range(ROUNDS):
        uri = f"http://example.org/race/{round_}"
        calls = [
            api(
                live_server,
                token,
                "POST",
                "skills/",
                {"slug": f"x{round_}-{n}", "name": f"X {round_}", "external_id": uri},
            )
            for n in range(WRITERS)
        ]
        statuses = assert_no_server_errors(in_parallel(calls))
        assert statuses.count(201) == 1, statuses
        assert Skill.objects.filter(external_id=uri).count() == 1


def test_two_renames_to_one_slug_one_wins(live_server, token):
    for round_ in range(ROUNDS):
        first, second = SkillFactory(), SkillFactory()
        target = {"slug": f"renamed-{round_}"}
        results = in_parallel(
            [
                api(live_server, token, "PATCH", f"skills/{first.slug}/", target),
                api(live_server, token, "PATCH", f"skills/{second.slug}/", target),
            ]
        )
        statuses = assert_no_server_errors(results)
        assert sorted(statuses)[0] == 200 and sorted(statuses)[1] in (400, 409), statuses
        assert Skill.objects.filter(slug=target["slug"]).count() == 1


def test_linking_a_skill_while_it_is_deleted_is_a_conflict_not_a_500(live_server, token):
    for _ in range(ROUNDS):
        skill, doomed = SkillFactory(), SkillFactory()
        results = in_parallel(
            [
                api(
                    live_server, token, "PATCH", f"skills/{skill.slug}/", {"related": [doomed.slug]}
                ),
                api(live_server, token, "DELETE", f"skills/{doomed.slug}/"),
            ]
        )
        statuses = assert_no_server_errors(results)
        assert statuses[0] in (200, 400, 409) and statuses[1] in (204, 409), statuses
        if statuses[1] == 204:  # whoever came second, no link points at a deleted skill
            assert not Skill.objects.filter(pk=doomed.pk).exists()
            assert list(skill.related.all()) == []
