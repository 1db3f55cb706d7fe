#!/usr/bin/env bash
# Benchmarks of Loket (`make bench-data`, `make bench`). Each scenario uses its own
# database on the PostgreSQL server in BENCH_SERVER (default: the one on 127.0.0.1:5432)
# whose name contains "bench", and writes its measured figures into BENCHMARKS.md with the
# machine and the date. Scenarios run one after the other so they do not disturb each other.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
SERVER="${BENCH_SERVER:-postgres://postgres@127.0.0.1:5432}"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

data() {
  step "reports: 500,000 reports"
  DATABASE_URL="$SERVER/loket_bench" $PY bench/reports_data.py --reports 500000
  step "the region (314,000 residents, 1,000,000 cases, 5,000,000 contact moments, 500,000 reports, 1,000,000 tickets, …)"
  DATABASE_URL="$SERVER/loket_bench_region" $PY bench/region_data.py ${REGION_SCALE:+--scale "$REGION_SCALE"}
  step "back-office pages: the whole demo topped up to region scale (100,000 reports, 30,000 cases, 50,000 residents)"
  DATABASE_URL="$SERVER/loket_bench_pages" $PY bench/pages.py --data-only
}

all() {
  data
  step "reports: point routing (100,000 points)"
  DATABASE_URL="$SERVER/loket_bench" $PY bench/reports_routing.py --write
  step "reports: Open311 request list with filters"
  DATABASE_URL="$SERVER/loket_bench" $PY bench/reports_open311.py --write
  step "reports: intake rate"
  DATABASE_URL="$SERVER/loket_bench" $PY bench/reports_intake.py --floor --write
  step "cases: department work queue over 100,000 cases"
  DATABASE_URL="$SERVER/loket_bench_cases" $PY bench/cases_workqueue.py --cases 100000 --rounds 30 --write
  step "documents: full-text search over 250,000 documents"
  DATABASE_URL="$SERVER/loket_bench_docs" $PY bench/documents_search.py --documents 250000 --write
  step "notifications: delivery rate with 2 workers"
  DATABASE_URL="$SERVER/postgres" $PY bench/notify_delivery.py --messages 5000 --workers 2 --concurrency 4
  step "activities: registration rush, 3,000 attempts for 400 places over HTTP (both strategies)"
  (cd bench && DATABASE_URL="$SERVER/loket_bench_activities" ../$PY activities_rush.py)
  step "residents: search by name over 314,000 residents, beside the raw pg_trgm query"
  (cd bench && DATABASE_URL="$SERVER/loket_bench_people" ../$PY people_search.py)
  step "contact centre: the work queue over 100,000 questions of 13 municipalities"
  DATABASE_URL="$SERVER/loket_bench_cc" $PY bench/crm_contact_centre.py --questions 100000 --rounds 30 --write
  step "proactive service: the nightly run over 314,000 residents"
  (cd bench && DATABASE_URL="$SERVER/loket_bench_proactive" ../$PY crm_proactive.py)
  step "dashboards and open data over the region data set"
  DATABASE_URL="$SERVER/loket_bench_region" $PY bench/insights.py
  step "CRM: the 360° view of residents with 200 timeline items, over the region data set"
  DATABASE_URL="$SERVER/loket_bench_region" $PY bench/crm_360.py
  step "back-office pages: every list and detail page over HTTP (gunicorn, 4 clients) and in-process"
  DATABASE_URL="$SERVER/loket_bench_pages" $PY bench/pages.py --requests 40 --runs 3
  DATABASE_URL="$SERVER/loket_bench_pages" $PY bench/pages.py --in-process --requests 30
  step "walk-in queue: waiting-time estimate over 50 simulated days"
  PYTHONPATH=src $PY bench/queue_estimate.py --days 50
  PYTHONPATH=src $PY bench/queue_independent.py --days 30
  step "assistant: accuracy on the development set (test part) and service latency"
  $PY bench/assistant/evaluate_independent.py --devset-test
  DATABASE_URL="$SERVER/loket_bench" $PY bench/assistant/latency_service.py
}

case "${1:-all}" in
  data) data ;;
  all) all ;;
  *) echo "usage: bench/run.sh [data|all]" >&2; exit 2 ;;
esac
