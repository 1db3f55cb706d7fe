"""`loket demo_serve`: the web server and the worker it starts link to where it serves."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.core.management import call_command


class _Finished:
    """A process that has already ended (so the command returns at once)."""

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def popen(args: list[str], env: dict[str, str]) -> _Finished:
        calls.append({"args": args, "env": env})
        return _Finished()

    monkeypatch.setattr(subprocess, "Popen", popen)
    return calls


@pytest.mark.django_db
def test_the_demo_on_another_port_links_to_that_port(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOKET_PUBLIC_URL", raising=False)

    call_command("demo_serve", host="127.0.0.1", port="8765")

    assert [call["args"][3:5] for call in started] == [
        ["procrastinate", "worker"],
        ["runserver", "--noreload"],
    ]
    assert [call["env"]["LOKET_PUBLIC_URL"] for call in started] == [
        "http://127.0.0.1:8765",
        "http://127.0.0.1:8765",
    ]


@pytest.mark.django_db
def test_a_public_address_the_installation_names_is_kept(
    started: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOKET_PUBLIC_URL", "https://loket.example.be")

    call_command("demo_serve", host="0.0.0.0", port="8000")

    assert [call["env"]["LOKET_PUBLIC_URL"] for call in started] == [
        "https://loket.example.be",
        "https://loket.example.be",
    ]
