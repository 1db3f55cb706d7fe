#!/usr/bin/env bash
# The one test command (`make test`, also run by CI): lint, types, layers, migrations, then pytest
# (unit, API and browser tests) against real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

section() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

# Browser tests drive Debian's chromium. Install it when missing and we can (root).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    section "Installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "WARNING: could not install chromium"
  fi
fi
if [ ! -x /usr/bin/chromium ]; then
  printf '\n\033[1;31m!!! /usr/bin/chromium is missing: the BROWSER TESTS WILL BE SKIPPED !!!\033[0m\n'
  printf '\033[1;31m!!! Install it with: sudo apt-get install chromium                  !!!\033[0m\n\n'
fi

section "ruff"
$BIN/ruff check src tests bench
$BIN/ruff format --check src tests bench

section "mypy (strict) on src/"
$BIN/mypy src

section "layers (import-linter, pyproject.toml [tool.importlinter])"
$BIN/lint-imports

# The database named in DATABASE_URL must exist for the migration check (tests make their own).
if [ -n "${DATABASE_URL:-}" ]; then
  $BIN/python - <<'PY'
import os

import psycopg
from psycopg import sql

base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PY
fi

section "migrations are complete"
$BIN/loket makemigrations --check --dry-run

section "translations are compiled and complete (nl, fr)"
$BIN/python scripts/check_translations.py --require-complete

section "pytest"
$BIN/pytest "$@"
