"""Benchmark: the resident's 360° view on the region data set (bench/region_data.py).

The 20 featured residents of Kortrijk have exactly 200 timeline items each (40 cases, 30
reports, 30 payment requests, 40 contact moments, 30 messages, 30 appointments) among 1
million cases and 5 million contact moments (at scale 1). Signed in as `kortrijk.clerk`:

- in-process (Django test client): the 360° view page opened for a purpose, with the whole
  timeline (`?limit=200`, every item) and as it opens (25 items), round-robin over the
  featured residents; p50/p95 of the request, the SQL's share, and beside it the floor:
  the page's SQL replayed on one connection (what the database alone costs);
- over HTTP (gunicorn, 2 sync workers, 4 concurrent clients), the same pages, unless the
  machine is busy (load average above `--max-load`, default 3) or `--no-http`;
- the contact moments of one resident (`crm.selectors.contact_moments_of_person`, the 25
  newest, as the timeline reads them) over 5 million rows: featured residents and 200
  residents at random, p50/p95, and the plan of the query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench_region \\
        .venv/bin/python bench/crm_360.py [--requests 60] [--no-http] [--max-load 3] \\
            [--clients 1 2 4]

Target (the issue): the 360° view page p95 ≤ 100 ms for a resident with 200 timeline items.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reports_common import Server, django_setup, machine, machine_line, percentile

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench_region"
CLERK = "kortrijk.clerk"
PURPOSE = "counter_visit"
TARGET_MS = 100.0
WORKERS = 2
CLIENTS = 4


class SqlTimer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.statements: list[tuple[str, Any]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            if not many:
                self.statements.append((sql, params))


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _ms(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction) * 1000:.1f}" if values else "-"


def _paths(featured: list[int], limit: int) -> list[str]:
    suffix = f"&limit={limit}" if limit != 25 else ""
    return [f"/backoffice/inwoners/{pk}/?purpose={PURPOSE}{suffix}" for pk in featured]


def check_featured(featured: list[int]) -> int:
    """Every featured resident has 200 timeline items for the clerk."""
    from loket.accounts.models import User
    from loket.people.models import Person
    from loket.people.timeline import resident_timeline
    from loket.tenancy.access import actor_for_user

    actor = actor_for_user(User.objects.get(username=CLERK))
    counts = {
        len(resident_timeline(actor=actor, person=Person.objects.get(pk=pk), limit=200))
        for pk in featured
    }
    assert counts == {200}, counts
    return 200


def in_process(paths: list[str], requests: int) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from loket.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from pages import second_factor_proved

    client = Client()
    user = User.objects.get(username=CLERK)
    client.force_login(user)
    second_factor_proved(client.session, user.pk)
    statements: dict[str, list[tuple[str, Any]]] = {}
    for path in paths:  # warm-up, and each page's SQL for the floor
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        statements[path] = timer.statements
    total: list[float] = []
    sql: list[float] = []
    for index in range(requests):
        path = paths[index % len(paths)]
        timer = SqlTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = client.get(path)
        total.append(time.perf_counter() - started)
        sql.append(timer.seconds)
        assert response.status_code == 200
    floor: list[float] = []
    for index in range(requests):
        path = paths[index % len(paths)]
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for statement, params in statements[path]:
                if statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                    continue
                cursor.execute(statement, params)
            transaction.set_rollback(True)
        floor.append(time.perf_counter() - started)
    return {
        "total": total,
        "sql": sql,
        "floor": floor,
        "queries": len(statements[paths[0]]),
    }


def over_http(paths: list[str], requests: int, clients: int = CLIENTS) -> list[float]:
    from pages import http_sign_in

    from loket.demo.selectors import demo_password

    with Server(workers=WORKERS) as server:
        cookie = http_sign_in(server.port, CLERK, demo_password())

        def fetch(path: str) -> float:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == 200, (path, response.status)
            return time.perf_counter() - started

        for path in paths[: WORKERS * 2]:
            fetch(path)
        times: list[float] = []
        lock = threading.Lock()

        def client(offset: int) -> None:
            for index in range(requests // clients):
                elapsed = fetch(paths[(offset + index) % len(paths)])
                with lock:
                    times.append(elapsed)

        threads = [threading.Thread(target=client, args=(n * 5,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return times


def contact_query(featured: list[int], samples: int) -> dict[str, Any]:
    """`contact_moments_of_person` as the timeline reads it (the 25 newest), timed."""
    from django.db import connection
    from django.db.models import Max, Min

    from loket.accounts.models import User
    from loket.crm.models import ContactMoment
    from loket.crm.selectors import contact_moments_of_person
    from loket.people.models import Person
    from loket.tenancy.access import actor_for_user

    actor = actor_for_user(User.objects.get(username=CLERK))
    bounds = Person.objects.aggregate(low=Min("pk"), high=Max("pk"))
    rng = random.Random(5)
    ids = [rng.randrange(bounds["low"], bounds["high"] + 1) for _ in range(samples)]
    people = {person.pk: person for person in Person.objects.filter(pk__in=ids + featured)}
    results: dict[str, Any] = {"rows": ContactMoment.objects.count()}
    for name, chosen in (("featured", featured * (samples // len(featured))), ("random", ids)):
        times: list[float] = []
        found = 0
        for pk in chosen:
            started = time.perf_counter()
            rows = list(contact_moments_of_person(actor=actor, person=people[pk])[:25])
            times.append(time.perf_counter() - started)
            found += len(rows)
        results[name] = times
        results[f"{name}_found"] = found / max(len(chosen), 1)
    query = contact_moments_of_person(actor=actor, person=people[featured[0]])[:25]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        results["plan"] = "\n".join(row[0] for row in cursor.fetchall())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="per page")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--max-load", type=float, default=3.0, help="skip HTTP above this")
    parser.add_argument("--samples", type=int, default=200, help="residents for the query")
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=[CLIENTS],
        help="concurrent HTTP clients, one run per value (2 workers serve them)",
    )
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("LOKET_MODE", "demo")
    django_setup()
    from region_data import featured_ids, state

    built = state()
    if "featured residents" not in built:
        sys.exit("build the data set first: bench/region_data.py")
    scale = built["featured residents"][2]
    featured = featured_ids()
    check_featured(featured)
    print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", flush=True)
    print(f"machine: {machine_line(machine())}")
    print(
        f"data set: scale {scale}, "
        + ", ".join(f"{step} {rows:,}" for step, (rows, _s, _sc) in built.items()),
        flush=True,
    )
    print(f"load before: {_uptime()}", flush=True)
    lines = [
        "| page | queries | p50 ms | p95 ms | SQL p50 ms | floor p50 ms | floor p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    measured: dict[int, dict[str, Any]] = {}
    for limit in (200, 25):
        result = in_process(_paths(featured, limit), options.requests)
        measured[limit] = result
        lines.append(
            f"| 360° view, {limit} items, in-process | {result['queries']} | "
            f"{_ms(result['total'], 0.5)} | {_ms(result['total'], 0.95)} | "
            f"{_ms(result['sql'], 0.5)} | {_ms(result['floor'], 0.5)} | "
            f"{_ms(result['floor'], 0.95)} |"
        )
    load = os.getloadavg()[0]
    if options.no_http or load > options.max_load:
        print(f"HTTP skipped (load average {load:.2f} > {options.max_load})", flush=True)
    else:
        for clients in options.clients:
            for limit in (200, 25):
                times = over_http(_paths(featured, limit), options.requests, clients)
                floor = measured[limit]["floor"]
                lines.append(
                    f"| 360° view, {limit} items, HTTP ({WORKERS} workers, {clients} clients) | "
                    f"{measured[limit]['queries']} | {_ms(times, 0.5)} | {_ms(times, 0.95)} | - | "
                    f"{_ms(floor, 0.5)} | {_ms(floor, 0.95)} |"
                )
    query = contact_query(featured, options.samples)
    print(f"load after: {_uptime()}", flush=True)
    print("\n".join(lines))
    print(
        f"\ncontact moments of one resident (25 newest) over {query['rows']:,} rows: "
        f"featured p50 {_ms(query['featured'], 0.5)} ms, p95 {_ms(query['featured'], 0.95)} ms "
        f"({query['featured_found']:.0f} rows); random residents p50 "
        f"{_ms(query['random'], 0.5)} ms, p95 {_ms(query['random'], 0.95)} ms "
        f"({query['random_found']:.1f} rows on average)"
    )
    print(f"\nplan:\n{query['plan']}")
    worst = percentile(measured[200]["total"], 0.95) * 1000
    print(
        f"\n360° view with 200 items, in-process p95 {worst:.1f} ms "
        f"(target {TARGET_MS:.0f} ms): {'met' if worst <= TARGET_MS else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
