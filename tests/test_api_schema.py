"""The OpenAPI schema is valid and complete, and the Swagger UI loads nothing from outside."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api_client):
    return yaml.safe_load(api_client.get("/api/schema/").content)


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))

    assert (tmp_path / "s.yaml").read_text().startswith("openapi: 3")


def test_committed_schema_is_the_one_the_code_serves(tmp_path):
    """docs/openapi.yaml is the API's contract: an API change must update it (``make schema``)
    and say why in CHANGELOG.md, so no change reaches clients by accident."""
    committed = Path(settings.BASE_DIR, "docs", "openapi.yaml").read_text(encoding="utf-8")
    call_command("spectacular", "--file", str(tmp_path / "generated.yaml"))

    generated = (tmp_path / "generated.yaml").read_text(encoding="utf-8")
    assert generated == committed, "the API schema changed: run `make schema`, update CHANGELOG.md"


def test_every_endpoint_is_in_the_schema(schema):
    assert set(schema["paths"]) == {
        "/api/v1/skills/",
        "/api/v1/skills/{slug}/",
        "/api/v1/skills/{slug}/history/",
        "/api/v1/kits/",
        "/api/v1/extract/",
        "/api/v1/changes/",
        "/api/v1/categories/",
        "/api/v1/categories/{slug}/",
        "/api/v1/job-titles/",
        "/api/v1/job-titles/{slug}/",
        "/api/v1/interview-questions/",
        "/api/v1/interview-questions/{id}/",
    }


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_skill_writes_document_every_error_status(schema, method):
    responses = schema["paths"]["/api/v1/skills/{slug}/"][method]["responses"]

    assert {"401", "403", "404", "412", "429"} <= set(responses)


def test_skill_list_documents_its_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/skills/"]["get"]["parameters"]}

    assert names >= {"q", "category", "job_title", "updated_since", "status", "ordering", "page"}


def test_docs_page_and_its_script_reference_only_local_urls(api_client):
    page = api_client.get("/api/docs/")
    script = api_client.get("/api/docs/", {"script": ""})
    text = page.content.decode() + script.content.decode()

    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", text) + re.findall(
        r"""["']?url["']?:\s*["']([^"']+)""", text
    )

    assert page.status_code == 200 and script.status_code == 200
    assert any("swagger-ui" in url for url in urls)
    assert "/api/schema/" in urls
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert "https://" not in text and "http://" not in text.replace("http://localhost", "")
