"""How PostgreSQL's planner prices reading by index, set on every connection.

PostgreSQL's default ``random_page_cost`` of 4 prices a random read at four sequential ones,
as for spinning disks. Skill Atlas's tables fit in memory many times over, where the two cost
about the same; at 4 the planner flipped between plans on small differences in table size. After
a table was rewritten (a migration, ``VACUUM FULL``) the home page's area counts and
``/categories/`` scanned every skill once per area: 27 and 52 ms of SQL at ESCO size, against
6 and 5 ms at 1.1, the value PostgreSQL's documentation suggests for data in memory or on SSDs.
``DB_RANDOM_PAGE_COST`` sets it (0: leave the server's own setting).
"""

DEFAULT_RANDOM_PAGE_COST = 1.1


def with_planner_costs(database, random_page_cost):
    """``database`` (a DATABASES entry) with the cost in its OPTIONS (PostgreSQL only)."""
    if "postgresql" not in database.get("ENGINE", "") or not random_page_cost:
        return database
    options = dict(database.get("OPTIONS", {}))
    setting = f"-c random_page_cost={float(random_page_cost)}"
    options["options"] = f"{options.get('options', '')} {setting}".strip()
    return {**database, "OPTIONS": options}
