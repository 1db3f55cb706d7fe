"""Small helpers shared by the web tests."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from loket.people.models import Person


def sign_in_resident(client: Client, person: Person) -> None:
    """Sign in through the demo e-ID, as a visitor would."""
    response = client.post(
        reverse("web:resident-login-plugin", kwargs={"code": "demo"}),
        {"national_number": person.national_number},
    )
    assert response.status_code == 302
