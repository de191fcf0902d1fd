# Skill Atlas: `make run` serves the demo on SQLite, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first Python >= 3.12 on PATH (pyenv reads .python-version and offers 3.13).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$p; break; fi; done)
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/skillatlas
TEST_SECRET_KEY := test-only-secret-key-not-for-production
CONTENT_FIXTURES := $(sort $(wildcard fixtures/*.json))

.PHONY: run serve test lint schema format install install-dev migrate demo clean lighthouse

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Skill Atlas needs Python 3.12 or newer, and none was found on PATH." >&2; \
		echo "Install Python 3.13 (for example with pyenv: pyenv install 3.13) and run make again." >&2; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: export DEBUG := 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_taxonomy --keep-existing $(CONTENT_FIXTURES)
	@echo ""
	@echo "Demo content loaded. To edit it in /admin/, create an editor account with:"
	@echo "    DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo "then sign in and set up an authenticator app on the page that follows (README: Editing)."
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: the environment supplies SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, ... (README).
serve: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn -c config/gunicorn.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# The committed OpenAPI schema (docs/openapi.yaml): regenerate after a deliberate API change,
# then say what changed in CHANGELOG.md. tests/test_api_schema.py fails while they differ.
schema: install-dev
	SECRET_KEY=$(TEST_SECRET_KEY) $(BIN)/python manage.py spectacular --validate --fail-on-warn \
		--file docs/openapi.yaml

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# SQLite and PostgreSQL side by side when one answers (REQUIRE_POSTGRES=1 makes its absence an
# error): the passes share nothing but the CPU, so on two cores the whole run takes little more
# than the longer pass. SQLite's output is kept in .test-sqlite.log and printed after PostgreSQL's;
# it collects static files into a folder of its own, since both passes collect them at once.
SQLITE_TESTS = SECRET_KEY=$(TEST_SECRET_KEY) DATABASE_URL=sqlite:///$(CURDIR)/test-db.sqlite3 \
	STATIC_ROOT=$(CURDIR)/.test-static-sqlite $(BIN)/python -m pytest $(PYTEST_ARGS)
POSTGRES_TESTS = SECRET_KEY=$(TEST_SECRET_KEY) DATABASE_URL=$(POSTGRES_URL) \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint
	@if $(BIN)/python scripts/postgres_ready.py "$(POSTGRES_URL)"; then \
		echo "== SQLite (output below, when done) and PostgreSQL: $(POSTGRES_URL)"; \
		$(SQLITE_TESTS) > .test-sqlite.log 2>&1 & sqlite=$$!; \
		$(POSTGRES_TESTS); postgres=$$?; \
		wait $$sqlite; lite=$$?; \
		echo "== SQLite"; cat .test-sqlite.log; \
		echo "== SQLite: $$([ $$lite = 0 ] && echo passed || echo FAILED)," \
			"PostgreSQL: $$([ $$postgres = 0 ] && echo passed || echo FAILED)"; \
		[ $$lite = 0 ] && [ $$postgres = 0 ]; \
	elif [ "$(REQUIRE_POSTGRES)" = "1" ]; then \
		echo "PostgreSQL at $(POSTGRES_URL) is not reachable and REQUIRE_POSTGRES=1." >&2; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $(POSTGRES_URL): skipped (set REQUIRE_POSTGRES=1 to fail)."; \
		$(SQLITE_TESTS); \
	fi

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-db.sqlite3 .test-sqlite.log .test-static-sqlite .pytest_cache .ruff_cache
