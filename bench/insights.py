"""Benchmark: the dashboards and the nightly open-data job on the region data set
(bench/region_data.py: 314,000 residents, 1 million cases, 5 million contact moments,
500,000 reports, 1 million tickets, 300,000 appointments, 150,000 happiness answers and
200,000 answers after a service, at scale 1).

1. The hourly figures (`insights.figures.figures_refresh`): its duration, beside the floor:
   the same aggregate queries run as bare SELECTs (no insert, no lock).
2. Every dashboard page, in-process (Django test client, signed in as `kortrijk.admin` for
   Kortrijk's dashboard and as `zwvl.admin` for the regional comparison), last twelve
   months: the page, one chart as SVG and as CSV; p50/p95 beside the floor: the page's SQL
   replayed on one connection.
3. The nightly open-data job (`opendata.services.open_data_publish` for the region): its
   duration, beside the floor: the builders' SELECTs replayed on one connection.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_region \\
        .venv/bin/python bench/insights.py [--requests 40]

Targets (the issue): every dashboard page p95 ≤ 500 ms; the nightly open-data job ≤ 5 min.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crm_360 import SqlTimer
from reports_common import django_setup, machine, machine_line, percentile

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_region"
PAGE_TARGET_MS = 500.0
JOB_TARGET_S = 300.0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _ms(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction) * 1000:.1f}" if values else "-"


def _replay(statements: list[tuple[str, Any]]) -> float:
    """The SELECTs of `statements` on one connection, in a transaction rolled back."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement, params in statements:
            if statement.lstrip().upper().startswith(("SELECT", "WITH")):
                cursor.execute(statement, params)
                cursor.fetchall()
        transaction.set_rollback(True)
    return time.perf_counter() - started


def figures() -> dict[str, float]:
    from django.conf import settings
    from django.db import connection

    from loket.insights.figures import MEASURES, figures_refresh

    seconds = figures_refresh()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in MEASURES.values():
            cursor.execute(f"SELECT count(*) FROM ({sql}) measure", {"tz": settings.TIME_ZONE})
            cursor.fetchone()
    return {"refresh": seconds, "floor": time.perf_counter() - started}


def _client(username: str) -> Any:
    from django.conf import settings
    from django.test import Client

    from loket.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from pages import second_factor_proved

    client = Client()
    user = User.objects.get(username=username)
    client.force_login(user)
    second_factor_proved(client.session, user.pk)
    return client


def pages(requests: int) -> list[dict[str, Any]]:
    from django.db import connection

    from loket.tenancy.models import Municipality

    kortrijk = Municipality.objects.get(nis_code="34022")
    today = dt.date.today()
    first = (today.replace(day=1) - dt.timedelta(days=330)).replace(day=1)
    period = f"van={first:%Y-%m}&tot={today:%Y-%m}"
    base = f"/backoffice/inzichten/{kortrijk.pk}"
    region = "/backoffice/inzichten/regio"
    cases = [
        ("kortrijk.admin", "dashboard of a municipality (9 charts)", f"{base}/?{period}"),
        ("kortrijk.admin", "a chart as SVG (requests)", f"{base}/aanvragen.svg?{period}"),
        ("kortrijk.admin", "a chart as CSV (reports)", f"{base}/meldingen.csv?{period}"),
        ("zwvl.admin", "regional comparison (13 municipalities)", f"{region}/?{period}"),
        ("zwvl.admin", "a comparison chart as SVG", f"{region}/digitaal.svg?{period}"),
    ]
    results = []
    for username, label, path in cases:
        client = _client(username)
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        statements = timer.statements
        total, sql, floor = [], [], []
        for _ in range(requests):
            timer = SqlTimer()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                response = client.get(path)
            total.append(time.perf_counter() - started)
            sql.append(timer.seconds)
            assert response.status_code == 200
            floor.append(_replay(statements))
        results.append(
            {
                "label": label,
                "queries": len(statements),
                "total": total,
                "sql": sql,
                "floor": floor,
            }
        )
    return results


def open_data() -> dict[str, float]:
    from django.db import connection

    from loket.opendata.services import open_data_publish

    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        result = open_data_publish(region_slug="zuid-west-vlaanderen")
    return {
        "seconds": result.seconds,
        "files": float(result.files),
        "floor": _replay(timer.statements),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="per page")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("LOKET_MODE", "demo")
    django_setup()
    from region_data import state

    built = state()
    if "satisfaction answers" not in built:
        sys.exit("build the data set first: bench/region_data.py")
    print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    print(f"machine: {machine_line(machine())}")
    print(
        "data set: scale "
        + str(built["satisfaction answers"][2])
        + ", "
        + ", ".join(f"{step} {rows:,}" for step, (rows, _s, _sc) in built.items()),
        flush=True,
    )
    print(f"load before: {_uptime()}", flush=True)
    refresh = figures()
    print(
        f"figures refresh {refresh['refresh']:.1f} s; floor (the aggregates as bare SELECTs) "
        f"{refresh['floor']:.1f} s; ratio {refresh['refresh'] / refresh['floor']:.2f}",
        flush=True,
    )
    measured = pages(options.requests)
    job = open_data()
    print(f"load after: {_uptime()}", flush=True)
    lines = [
        "| page | queries | p50 ms | p95 ms | SQL p50 ms | floor p50 ms | floor p95 ms "
        "| p95 / floor p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    worst = 0.0
    for page in measured:
        p95 = percentile(page["total"], 0.95)
        worst = max(worst, p95)
        lines.append(
            f"| {page['label']} | {page['queries']} | {_ms(page['total'], 0.5)} | "
            f"{_ms(page['total'], 0.95)} | {_ms(page['sql'], 0.5)} | {_ms(page['floor'], 0.5)} | "
            f"{_ms(page['floor'], 0.95)} | {p95 / percentile(page['floor'], 0.95):.1f} |"
        )
    print("\n".join(lines))
    print(
        f"\nopen-data job for the region: {job['seconds']:.1f} s for {job['files']:.0f} files; "
        f"floor (its SELECTs replayed) {job['floor']:.1f} s; ratio "
        f"{job['seconds'] / job['floor']:.2f}"
    )
    print(
        f"worst dashboard page p95 {worst * 1000:.1f} ms (target {PAGE_TARGET_MS:.0f} ms): "
        f"{'met' if worst * 1000 <= PAGE_TARGET_MS else 'NOT met'}; open-data job "
        f"{job['seconds']:.1f} s (target {JOB_TARGET_S:.0f} s): "
        f"{'met' if job['seconds'] <= JOB_TARGET_S else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
