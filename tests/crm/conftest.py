"""Fixtures of the inbound e-mail tests: two municipalities of one region with residents
who have e-mail addresses, a folder for the documents, and a real IMAP server (pymap's
in-memory backend, started on a free port for the test)."""

from __future__ import annotations

import imaplib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from loket.people.models import Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import MunicipalityFactory, PersonFactory, staff_member

MAIL_DIR = Path(__file__).parent / "mail"


def eml(name: str, **values: str) -> bytes:
    """A test mail of tests/crm/mail/, with `{placeholders}` filled in."""
    raw = (MAIL_DIR / name).read_bytes()
    for key, value in values.items():
        raw = raw.replace(b"{" + key.encode() + b"}", value.encode())
    return raw


@dataclass
class Town:
    kortrijk: Municipality
    menen: Municipality
    sofie: Person  # Kortrijk, sofie@example.org
    thomas: Person  # Kortrijk, thomas@example.org
    gaetan_in_menen: Person  # Menen: never matched for mail to Kortrijk
    clerk: Any  # Kortrijk clerk
    menen_clerk: Any


@pytest.fixture
def town(db: None, settings: Any, tmp_path: Path) -> Town:
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    settings.LOKET_DOCUMENT_STORAGE = "local"
    kortrijk = MunicipalityFactory(slug="kortrijk")
    menen = MunicipalityFactory(region=kortrijk.region, slug="menen")
    return Town(
        kortrijk=kortrijk,
        menen=menen,
        sofie=PersonFactory(municipality=kortrijk, email="Sofie@Example.org"),
        thomas=PersonFactory(municipality=kortrijk, email="thomas@example.org"),
        gaetan_in_menen=PersonFactory(municipality=menen, email="gaetan@example.org"),
        clerk=staff_member(kortrijk, Role.CLERK),
        menen_clerk=staff_member(menen, Role.CLERK),
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            status, _data = client.append(folder, None, None, raw)
            assert status == "OK"
        finally:
            client.logout()

    def count(self, folder: str) -> int:
        client = self.client()
        try:
            status, data = client.select(f'"{folder}"', readonly=True)
            return int(data[0]) if status == "OK" else -1
        finally:
            client.logout()


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """pymap with its in-memory backend: a real IMAP4rev1 server, empty at the start."""
    executable = shutil.which("pymap", path=str(Path(sys.executable).parent))
    assert executable is not None, "pymap is a dev dependency (pyproject.toml)"
    port = _free_port()
    process = subprocess.Popen(
        [
            executable,
            "--no-tls",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-service",
            "admin",
            "dict",
            "--demo-user",
            "kortrijk",
            "--demo-password",
            "secret",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = ImapServer(host="127.0.0.1", port=port, user="kortrijk", password="secret")
    try:
        for _attempt in range(100):
            try:
                server.client().logout()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the IMAP server did not start")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
