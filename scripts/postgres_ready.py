"""Exit 0 when the PostgreSQL at the given URL answers, 1 otherwise (used by `make test`)."""

import sys

import environ
import psycopg2


def main(url):
    config = environ.Env.db_url_config(url)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
