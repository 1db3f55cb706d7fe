"""Production hardening: Content-Security-Policy on every page, no inline script in any
template, HSTS and the HTTPS redirect in production mode, `check --deploy` clean."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from loket.accounts.models import User

SRC = Path(__file__).resolve().parents[2] / "src"
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob: https://tile.openstreetmap.org",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "frame-src": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
}


def _policy(header: str) -> dict[str, str]:
    directives = [part.strip().split(" ", 1) for part in header.split(";")]
    return {name: value for name, value in directives}


PRODUCTION_ENV = {
    "LOKET_MODE": "production",
    "LOKET_SECRET_KEY": "k9!Vq2#Lm8@Zr4$Tw6^Yp1&Xs3*Hb7(Nd5)Jf0-Gc_Ue+Ao=Ri.Ky,Mw;Pt:Qz",
    "LOKET_ALLOWED_HOSTS": "loket.example.be",
    "LOKET_RESIDENT_LOGIN": "",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/aanmelden/", "/aanmelden/demo/", "/backoffice/aanmelden/", "/django-admin/login/"],
)
def test_every_page_carries_the_content_security_policy(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert _policy(response["Content-Security-Policy"]) == CSP


@pytest.mark.django_db
def test_a_signed_in_staff_page_carries_it_too(client: Client, clerk: User) -> None:
    client.force_login(clerk)

    response = client.get("/backoffice/")

    assert response.status_code == 200
    assert _policy(response["Content-Security-Policy"]) == CSP
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def _page_templates() -> list[Path]:
    # E-mail bodies are not web pages (mail clients need inline styles).
    return [
        path
        for path in sorted(SRC.glob("loket/**/templates/**/*.html"))
        if "/email/" not in str(path)
    ]


def test_no_template_has_inline_script_event_handlers_or_style_attributes() -> None:
    problems = []
    for path in _page_templates():
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and 'type="application/json"' not in tag:
                problems.append(f"{path}: inline script {tag}")
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"\son[a-z]+\s*=", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"\sstyle\s*=", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"<style\b", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"javascript:", text)]
        problems += [f"{path}: {m.group(0)}" for m in re.finditer(r"\shx-on", text)]

    assert len(_page_templates()) > 50
    assert problems == []


def _run_production(args: list[str], extra_env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    database = connection.settings_dict
    # A browser test in the same run may have allowed async-unsafe calls for this process;
    # a production process never has that.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        **PRODUCTION_ENV,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "loket.config.settings",
        **(extra_env or {}),
    }
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.django_db
def test_check_deploy_is_clean_in_production_mode() -> None:
    result = _run_production(["-m", "loket", "check", "--deploy", "--fail-level", "WARNING"])

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "W004" not in result.stderr + result.stdout
    assert "W008" not in result.stderr + result.stdout


_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
plain = client.get("/aanmelden/", HTTP_HOST="loket.example.be")
secure = client.get(
    "/aanmelden/", HTTP_HOST="loket.example.be", HTTP_X_FORWARDED_PROTO="https"
)
health = client.get("/health", HTTP_HOST="loket.example.be")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "secure": [secure.status_code, secure.get("Strict-Transport-Security")],
    "health": health.status_code,
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
}))
"""


@pytest.mark.django_db
def test_production_redirects_to_https_and_sends_hsts() -> None:
    result = _run_production(["-c", _PROBE])

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe == {
        "plain": [301, "https://loket.example.be/aanmelden/"],
        "secure": [200, "max-age=31536000; includeSubDomains; preload"],
        "health": 200,
        "cookies": [True, True],
    }


@pytest.mark.django_db
def test_hsts_and_the_redirect_follow_their_settings() -> None:
    result = _run_production(
        ["-c", _PROBE],
        {"LOKET_SSL_REDIRECT": "false", "LOKET_HSTS_SECONDS": "600", "LOKET_HSTS_PRELOAD": "0"},
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["plain"] == [200, None]
    assert probe["secure"] == [200, "max-age=600; includeSubDomains"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("https://tiles-{s}.example.org:8443/{z}/{x}/{y}.png", "https://*.example.org:8443"),
        ("/tiles/{z}/{x}/{y}.png", "'self'"),
    ],
)
def test_the_map_tile_server_is_allowed_for_images(url: str, source: str) -> None:
    from loket.config.settings import csp_source_of_url_template

    assert csp_source_of_url_template(url) == source
