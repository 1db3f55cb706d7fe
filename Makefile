# Loket — the two commands a newcomer needs: `make demo` and `make test`.
# Every target creates and reuses the virtualenv in .venv by itself.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo run worker test test-fast lint format check-migrations openapi messages bench bench-data clean-demo help

help:
	@echo "make demo    start the demo region at http://$(HOST):$(PORT) (web server + worker)"
	@echo "make test    run the whole test suite (lint, types, migrations, OpenAPI, unit, API, browser)"
	@echo "make test-fast  pytest without the browser and slow tests (the loop while you work)"
	@echo "make clean-demo remove the demo's data folder and embedded database (asks nothing)"
	@echo "make run     run the web server with the current configuration"
	@echo "make worker  run one background worker"
	@echo "make lint    ruff and mypy on src/"
	@echo "make bench   run the benchmarks (see BENCHMARKS.md)"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	LOKET_MODE=demo $(BIN)/loket migrate --noinput
	LOKET_MODE=demo $(BIN)/loket demo_load
	LOKET_MODE=demo $(BIN)/loket demo_serve --host $(HOST) --port $(PORT)

run: $(STAMP)
	$(BIN)/loket migrate --noinput
	$(BIN)/loket runserver $(HOST):$(PORT)

worker: $(STAMP)
	$(BIN)/loket procrastinate worker

test: $(STAMP)
	@bash scripts/test.sh

# The loop while you work: no browser tests, no tests marked slow (it names the ten slowest
# that are left). `make test` runs them all.
# Two workers (one per core here), each with its own test database; a test module stays on
# one worker so its module-wide fixtures are built once.
test-fast: $(STAMP)
	$(BIN)/pytest -q -n 2 --dist loadfile -m "not e2e and not slow" --durations=10

# Stops the embedded PostgreSQL server and deletes LOKET_DATA_DIR; refuses when DATABASE_URL
# is set or the folder does not look like Loket's (see scripts/clean_demo.py).
clean-demo: $(STAMP)
	$(BIN)/python scripts/clean_demo.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

check-migrations: $(STAMP)
	$(BIN)/loket makemigrations --check --dry-run

openapi: $(STAMP)
	$(BIN)/loket openapi_export

messages: $(STAMP)
	cd src/loket && ../../$(BIN)/loket makemessages -l nl -l fr -l en --no-obsolete --ignore "migrations/*"
	cd src/loket && ../../$(BIN)/loket compilemessages

bench-data: $(STAMP)
	@bash bench/run.sh data

bench: $(STAMP)
	@bash bench/run.sh all
