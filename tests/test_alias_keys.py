"""One rule for "the same alias ignoring case" (taxonomy.alias_keys), applied by validation and
enforced by the database alike, on SQLite and PostgreSQL."""

import pytest
from django.db import IntegrityError, transaction

from taxonomy.alias_keys import alias_key
from taxonomy.models import SkillAlias

from .factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_dotted_capital_i_and_i_are_two_aliases_through_the_api(editor_api_client):
    """Before: validation (casefold) let the pair through and PostgreSQL's lower() made it a 500."""
    body = {"slug": "dotted", "name": "x", "aliases": ["\u0130", "i"]}
    response = editor_api_client.post("/api/v1/skills/", body, format="json")
    assert response.status_code == 201, response.content
    assert sorted(response.json()["aliases"]) == ["i", "\u0130"]


@pytest.mark.parametrize("pair", [["SQL", "sql"], ["Straße", "STRASSE"], ["\u0130", "I\u0307"]])
def test_aliases_the_key_calls_equal_are_a_field_error_in_the_api(editor_api_client, pair):
    body = {"slug": "dup", "name": "x", "aliases": pair}
    response = editor_api_client.post("/api/v1/skills/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["aliases"]


def test_the_database_enforces_the_same_key():
    skill = SkillFactory()
    SkillAlias.objects.create(skill=skill, term="Straße")
    with pytest.raises(IntegrityError), transaction.atomic():
        SkillAlias.objects.bulk_create([SkillAlias(skill=skill, term="STRASSE")])
    SkillAlias.objects.create(skill=skill, term="i")
    SkillAlias.objects.create(skill=skill, term="\u0130")
    assert skill.aliases.count() == 3


def test_the_key_is_stored_on_save_and_bulk_create():
    skill = SkillFactory()
    SkillAlias.objects.create(skill=skill, term="E\u0301cole")
    SkillAlias.objects.bulk_create([SkillAlias(skill=skill, term="ÉCOLES")])
    assert sorted(skill.aliases.values_list("key", flat=True)) == ["école", "écoles"]
    assert alias_key("E\u0301cole") == alias_key("école")


@pytest.mark.parametrize(("aliases", "saved"), [(("ß", "SS"), False), (("\u0130", "i"), True)])
def test_admin_applies_the_same_key(editor_client, aliases, saved):
    from .test_admin import ADD_URL, skill_form

    response = editor_client.post(ADD_URL, skill_form(aliases=aliases))
    assert response.status_code == (302 if saved else 200)
    assert SkillAlias.objects.filter(term__in=aliases).count() == (2 if saved else 0)
