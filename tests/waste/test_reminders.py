"""The evening-before reminder: to the residents who asked for it, through notify's e-mail
channel and a real SMTP server, once per resident and collection day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from loket.notify.models import Notification
from loket.people.models import Consent, ConsentPurpose
from loket.waste.reminders import waste_reminders_run, waste_reminders_send
from tests.factories import PersonFactory
from tests.notify.conftest import run_queued_deliveries
from tests.waste.helpers import rounds_load

MONDAY = dt.date(2026, 3, 9)  # residual waste in Kerkstraat


def _resident(municipality, *, opted_in: bool, street: str = "Kerkstraat", language: str = "nl"):
    person = PersonFactory(
        municipality=municipality,
        preferred_channels=["email"],
        preferred_language=language,
        email=f"{street.lower()}-{opted_in}-{language}@example.test",
        address__street=street,
    )
    Consent.objects.create(person=person, purpose=ConsentPurpose.WASTE_REMINDERS, granted=opted_in)
    return person


@pytest.mark.django_db
def test_the_reminder_reaches_the_resident_who_asked_by_email(smtp_server, municipality):
    rounds_load(municipality)
    asked = _resident(municipality, opted_in=True)
    _resident(municipality, opted_in=False)
    _resident(municipality, opted_in=True, street="Stationsstraat")  # no zone: no calendar

    assert waste_reminders_send(collection_date=MONDAY) == 1
    assert run_queued_deliveries() == 1

    [message] = smtp_server.messages
    assert message["To"] == asked.email
    assert message["Subject"] == "Morgen ophaling: Restafval"
    body = message.get_body(("plain",)).get_content()
    assert "9 maart 2026" in body
    assert "/mijn/gemeente/" in body


@pytest.mark.django_db
def test_the_reminder_is_in_the_residents_language(smtp_server, municipality):
    rounds_load(municipality)
    _resident(municipality, opted_in=True, language="fr")
    waste_reminders_send(collection_date=dt.date(2026, 3, 10))  # PMD on Tuesday
    run_queued_deliveries()
    [message] = smtp_server.messages
    assert (
        " ".join(message["Subject"].split())
        == "Collecte demain : PMC (emballages plastiques, métal et cartons à boissons)"
    )


@pytest.mark.django_db
def test_running_again_sends_nothing_more(smtp_server, municipality):
    rounds_load(municipality)
    _resident(municipality, opted_in=True)
    assert waste_reminders_send(collection_date=MONDAY) == 1
    assert waste_reminders_send(collection_date=MONDAY) == 0
    run_queued_deliveries()
    assert len(smtp_server.messages) == 1
    assert Notification.objects.filter(event="waste.collection_reminder").count() == 1


@pytest.mark.django_db
def test_no_collection_tomorrow_no_reminder(smtp_server, municipality):
    rounds_load(municipality)
    _resident(municipality, opted_in=True)
    assert waste_reminders_send(collection_date=dt.date(2026, 3, 11)) == 0
    assert Notification.objects.count() == 0


@pytest.mark.django_db
def test_the_hourly_job_sends_from_the_evening_hour_on(settings, municipality):
    rounds_load(municipality)
    _resident(municipality, opted_in=True)
    settings.LOKET_WASTE_REMINDER_HOUR = 18
    sunday = dt.datetime(2026, 3, 8, 17, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    assert waste_reminders_run(now=sunday) == 0
    assert waste_reminders_run(now=sunday.replace(hour=18)) == 1
    assert waste_reminders_run(now=sunday.replace(hour=19)) == 0
    [notification] = Notification.objects.filter(event="waste.collection_reminder")
    assert notification.idempotency_key.endswith("-2026-03-09")
