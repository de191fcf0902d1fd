"""schemathesis fuzzes every API operation in-process from /api/schema/: no 5xx, no response
that breaks the schema. Bounded (max_examples, derandomized) so a database pass stays quick.

Reads run as a visitor; writes run as an editor with a token, against a small fixed taxonomy.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.models import ApiToken

from .factories import (
    CategoryFactory,
    InterviewQuestionFactory,
    JobTitleFactory,
    SkillAliasFactory,
    make_editor,
)
from .factories import SkillFactory as Skill

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
HOST = "localhost"  # what schemathesis' in-process WSGI client sends
BOUNDED = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def connection_kept_inside_the_test_transaction():
    """As Django's test client does: a request ending must not close the test's connection
    (schemathesis calls the WSGI app directly, so request_finished would close it)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def fuzzable_site(db, settings):
    """A little content to find, no throttling, and the Host schemathesis sends allowed."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None},
    }
    category = CategoryFactory(slug="diplomacy", parent=CategoryFactory(slug="government"))
    skill = Skill(slug="mediation", category=category, job_titles=[JobTitleFactory()])
    skill.related.set([Skill(status="draft")])
    SkillAliasFactory(skill=skill)
    InterviewQuestionFactory(skill=skill)


@pytest.fixture
def editor_token(db):
    _, key = ApiToken.issue(
        make_editor(username="fuzz-editor", password="!"), name="fuzz", scope="write"
    )
    return key


# Loaded once at collection, from the app itself (the schema view needs no database).
with override_settings(ALLOWED_HOSTS=[HOST], SECURE_SSL_REDIRECT=False):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.include(method="GET").parametrize()
@BOUNDED
def test_reads_never_fail_and_match_the_schema(case):
    case.call_and_validate(checks=CHECKS)


@schema.exclude(method="GET").parametrize()
@BOUNDED
def test_editor_writes_never_fail_and_match_the_schema(case, editor_token):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Token {editor_token}"})
