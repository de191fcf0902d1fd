"""Every PostgreSQL connection prices index reads for data held in memory (ops/db_planner.py),
beside its time limits."""

import pytest
from django.db import connection

from ops.db_planner import with_planner_costs

POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_connections_use_the_in_memory_cost_and_keep_their_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        cost = cursor.fetchone()[0]
        cursor.execute("SHOW statement_timeout")
        timeout = cursor.fetchone()[0]

    assert float(cost) == 1.1
    assert timeout != "0"


def test_the_cost_joins_options_already_given():
    database = {**POSTGRES, "OPTIONS": {"options": "-c statement_timeout=20000"}}

    options = with_planner_costs(database, 1.1)["OPTIONS"]["options"]

    assert options == "-c statement_timeout=20000 -c random_page_cost=1.1"
    assert database["OPTIONS"]["options"] == "-c statement_timeout=20000"  # not changed in place


def test_zero_leaves_the_server_setting_and_sqlite_has_none():
    assert with_planner_costs(POSTGRES, 0) == POSTGRES
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    assert with_planner_costs(sqlite, 1.1) == sqlite
