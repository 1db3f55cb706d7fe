"""Shared by the reports benchmarks: the benchmark database, the machine, BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loket_bench"
SECTION = "## Reports and Open311"


def database_ensure() -> None:
    """Create the benchmark database when missing (its name must contain "bench")."""
    import psycopg

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    if "bench" not in name:
        sys.exit(f"refusing to run on {name!r}: the database name must contain 'bench'")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def django_setup() -> None:
    database_ensure()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.config.settings")
    os.environ.setdefault("LOKET_MODE", "demo")  # DEBUG off: no query log in memory
    sys.path.insert(0, str(REPOSITORY / "src"))
    import django

    django.setup()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def machine() -> dict[str, str]:
    def run(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in run(["lscpu"]).splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in run(["free", "-h"]).splitlines() if line.startswith("Mem:")),
        "?",
    )
    server = ""
    try:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0]}"
    except Exception:
        server = "no database needed"
    return {
        "cpus": run(["nproc"]).strip(),
        "cpu": cpu,
        "memory": memory,
        "postgres": server,
        "python": platform.python_version(),
    }


def machine_line(info: dict[str, str]) -> str:
    return (
        f"{info['cpus']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['postgres']}, "
        f"Python {info['python']}"
    )


def section_write(subsection: str, body: str) -> None:
    """Put `body` under "### <subsection>" in the "Reports and Open311" section of
    BENCHMARKS.md, replacing what was there; other sections are left alone."""
    path = REPOSITORY / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start = text.find(SECTION)
    if start == -1:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n"
        start = text.find(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start:] if end == -1 else text[start : end + 1]
    heading = f"### {subsection}"
    block = f"{heading}\n\n{body.strip()}\n\n"
    sub_start = section.find(heading)
    if sub_start == -1:
        new_section = section.rstrip("\n") + "\n\n" + block
    else:
        sub_end = section.find("\n### ", sub_start + len(heading))
        new_section = (
            section[:sub_start] + block + ("" if sub_end == -1 else section[sub_end + 1 :])
        )
    tail = "" if end == -1 else text[end + 1 :]
    path.write_text(text[:start] + new_section.rstrip("\n") + "\n" + ("\n" + tail if tail else ""))


class Server:
    """gunicorn serving Loket against the benchmark database, as in production
    (docs/operations.md): `workers` sync worker processes."""

    def __init__(self, *, workers: int, port: int = 8931) -> None:
        self.workers = workers
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import time
        import urllib.request

        environment = dict(os.environ)
        environment.setdefault("LOKET_MODE", "demo")
        environment["PYTHONPATH"] = str(REPOSITORY / "src")
        self.process = subprocess.Popen(
            [
                str(REPOSITORY / ".venv" / "bin" / "gunicorn"),
                "loket.config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            env=environment,
            cwd=REPOSITORY,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{self.base_url}/open311/v2/discovery.json", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        else:
            self.__exit__()
            sys.exit("the server did not start")
        return self

    def __exit__(self, *args: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
