# The two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# One xdist worker per core. Tried cores + 1 (fresh-clone CI on 2 cores, 2026-11-27): SQLite 7:59 → 7:50, but
# PostgreSQL 9:09 → 10:05 (the server competes for the same cores) — slower overall.
PYTEST_WORKERS ?= auto
export ZWFW_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test test-sqlite test-postgres install migrate seed lint bench drill clean help

help:
	@echo "make run    - install, migrate, load the Jingtai demonstration data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - the whole test suite on SQLite, then on PostgreSQL when DATABASE_URL is set"
	@echo "make lint   - ruff"
	@echo "make bench  - HTTP benchmarks (see bench/README.md)"
	@echo "make drill  - SIGKILL drill: every acknowledged submission exists exactly once (bench/README.md)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required (found %s)" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_jingtai

run: seed
	@echo "景泰政务服务网: http://127.0.0.1:$(PORT)/  (demo accounts: docs/demo-accounts.md)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# pytest's exit code 5 ("no tests ran") is non-zero, so make fails on it as on any failure.
test: install node_modules/.installed
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) test-postgres; else echo "DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: install node_modules/.installed
	@echo "=== tests on SQLite ==="
	env -u DATABASE_URL $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install node_modules/.installed
	@echo "=== tests on PostgreSQL ($$(echo $$DATABASE_URL | sed -E 's#//[^@]*@#//#')) ==="
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

drill: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.drill $(DRILL_ARGS)

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
