"""Text messages through a real HTTP server standing in for the SMS gateway, the demo
gateway, and quiet hours."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from tests.factories import PersonFactory
from tests.notify.conftest import refreshed

from loket.notify.delivery import notification_deliver
from loket.notify.models import DemoSmsMessage
from loket.notify.quiet_hours import quiet_hours_parse
from loket.notify.services import notification_send

APPOINTMENT = {
    "service_name": "Rijbewijs",
    "appointment_at": "2025-03-14T10:30:00+01:00",
    "location": "Markt 1",
    "manage_url": "https://loket.test/a/",
}
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _sms_person(municipality, language="nl", channels=("sms", "portal")):
    return PersonFactory(
        municipality=municipality,
        preferred_language=language,
        preferred_channels=list(channels),
        phone="0470 12 34 56",
    )


def _send(person, municipality, key="a-1"):
    return notification_send(
        recipient=person,
        event="appointment.confirmed",
        context=APPOINTMENT,
        municipality=municipality,
        idempotency_key=key,
    )


@pytest.mark.django_db
def test_the_http_gateway_receives_the_text_in_the_residents_language(sms_gateway, municipality):
    person = _sms_person(municipality, language="fr")
    notification = _send(person, municipality)

    assert notification_deliver(notification_id=notification.pk) is None

    [request] = sms_gateway.requests
    assert request.headers["Authorization"] == "Bearer test-token"
    assert request.headers["Content-Type"] == "application/json"
    assert request.payload == {
        "to": "+32470123456",
        "text": (f"{municipality.name_fr} : rendez-vous Rijbewijs le 14 mars 2025 10:30, Markt 1."),
        "sender": "Loket",
        "reference": notification.message_id,
    }
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "sms"
    assert stored.attempts.get().provider_reference == "gw-1"


@pytest.mark.django_db
def test_a_gateway_error_is_temporary(sms_gateway, municipality):
    sms_gateway.status = 503
    notification = _send(_sms_person(municipality), municipality)

    assert notification_deliver(notification_id=notification.pk) is not None

    stored = refreshed(notification)
    assert stored.status == "queued"
    assert stored.channel == "sms"
    assert stored.attempts.get().outcome == "temporary_failure"
    assert "HTTP 503" in stored.attempts.get().detail


@pytest.mark.django_db
def test_a_refused_number_falls_back_to_the_next_channel(sms_gateway, municipality):
    sms_gateway.status = 400
    notification = _send(_sms_person(municipality), municipality)

    assert notification_deliver(notification_id=notification.pk) is None

    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "portal"
    assert list(stored.attempts.values_list("channel", "outcome")) == [
        ("sms", "permanent_failure"),
        ("portal", "delivered"),
    ]


@pytest.mark.django_db
def test_the_demo_gateway_keeps_the_message_for_the_back_office(municipality):
    notification = _send(_sms_person(municipality, language="en"), municipality)

    notification_deliver(notification_id=notification.pk)

    sms = DemoSmsMessage.objects.get()
    assert sms.to == "+32470123456"
    assert sms.text.startswith(f"{municipality.name_en}: appointment Rijbewijs on")
    assert sms.municipality == municipality
    assert refreshed(notification).status == "delivered"


@pytest.mark.django_db
def test_disabled_sms_skips_to_the_next_channel(municipality, settings):
    settings.LOKET_SMS_GATEWAY = "disabled"
    notification = _send(_sms_person(municipality), municipality)

    notification_deliver(notification_id=notification.pk)

    stored = refreshed(notification)
    assert stored.channel == "portal"
    assert DemoSmsMessage.objects.count() == 0


@pytest.mark.django_db
def test_sms_waits_for_the_end_of_quiet_hours(sms_gateway, municipality, settings):
    now = timezone.now().astimezone(BRUSSELS)
    start = (now - dt.timedelta(hours=1)).strftime("%H:%M")
    end = (now + dt.timedelta(hours=2)).strftime("%H:%M")
    settings.LOKET_NOTIFY_QUIET_HOURS = f"{start}-{end}"
    notification = _send(_sms_person(municipality), municipality)

    retry_at = notification_deliver(notification_id=notification.pk)

    assert sms_gateway.requests == []
    assert retry_at is not None
    local = retry_at.astimezone(BRUSSELS)
    assert local.strftime("%H:%M") == end
    assert dt.timedelta(hours=1) < retry_at - timezone.now() <= dt.timedelta(hours=2)
    stored = refreshed(notification)
    assert stored.status == "queued"
    assert stored.attempts.get().outcome == "postponed"


@pytest.mark.django_db
def test_quiet_hours_do_not_hold_back_other_channels(smtp_server, municipality, settings):
    settings.LOKET_NOTIFY_QUIET_HOURS = "00:00-23:59"
    person = PersonFactory(municipality=municipality, preferred_channels=["email", "sms"])
    notification = _send(person, municipality)

    assert notification_deliver(notification_id=notification.pk) is None

    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize(
    ("local_time", "end"),
    [
        ("2025-06-01T22:15", "2025-06-02T08:00"),
        ("2025-06-02T07:59", "2025-06-02T08:00"),
        ("2025-06-01T21:00", "2025-06-02T08:00"),
        ("2025-06-02T08:00", None),
        ("2025-06-02T12:00", None),
        ("2025-06-01T20:59", None),
    ],
)
def test_quiet_hours_across_midnight(local_time, end):
    quiet = quiet_hours_parse("21:00-08:00", "Europe/Brussels")
    assert quiet is not None
    moment = dt.datetime.fromisoformat(local_time).replace(tzinfo=BRUSSELS)

    result = quiet.end_of_quiet_period(moment.astimezone(dt.UTC))

    expected = dt.datetime.fromisoformat(end).replace(tzinfo=BRUSSELS) if end else None
    assert result == expected


def test_no_quiet_hours_when_empty():
    assert quiet_hours_parse("") is None
