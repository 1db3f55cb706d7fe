"""`loket demo_serve`: the web server and a background worker side by side (for `make demo`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the demo: web server plus one background worker; Ctrl+C stops both."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, host: str, port: str, **options: Any) -> None:
        environment = dict(os.environ)
        # Links in messages, letters and QR codes point at this server unless the
        # installation names its public address itself.
        environment.setdefault("LOKET_PUBLIC_URL", f"http://{host}:{port}")
        loket = [sys.executable, "-m", "loket"]
        worker = subprocess.Popen(
            [*loket, "procrastinate", "worker", "--concurrency", "4"], env=environment
        )
        server = subprocess.Popen(
            [*loket, "runserver", "--noreload", f"{host}:{port}"], env=environment
        )
        try:
            call_command("demo_accounts")
        except Exception as error:  # the listing is a convenience; never block the demo
            self.stderr.write(str(error))
        self.stdout.write(
            self.style.SUCCESS(f"\nLoket demo: open http://{host}:{port}/ in your browser.\n")
        )
        try:
            while server.poll() is None and worker.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker):
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in (server, worker):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
