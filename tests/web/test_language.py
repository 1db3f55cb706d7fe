"""The language switch works without JavaScript and is remembered per user."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.urls import reverse

from loket.accounts.models import User
from loket.catalog.loading import PRODUCTS_CSV, shipped_form_definitions
from loket.notify.events import events_all
from loket.people.models import Person
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "loket" / "locale"


def test_switch_sets_session_cookie_and_returns_to_the_page(client: Client) -> None:
    response = client.post(reverse("web:language"), {"language": "fr", "next": "/aanmelden/"})

    assert response.status_code == 302
    assert response["Location"] == "/aanmelden/"
    assert response.cookies["loket_language"].value == "fr"
    assert client.session["loket_language"] == "fr"
    page = client.get("/aanmelden/")
    assert page["Content-Language"] == "fr"
    assert '<html lang="fr">' in page.content.decode()


def test_switch_refuses_an_unsafe_next(client: Client) -> None:
    response = client.post(
        reverse("web:language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_switch_ignores_an_unknown_language(client: Client) -> None:
    response = client.post(reverse("web:language"), {"language": "de", "next": "/"})

    assert response.status_code == 302
    assert "loket_language" not in response.cookies
    assert "loket_language" not in client.session


def test_switch_needs_post(client: Client) -> None:
    assert client.get(reverse("web:language")).status_code == 405


def test_staff_language_is_remembered_on_the_account(client: Client, clerk: User) -> None:
    client.force_login(clerk)

    client.post(reverse("web:language"), {"language": "en", "next": "/backoffice/"})

    clerk.refresh_from_db()
    assert clerk.preferred_language == "en"
    other_browser = Client()
    other_browser.post(
        reverse("web:staff-login"),
        {"username": clerk.username, "password": "correct-horse-battery"},
    )
    assert other_browser.get("/backoffice/")["Content-Language"] == "en"


def test_resident_language_is_remembered_on_the_person(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    client.post(reverse("web:language"), {"language": "fr", "next": "/mijn/"})

    resident.refresh_from_db()
    assert resident.preferred_language == "fr"
    other_browser = Client()
    sign_in_resident(other_browser, resident)
    assert other_browser.get("/mijn/")["Content-Language"] == "fr"


def test_anonymous_switch_changes_no_account(client: Client, clerk: User, resident: Person) -> None:
    client.post(reverse("web:language"), {"language": "en", "next": "/"})

    clerk.refresh_from_db()
    resident.refresh_from_db()
    assert (clerk.preferred_language, resident.preferred_language) == ("nl", "nl")


_INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def _dutch_texts(value: object) -> list[str]:
    """Every Dutch text ({"nl": …}) in a form definition."""
    if isinstance(value, dict):
        found = [value["nl"]] if isinstance(value.get("nl"), str) else []
        return found + [text for item in value.values() for text in _dutch_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _dutch_texts(item)]
    return []


def test_dutch_addresses_the_reader_as_u_everywhere() -> None:
    """One form of address: the interface, the shipped products and forms and the default
    messages say "u", never "je"."""
    catalogue = read_po((LOCALE / "nl" / "LC_MESSAGES" / "django.po").open("rb"), locale="nl")
    texts = [
        string
        for message in catalogue
        if message.id
        for string in ([message.string] if isinstance(message.string, str) else message.string)
    ]
    with PRODUCTS_CSV.open(newline="", encoding="utf-8") as handle:
        texts += [
            text for row in csv.DictReader(handle) for text in (row["name_nl"], row["summary_nl"])
        ]
    texts += _dutch_texts(list(shipped_form_definitions().values()))
    texts += [
        part
        for event_type in events_all()
        if "nl" in event_type.wordings
        for part in (
            event_type.wordings["nl"].subject,
            event_type.wordings["nl"].body,
            event_type.wordings["nl"].sms,
        )
    ]
    assert len(texts) > 1000
    assert [text for text in texts if _INFORMAL.search(text)] == []
