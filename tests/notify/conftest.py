"""A real SMTP server (aiosmtpd) and a real HTTP server standing in for the SMS gateway."""

from __future__ import annotations

import email
import email.policy
import json
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from loket.notify.models import Notification
from loket.notify.queue import DELIVER_TASK

# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class SmtpSink:
    """Collects every message the SMTP server accepted; can refuse some recipients."""

    port: int
    raw_messages: list[bytes] = field(default_factory=list)
    refused_recipients: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    controller: Controller | None = None

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refused_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content
        assert isinstance(content, bytes)
        with self.lock:
            self.raw_messages.append(content)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        with self.lock:
            raw = list(self.raw_messages)
        return [
            email.message_from_bytes(content, policy=email.policy.default)  # type: ignore[misc]
            for content in raw
        ]

    def message_ids(self) -> list[str]:
        with self.lock:
            raw = list(self.raw_messages)
        ids = []
        for content in raw:
            headers = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
            for line in headers.splitlines():
                if line.lower().startswith(b"message-id:"):
                    ids.append(line.split(b":", 1)[1].strip().decode())
        return ids


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpSink]:
    sink = SmtpSink(port=free_port())
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.DEFAULT_FROM_EMAIL = "loket@gemeente.test"
    yield sink
    sink.stop()


@dataclass
class GatewayRequest:
    headers: dict[str, str]
    payload: dict[str, Any]


@dataclass
class SmsGatewayServer:
    url: str
    requests: list[GatewayRequest] = field(default_factory=list)
    status: int = 200


@pytest.fixture
def sms_gateway(settings: Any) -> Iterator[SmsGatewayServer]:
    state = SmsGatewayServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length))
            state.requests.append(GatewayRequest(dict(self.headers.items()), payload))
            body = json.dumps({"id": f"gw-{len(state.requests)}"}).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/messages"
    settings.LOKET_SMS_GATEWAY = "http"
    settings.LOKET_SMS_GATEWAY_URL = state.url
    settings.LOKET_SMS_GATEWAY_TOKEN = "Bearer test-token"
    settings.LOKET_SMS_GATEWAY_AUTH_HEADER = "Authorization"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _notify_defaults(settings: Any, tmp_path: Any) -> None:
    settings.LOKET_NOTIFY_QUIET_HOURS = ""
    settings.LOKET_SMS_GATEWAY = "demo"
    settings.LOKET_NOTIFY_LETTER_DIR = tmp_path / "letters"
    settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK = 3
    settings.LOKET_NOTIFY_MAX_ATTEMPTS = 5


def queued_job_ids() -> list[int]:
    from procrastinate.contrib.django.models import ProcrastinateJob

    return list(
        ProcrastinateJob.objects.filter(task_name=DELIVER_TASK, status="todo")
        .order_by("id")
        .values_list("id", flat=True)
    )


def run_queued_deliveries() -> int:
    """What a worker does with the delivery jobs in the queue (in this process and
    transaction): run each job's task once. Returns how many ran."""
    from procrastinate.contrib.django.models import ProcrastinateJob

    from loket.notify.delivery import notification_deliver

    jobs = list(
        ProcrastinateJob.objects.filter(task_name=DELIVER_TASK, status="todo").order_by("id")
    )
    for job in jobs:
        notification_deliver(notification_id=job.args["notification_id"], job_id=job.id)
    return len(jobs)


def refreshed(notification: Notification) -> Notification:
    return Notification.objects.get(pk=notification.pk)
