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


def pages_of(client: Client, url: str) -> tuple[str, str]:
    """The first and second page of a paged list; asserts each links to the other."""
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert 'rel="next"' in first
    assert 'rel="prev"' in second
    return first, second
