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
        [--runs 3] [--floor] [--write]

The floor (`--floor`): the same intake in SQL alone. The statements one intake request runs
(the second request of a process, after its boundary index is built) are captured once
in-process, then replayed by as many connections as there are clients for as long, each
report in its own committed transaction, with a new token, report id, event id and
message id each time (the same rows, the same indexes, the same rate-limit counter and
job queue): what the database can take without Python. The ratio is the floor's rate
over the server's.

It needs only the demo's tenants and categories (`reports_data.prepare()`), not the
500,000 reports of `bench/reports_data.py`. The reports made here are deleted afterwards.
--write puts the figures in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import re
import statistics
import threading
import time
import urllib.parse
import uuid
from typing import Any

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


def _captured(body: bytes) -> list[tuple[str, Any]]:
    """The SQL of one intake request, in-process (the second of two: the first builds the
    process's boundary index)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    statements: list[tuple[str, Any]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    for attempt in range(2):
        statements.clear()
        with connection.execute_wrapper(capture):
            response = client.post(
                "/open311/v2/requests.json",
                data=body,
                content_type="application/x-www-form-urlencoded; charset=utf-8",
            )
        assert response.status_code == 200, (attempt, response.content[:200])
    return statements


_INSERT = re.compile(r'^\s*INSERT INTO "?(\w+)"? \(([^)]*)\)', re.IGNORECASE)
# Columns whose value must differ from one report to the next (unique, or the new rows).
_FRESH = {"token", "message_id"}


def _replay(statements: list[tuple[str, Any]], cursor: Any, ids: dict[str, int]) -> None:
    """One report: the captured statements, each new row's id passed on to the rows that
    refer to it, a new token and message id."""
    new: dict[str, int] = {}
    for sql, params in statements:
        match = _INSERT.match(sql)
        if match and isinstance(params, list | tuple):
            columns = [column.strip().strip('"') for column in match.group(2).split(",")]
            values = list(params)
            for index, column in enumerate(columns[: len(values)]):
                if column in _FRESH:
                    values[index] = (
                        uuid.uuid4().hex[:16] if column == "token" else f"<{uuid.uuid4().hex}@b>"
                    )
                elif column == "report_id" and "report" in new:
                    values[index] = new["report"]
                elif column == "event_id" and "event" in new:
                    values[index] = new["event"]
            params = values
        cursor.execute(sql, params)
        if match and match.group(1) in ids and "RETURNING" in sql.upper():
            new[ids[match.group(1)]] = cursor.fetchone()[0]


def floor_measure(body: bytes, seconds: int, clients: int) -> list[tuple[float, float]]:
    """(end time, latency ms) of each report made by replaying the captured SQL."""
    import psycopg

    statements = [
        (sql, params)
        for sql, params in _captured(body)
        if not sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))
    ]
    ids = {"reports_report": "report", "reports_reportevent": "event"}
    finished: list[tuple[float, float]] = []
    lock = threading.Lock()
    begin = time.perf_counter()
    stop_at = begin + seconds

    def client() -> None:
        with psycopg.connect(
            os.environ["DATABASE_URL"], cursor_factory=psycopg.ClientCursor
        ) as connection:
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                with connection.transaction(), connection.cursor() as cursor:
                    _replay(statements, cursor, ids)
                ended = time.perf_counter()
                with lock:
                    finished.append((ended - begin, (ended - started) * 1000))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return finished


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1, help="measurements back to back")
    parser.add_argument("--floor", action="store_true", help="also the same intake in SQL")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    django_setup()
    setup = prepare()
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

    def measure() -> tuple[list[tuple[float, float]], float, float]:
        nonlocal stop_at
        finished.clear()
        begin = time.perf_counter()
        stop_at = begin + options.seconds
        threads = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return (
            [(ended - begin, latency) for ended, latency in finished],
            begin,
            (time.perf_counter() - begin),
        )

    runs: list[dict[str, Any]] = []
    with Server(workers=options.workers) as server:
        stop_at = time.perf_counter() + 5  # warm-up: every worker builds its boundary index
        _run_all([threading.Thread(target=client, args=(n,)) for n in range(options.clients)])
        for run in range(1, options.runs + 1):
            load = _load()
            made_now, _begin, elapsed = measure()
            runs.append({"run": run, "load": load, **_figures(made_now, elapsed, options.seconds)})
            print(_row(runs[-1], options), flush=True)
    floor: dict[str, Any] | None = None
    if options.floor:
        load = _load()
        made_floor = floor_measure(payloads[0], options.seconds, options.clients)
        floor = {"load": load, **_figures(made_floor, options.seconds, options.seconds)}
    made = _cleanup()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    body = _body(runs, floor, options, made)
    print(body)
    if options.write:
        section_write("Report intake", body)


def _body(runs: list[dict[str, Any]], floor: dict[str, Any] | None, options: Any, made: int) -> str:
    info = machine()
    last = runs[-1]
    sustained = min(run["sustained"] for run in runs)
    verdict = "meets" if sustained >= TARGET_PER_SECOND else "MISSES"
    command = (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench .venv/bin/python "
        f"bench/reports_intake.py --seconds {options.seconds} --workers {options.workers} "
        f"--clients {options.clients} --runs {options.runs}"
        + (" --floor" if options.floor else "")
        + " --write"
    )
    table = [
        "| run | load before | reports/s | sustained (slowest 10 s) | p50 / p95 / p99 ms |"
        + (" floor reports/s | floor p50 / p95 ms | floor / server |" if floor else ""),
        "|---|---:|---:|---:|---:|" + ("---:|---:|---:|" if floor else ""),
    ]
    for run in runs:
        line = (
            f"| {run['run']} | {run['load']} | {run['overall']:.0f} | {run['sustained']:.0f} | "
            f"{run['latency']} |"
        )
        if floor:
            line += (
                f" {floor['overall']:.0f} | {floor['p50']:.0f} / {floor['p95']:.0f} | "
                f"{floor['overall'] / max(run['overall'], 1e-6):.1f} |"
            )
        table.append(line)
    body = "\n".join(
        [
            "Report intake without photo through Open311 `POST /open311/v2/requests.json`",
            f"(target ≥ {TARGET_PER_SECOND} reports/s sustained).",
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine_line(info)};",
            f"gunicorn with {options.workers} sync workers and {options.clients} client threads",
            f"on the same machine, {options.runs} run(s) of {options.seconds} s after a 5 s",
            "warm-up. Each report: api_key check, rate limit (PostgreSQL counter), placing",
            "with the boundary index, routing, the report and its history row, the reporter",
            f"as follower with a queued e-mail and its job. {made:,} reports made in all, no",
            "errors."
            + (
                f" Floor: the same intake in SQL, {options.clients} connections for "
                f"{options.seconds} s (load before {floor['load']})."
                if floor
                else ""
            ),
            f"Command: `{command}`",
            "",
            *table,
            "",
            f"Per 10-second window in the last run: {', '.join(f'{r:.0f}' for r in last['rates'])}"
            " reports/s.",
            "",
            f"Result: {verdict} the target ({sustained:.0f} reports/s sustained, slowest run).",
        ]
    )
    return body


def _cleanup() -> int:
    """Delete the reports made here with their history, followers, e-mails and queued jobs
    (the history is append-only: its trigger is off for this one session, on a benchmark
    database only); the number of reports deleted."""
    from django.db import connection

    made = "SELECT id FROM reports_report WHERE device_id = %s"
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(
                "DELETE FROM procrastinate_jobs WHERE task_name = 'reports.follower_email' "
                "AND (args->>'follower_email_id')::bigint IN (SELECT id FROM "
                f"reports_followeremail WHERE report_id IN ({made}))",
                [INTAKE_DEVICE],
            )
            for table in ("reports_followeremail", "reports_reportfollower", "reports_reportevent"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE report_id IN ({made})",
                    [INTAKE_DEVICE],
                )
            cursor.execute("DELETE FROM reports_report WHERE device_id = %s", [INTAKE_DEVICE])
            return int(cursor.rowcount)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def _run_all(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def _figures(finished: list[tuple[float, float]], elapsed: float, seconds: int) -> dict[str, Any]:
    windows = [0] * max(1, int(seconds // WINDOW))
    for ended, _latency in finished:
        slot = int(ended // WINDOW)
        if slot < len(windows):
            windows[slot] += 1
    rates = [count / WINDOW for count in windows]
    latencies = [latency for _ended, latency in finished] or [0.0]
    return {
        "overall": len(finished) / elapsed,
        "sustained": min(rates),
        "rates": rates,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "latency": " / ".join(f"{percentile(latencies, q):.0f}" for q in (0.5, 0.95, 0.99)),
        "mean": statistics.mean(latencies),
    }


def _row(run: dict[str, Any], options: Any) -> str:
    return (
        f"run {run['run']} ({options.workers} workers, {options.clients} clients, load "
        f"{run['load']}): {run['overall']:.0f} reports/s, sustained {run['sustained']:.0f}, "
        f"p50 / p95 / p99 {run['latency']} ms"
    )


if __name__ == "__main__":
    main()
