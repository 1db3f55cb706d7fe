"""Sustained e-mail delivery rate: N queued notifications, W worker processes, a local
SMTP sink (aiosmtpd) that accepts everything.

    python bench/notify_delivery.py --messages 5000 --workers 2 --concurrency 8

Beside it, the floor: the same number of pre-built messages sent to a fresh sink over one
SMTP connection from one process (no database, no jobs, no rendering), and the ratio.

Uses the PostgreSQL server of DATABASE_URL (or Loket's embedded one) and a scratch
database `loket_bench_notify` on it, created and dropped by the benchmark. Prints the
machine, the settings and the rate; `--json` appends the result to a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "loket_bench_notify"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout
    total = next((line.split()[1] for line in memory.splitlines() if line.startswith("Mem:")), "?")
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": cpu,
        "memory": total,
        "python": platform.python_version(),
        "date": dt.date.today().isoformat(),
    }


class Sink:
    """Counts accepted messages and when they arrived."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.times.append(time.monotonic())
        return "250 OK"


def _floor(port: int, count: int) -> float:
    """The floor: `count` pre-built messages of the same size sent over one SMTP connection
    from this process to a fresh sink (no database, no job queue, no rendering); returns
    messages per second."""
    import smtplib
    from email.message import EmailMessage

    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    messages = []
    for number in range(count):
        message = EmailMessage()
        message["From"] = "Gemeente Voorbeeld <noreply@loket.example>"
        message["To"] = f"resident{number}@example.test"
        message["Subject"] = "Uw aanvraag is goedgekeurd"
        message.set_content("Beste inwoner,\n\n" + "Uw aanvraag werd behandeld. " * 20)
        messages.append(message)
    try:
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", port) as client:
            for message in messages:
                client.send_message(message)
        seconds = time.monotonic() - started
    finally:
        controller.stop()
    return count / seconds


def _database_urls() -> tuple[str, str]:
    """(admin URL, bench database URL) on the configured server."""
    from loket.config.database import database_settings
    from loket.config.env import load_settings

    config = load_settings()
    database = database_settings(config.DATABASE_URL, config.LOKET_DATA_DIR, 0)
    from urllib.parse import quote

    user = quote(database.get("USER") or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
    host = quote(database.get("HOST") or "", safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    base = f"postgresql://{user}{password}@{host}{port}"
    return f"{base}/{database['NAME']}", f"{base}/{BENCH_DATABASE}"


def _recreate(admin_url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(BENCH_DATABASE)
            )
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))


def _drop(admin_url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(BENCH_DATABASE)
            )
        )


def _seed(messages: int) -> None:
    """N residents who chose e-mail, one essential notification each (queued + job)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from loket.notify.services import notification_send
    from loket.people.models import Person
    from loket.people.validators import national_number_build
    from loket.tenancy.models import Municipality, MunicipalityBoundary, Region

    region = Region.objects.create(slug="bench", name_nl="Bench", name_fr="Bench", name_en="Bench")
    square = {
        "type": "Polygon",
        "coordinates": [[[4, 50], [4.1, 50], [4.1, 50.1], [4, 50.1], [4, 50]]],
    }
    municipality = Municipality.objects.create(
        region=region,
        nis_code="99999",
        slug="bench",
        name_nl="Bankstad",
        name_fr="Bancville",
        name_en="Benchtown",
        centroid_latitude=50.05,
        centroid_longitude=4.05,
        bbox_min_longitude=4,
        bbox_min_latitude=50,
        bbox_max_longitude=4.1,
        bbox_max_latitude=50.1,
    )
    MunicipalityBoundary.objects.create(municipality=municipality, geometry=square)
    people = Person.objects.bulk_create(
        Person(
            region=region,
            municipality=municipality,
            national_number=national_number_build(
                dt.date(1950, 1, 1) + dt.timedelta(days=index % 20000), index // 20000 + 1
            ),
            first_names="Bench",
            last_name=f"Resident {index}",
            search_name=f"bench {index}",
            preferred_language=("nl", "fr", "en")[index % 3],
            preferred_channels=["email"],
            email=f"resident{index}@bench.test",
        )
        for index in range(messages)
    )
    for start in range(0, messages, 500):
        with transaction.atomic():
            for index, person in enumerate(people[start : start + 500], start=start):
                notification_send(
                    recipient=person,
                    event="decision.made",
                    municipality=municipality,
                    context={
                        "case_reference": f"B-{index}",
                        "case_title": "Benchmark",
                        "decision": "Goedgekeurd.",
                        "case_url": f"https://loket.test/b/{index}/",
                    },
                    idempotency_key=f"bench-{index}",
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", type=Path, help="append the result as one JSON line")
    arguments = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")
    admin_url, bench_url = _database_urls()
    _recreate(admin_url)
    environment = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "LOKET_LOG_LEVEL": "WARNING",
        "LOKET_NOTIFY_QUIET_HOURS": "",
        # Measured as deployed: production mode (no debug query log).
        "LOKET_MODE": "production",
        "LOKET_SECRET_KEY": "benchmark-only-secret-key-0123456789abcdef-0123456789abcdef",
        "LOKET_ALLOWED_HOSTS": "localhost",
        "LOKET_RESIDENT_LOGIN": "none",
    }
    port = _free_port()
    environment.update({"LOKET_EMAIL_HOST": "127.0.0.1", "LOKET_EMAIL_PORT": str(port)})
    os.environ.update(environment)
    workers: list[subprocess.Popen[bytes]] = []
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    try:
        seed_started = time.monotonic()
        _seed(arguments.messages)
        print(
            f"seeded {arguments.messages} notifications in {time.monotonic() - seed_started:.1f} s"
        )
        controller.start()
        log = Path(tempfile.gettempdir()) / "loket-bench-notify-workers.log"
        started = time.monotonic()
        with log.open("wb") as output:
            for number in range(arguments.workers):
                workers.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "loket",
                            "procrastinate",
                            "worker",
                            "--concurrency",
                            str(arguments.concurrency),
                            "--name",
                            f"bench-{number}",
                        ],
                        env=environment,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                    )
                )
        deadline = started + arguments.timeout
        while len(sink.times) < arguments.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        received = len(sink.times)
        times = sorted(sink.times)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGINT)
        for worker in workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
        if getattr(controller, "_thread", None) is not None:
            controller.stop()
        _drop(admin_url)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = children.ru_utime + children.ru_stime
    if received < 2:
        print(f"only {received} messages arrived; see {log}")
        return 1
    # Sustained rate: the middle 80 % of the run, without start-up and the tail.
    low, high = times[int(received * 0.1)], times[int(received * 0.9) - 1]
    middle = (int(received * 0.9) - 1 - int(received * 0.1)) / (high - low)
    overall = (received - 1) / (times[-1] - times[0])
    result = {
        **_machine(),
        "messages": arguments.messages,
        "received": received,
        "workers": arguments.workers,
        "concurrency": arguments.concurrency,
        "sustained_per_second": round(middle, 1),
        "first_to_last_per_second": round(overall, 1),
        "wall_seconds_from_worker_start": round(times[-1] - started, 2),
        "worker_cpu_ms_per_message": round(worker_cpu * 1000 / max(received, 1), 2),
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
    }
    floor = _floor(_free_port(), arguments.messages)
    result["floor_per_second"] = round(floor, 1)
    result["ratio_floor_to_sustained"] = round(floor / middle, 1)
    print(json.dumps(result, indent=2))
    if arguments.json:
        with arguments.json.open("a") as output:
            output.write(json.dumps(result) + "\n")
    return 0 if received == arguments.messages else 1


if __name__ == "__main__":
    sys.exit(main())
