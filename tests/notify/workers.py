"""Real worker processes (`python -m loket procrastinate worker`) against the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.db import connection


def tests_database_url() -> str:
    """The URL of the database this test runs against (pytest-django's test database)."""
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings.get("PASSWORD") else ""
    host = quote(settings.get("HOST") or "", safe="")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{settings['NAME']}"


def worker_environment(smtp_port: int, data_dir: Path, **overrides: str) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        {
            "DATABASE_URL": tests_database_url(),
            "LOKET_DATA_DIR": str(data_dir),
            "LOKET_EMAIL_HOST": "127.0.0.1",
            "LOKET_EMAIL_PORT": str(smtp_port),
            "LOKET_EMAIL_FROM": "loket@gemeente.test",
            "LOKET_NOTIFY_QUIET_HOURS": "",
            "LOKET_LOG_LEVEL": "WARNING",
        }
    )
    environment.update(overrides)
    return environment


def worker_start(
    environment: dict[str, str], log: Path, *arguments: str
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "loket", "procrastinate", "worker", *arguments]
    with log.open("ab") as output:
        return subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT)


def worker_stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
