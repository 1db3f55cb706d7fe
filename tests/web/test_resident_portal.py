"""Resident sign-in and sign-out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loket.identity.services import SESSION_KEY
from loket.people.models import Person
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def test_sign_in_page_lists_the_demo_plugin(client: Client) -> None:
    response = client.get(reverse("web:resident-login"))

    assert response.status_code == 200
    assert 'href="/aanmelden/demo/?next=/mijn/"' in response.content.decode()


def test_demo_sign_in_opens_my_page(client: Client, resident: Person) -> None:
    response = client.post(
        reverse("web:resident-login-plugin", kwargs={"code": "demo"}),
        {"national_number": resident.national_number, "next": "/mijn/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert client.session[SESSION_KEY] == resident.pk
    page = client.get("/mijn/").content.decode()
    digits = resident.national_number
    formatted = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"
    assert formatted in page
    assert resident.full_name in page
    assert "Kerkstraat 1, 8500" in page


def test_demo_sign_in_ignores_an_unsafe_next(client: Client, resident: Person) -> None:
    response = client.post(
        reverse("web:resident-login-plugin", kwargs={"code": "demo"}),
        {"national_number": resident.national_number, "next": "https://evil.example/"},
    )

    assert response["Location"] == "/mijn/"


def test_unknown_national_number_does_not_sign_in(client: Client, resident: Person) -> None:
    response = client.post(
        reverse("web:resident-login-plugin", kwargs={"code": "demo"}),
        {"national_number": "00000000000"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/aanmelden/demo/")
    assert SESSION_KEY not in client.session


def test_unknown_plugin_is_404(client: Client) -> None:
    assert client.get("/aanmelden/no-such-id/").status_code == 404


def test_sign_out_ends_the_resident_session(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post("/afmelden/")

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert client.get("/mijn/").status_code == 302


def test_sign_out_needs_post(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    assert client.get("/afmelden/").status_code == 405
    assert client.session[SESSION_KEY] == resident.pk
