"""Session lifetime: an idle time-out per kind of user, sliding with every request."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from loket.accounts.models import User
from loket.identity.middleware import SEEN_KEY
from loket.people.models import Person

pytestmark = pytest.mark.django_db


def _expiry_in_seconds(client: Client) -> float:
    session = Session.objects.get(session_key=client.session.session_key)
    return (session.expire_date - timezone.now()).total_seconds()


def test_staff_sessions_last_eight_idle_hours_by_default(client: Client, clerk: User) -> None:
    response = client.post(
        "/backoffice/aanmelden/", {"username": clerk.username, "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert 8 * 3600 - 60 < _expiry_in_seconds(client) <= 8 * 3600


def test_resident_sessions_last_thirty_idle_minutes_by_default(
    client: Client, resident: Person
) -> None:
    response = client.post(
        "/aanmelden/demo/", {"national_number": resident.national_number, "next": "/mijn/"}
    )

    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
    assert 30 * 60 - 60 < _expiry_in_seconds(client) <= 30 * 60


def test_the_idle_time_outs_are_settings(client: Client, clerk: User, settings: Any) -> None:
    settings.LOKET_STAFF_SESSION_IDLE_SECONDS = 3600

    client.post(
        "/backoffice/aanmelden/", {"username": clerk.username, "password": "correct-horse-battery"}
    )

    assert 3600 - 60 < _expiry_in_seconds(client) <= 3600


def test_a_request_moves_the_expiry_forward(client: Client, clerk: User) -> None:
    client.force_login(clerk)
    session = client.session
    session.set_expiry(8 * 3600)
    session[SEEN_KEY] = int(time.time()) - 3600
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + dt.timedelta(minutes=5)
    )

    response = client.get("/backoffice/")

    assert response.status_code == 200
    assert 8 * 3600 - 60 < _expiry_in_seconds(client) <= 8 * 3600


def test_an_idle_session_expires(client: Client, clerk: User) -> None:
    client.force_login(clerk)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    response = client.get("/backoffice/")

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/aanmelden/?next=/backoffice/"


def test_anonymous_visits_write_no_session(client: Client) -> None:
    client.get("/")

    assert Session.objects.count() == 0


def test_signing_in_gives_a_new_session_key(client: Client, clerk: User) -> None:
    """A session key known before sign-in (planted by someone else) is worthless after it."""
    planted = client.session
    planted["language"] = "nl"
    planted.save()
    client.cookies["sessionid"] = planted.session_key
    before = planted.session_key

    response = client.post(
        "/backoffice/aanmelden/", {"username": clerk.username, "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    after = response.cookies["sessionid"].value
    assert after
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
