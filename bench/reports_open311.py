"""Benchmark: `GET /open311/v2/requests.json` with date, status and service filters over
500,000 reports in the region.

Loads the data when needed (bench/reports_data.py), starts gunicorn with 2 workers on the
benchmark database, and times requests one after the other over HTTP, for several filter
combinations, after a warm-up round. Every answer is checked (status 200, JSON list).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench \\
        .venv/bin/python bench/reports_open311.py [--reports 500000] [--rounds 200] [--write]

--write puts the figures in BENCHMARKS.md ("Reports and Open311").
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import random
import statistics
import time
import urllib.parse

from reports_common import Server, django_setup, machine, machine_line, percentile, section_write
from reports_data import REGION, load, prepare

TARGET_P95_MS = 50.0


def _scenarios(codes: list[str], rng: random.Random) -> dict[str, callable]:  # type: ignore[valid-type]
    now = dt.datetime.now(dt.UTC)

    def window(days_back: int, span: int) -> dict[str, str]:
        start = now - dt.timedelta(days=days_back)
        return {
            "start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end_date": (start + dt.timedelta(days=span)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }

    return {
        "no filter (last 90 days, first page of 1,000)": lambda: {},
        "status=open, last 30 days": lambda: {"status": "open", **window(30, 30)},
        "status=closed, a random 90-day window": lambda: {
            "status": "closed", **window(rng.randint(90, 700), 90)
        },
        "service_code (1) + status=open, random 60 days": lambda: {
            "service_code": rng.choice(codes), "status": "open", **window(rng.randint(60, 700), 60)
        },
        "service_code (3) + status=closed + dates, page 2 of 100": lambda: {
            "service_code": ",".join(rng.sample(codes, 3)), "status": "closed",
            **window(rng.randint(90, 700), 90), "page_size": "100", "page": "2",
        },
        "jurisdiction = Kortrijk (NIS) + status + dates": lambda: {
            "jurisdiction_id": "34022", "status": rng.choice(["open", "closed"]),
            **window(rng.randint(30, 700), 30),
        },
    }  # fmt: skip


def _get(connection: http.client.HTTPConnection, params: dict[str, str]) -> tuple[float, int, int]:
    query = urllib.parse.urlencode({"jurisdiction_id": REGION, **params})
    started = time.perf_counter()
    connection.request("GET", f"/open311/v2/requests.json?{query}")
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise SystemExit(f"{query}: HTTP {response.status} {body[:300]!r}")
    return elapsed, len(json.loads(body)), len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    django_setup()
    setup = prepare()
    loaded = load(setup["region"], options.reports)
    from loket.reports.models import Category, Report

    total = Report.objects.filter(region=setup["region"]).count()
    codes = list(
        Category.objects.filter(
            region=setup["region"], children__isnull=True, default_visibility="public"
        ).values_list("code", flat=True)
    )
    rng = random.Random(311)
    scenarios = _scenarios(codes, rng)
    results = {}
    with Server(workers=2) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for make in scenarios.values():  # warm-up: every worker, every query plan
            for _ in range(10):
                _get(connection, make())
        for name, make in scenarios.items():
            timings, rows, sizes = [], [], []
            for _ in range(options.rounds):
                elapsed, count, size = _get(connection, make())
                timings.append(elapsed)
                rows.append(count)
                sizes.append(size)
            results[name] = (timings, rows, sizes)
    info = machine()
    seconds = loaded["seconds"]
    load_note = f"loaded in {seconds:.0f} s" if seconds else "already loaded"
    command = (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench .venv/bin/python "
        f"bench/reports_open311.py --reports {options.reports} --rounds {options.rounds} --write"
    )
    lines = [
        f"`GET /open311/v2/requests.json` over {total:,} reports in the region "
        f"(target p95 ≤ {TARGET_P95_MS:.0f} ms).",
        f"Measured {dt.date.today().isoformat()} on {machine_line(info)}; gunicorn with 2 sync",
        "workers on the same machine, requests one after the other over HTTP",
        f"({options.rounds} per row, after a warm-up). Data: `bench/reports_data.py`",
        f"({loaded['reports']:,} reports over two years, COPY; {load_note}).",
        f"Command: `{command}`",
        "",
        "| filters | rows returned (median) | body (median) | p50 | p95 | p99 |",
        "|---|---|---|---|---|---|",
    ]
    worst_p95 = 0.0
    for name, (timings, rows, sizes) in results.items():
        p95 = percentile(timings, 0.95)
        worst_p95 = max(worst_p95, p95)
        cells = [
            name,
            f"{statistics.median(rows):,.0f}",
            f"{statistics.median(sizes) / 1024:,.0f} KiB",
            f"{percentile(timings, 0.5):.1f} ms",
            f"{p95:.1f} ms",
            f"{percentile(timings, 0.99):.1f} ms",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    verdict = "meets" if worst_p95 <= TARGET_P95_MS else "MISSES"
    lines += ["", f"Result: {verdict} the target (worst p95 {worst_p95:.1f} ms)."]
    body = "\n".join(lines)
    print(body)
    if options.write:
        section_write("Open311 requests list", body)


if __name__ == "__main__":
    main()
