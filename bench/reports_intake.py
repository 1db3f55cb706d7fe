"""Benchmark: report intake (no photo), sustained, through Open311 `POST requests.json`.

Starts gunicorn with 3 sync workers on the benchmark database (on this 2-core machine the
load generator and PostgreSQL share the cores: 4 workers and 6 clients measured slower)
and has client threads on the same machine post reports (form-encoded, an
api_key, a random point in a random municipality of the region, a random category,
a description and the reporter's e-mail) for --seconds. Each report is placed with the
boundary index, routed, stored with its history, and its reporter queued for an e-mail,
as in real use. Reports/s is counted per 10-second window; the slowest window is the
sustained rate.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench \\
        .venv/bin/python bench/reports_intake.py [--seconds 60] [--workers 3] [--clients 4] \\
        [--write]

The reports made here are deleted afterwards. --write puts the figures in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import random
import statistics
import threading
import time
import urllib.parse

from reports_common import Server, django_setup, machine, machine_line, percentile, section_write
from reports_data import REGION, _points, prepare

TARGET_PER_SECOND = 150
INTAKE_DEVICE = "loket-bench-intake"
WINDOW = 10


def _payloads(region: object, key: str, count: int) -> list[bytes]:
    from loket.reports.models import Category
    from loket.tenancy.models import Municipality

    rng = random.Random(150)
    municipalities = list(Municipality.objects.filter(region=region).order_by("nis_code"))
    codes = list(
        Category.objects.filter(region=region, children__isnull=True, is_active=True).values_list(
            "code", flat=True
        )
    )
    payloads = []
    for number, (_municipality_id, latitude, longitude) in enumerate(
        _points(municipalities, count, rng)
    ):
        payloads.append(
            urllib.parse.urlencode(
                {
                    "api_key": key,
                    "jurisdiction_id": REGION,
                    "service_code": rng.choice(codes),
                    "lat": latitude,
                    "long": longitude,
                    "description": f"Benchmarkmelding {number}",
                    "email": f"melder{number % 500}@example.test",
                    "device_id": INTAKE_DEVICE,
                }
            ).encode()
        )
    return payloads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    django_setup()
    setup = prepare()
    from loket.reports.models import Report, ReportEvent
    from loket.reports.services import open311_client_create

    region = setup["region"]
    _client, key = open311_client_create(
        actor=None, region=region, name="Benchmark", requests_per_minute=100_000
    )
    payloads = _payloads(region, key, 5_000)
    finished: list[tuple[float, float]] = []  # (end time, latency ms)
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = 0.0

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.perf_counter() < stop_at:
            body = rng.choice(payloads)
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            started = time.perf_counter()
            connection.request(
                "POST",
                "/open311/v2/requests.json",
                body=body,
                headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            )
            response = connection.getresponse()
            text = response.read()
            ended = time.perf_counter()
            connection.close()
            with lock:
                if response.status == 200:
                    finished.append((ended, (ended - started) * 1000))
                else:
                    failures.append(f"{response.status} {text[:200]!r}")

    with Server(workers=options.workers) as server:
        stop_at = time.perf_counter() + 5  # warm-up: every worker builds its boundary index
        warm = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        finished.clear()
        begin = time.perf_counter()
        stop_at = begin + options.seconds
        threads = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - begin
    made = Report.objects.filter(device_id=INTAKE_DEVICE).count()
    ReportEvent.objects.filter(report__device_id=INTAKE_DEVICE).delete()
    Report.objects.filter(device_id=INTAKE_DEVICE).delete()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    windows = [0] * max(1, int(options.seconds // WINDOW))
    for ended, _latency in finished:
        slot = int((ended - begin) // WINDOW)
        if slot < len(windows):
            windows[slot] += 1
    rates = [count / WINDOW for count in windows]
    latencies = [latency for _ended, latency in finished]
    overall = len(finished) / elapsed
    sustained = min(rates)
    info = machine()
    verdict = "meets" if sustained >= TARGET_PER_SECOND else "MISSES"
    command = (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench .venv/bin/python "
        f"bench/reports_intake.py --seconds {options.seconds} --workers {options.workers} "
        f"--clients {options.clients} --write"
    )
    latency = " / ".join(f"{percentile(latencies, q):.0f}" for q in (0.5, 0.95, 0.99))
    body = "\n".join(
        [
            "Report intake without photo through Open311 `POST /open311/v2/requests.json`",
            f"(target ≥ {TARGET_PER_SECOND} reports/s sustained).",
            f"Measured {dt.date.today().isoformat()} on {machine_line(info)}; gunicorn with",
            f"{options.workers} sync workers and {options.clients} client threads on the same",
            f"machine, for {options.seconds} s after a 5 s warm-up. Each report: api_key check,",
            "rate limit (PostgreSQL counter), placing with the boundary index, routing, the",
            "report and its history row, the reporter as follower with a queued e-mail and its",
            f"job. {len(finished):,} reports made ({made:,} in the database with the warm-up),",
            "no errors.",
            f"Command: `{command}`",
            "",
            "| measure | value |",
            "|---|---|",
            f"| reports/s over the whole run | {overall:.0f} |",
            f"| reports/s, slowest {WINDOW}-second window (sustained) | {sustained:.0f} |",
            f"| reports/s per {WINDOW}-second window | "
            + ", ".join(f"{rate:.0f}" for rate in rates)
            + " |",
            f"| latency p50 / p95 / p99 | {latency} ms |",
            f"| latency mean | {statistics.mean(latencies):.0f} ms |",
            "",
            f"Result: {verdict} the target ({sustained:.0f} reports/s sustained).",
        ]
    )
    print(body)
    if options.write:
        section_write("Report intake", body)


if __name__ == "__main__":
    main()
