"""E-mail through a real SMTP server: language, content, attachments, failures, retries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import PersonFactory, UserFactory
from tests.notify.conftest import refreshed, run_queued_deliveries

from loket.notify.channels.base import AttachmentFile
from loket.notify.delivery import notification_deliver
from loket.notify.models import DeliveryAttempt, InboxMessage, Notification
from loket.notify.services import notification_send

DECISION = {
    "case_reference": "2025-000123",
    "case_title": "Parkeerkaart",
    "decision": "Uw aanvraag is goedgekeurd.",
    "case_url": "https://loket.test/mijn/dossiers/1/",
}
APPOINTMENT = {
    "service_name": "Identiteitskaart",
    "appointment_at": "2025-03-14T10:30:00+01:00",
    "location": "Gemeentehuis, Markt 1",
    "manage_url": "https://loket.test/mijn/afspraken/",
}
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
PDF = b"%PDF-1.4\n% a tiny test file\n"


def _send_decision(person, municipality, key="case-1"):
    return notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key=key,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("nl", "Beslissing over uw aanvraag 2025-000123", "Beste Jan Peeters,"),
        ("fr", "Décision concernant votre demande 2025-000123", "Bonjour Jan Peeters,"),
        ("en", "Decision on your request 2025-000123", "Dear Jan Peeters,"),
    ],
)
def test_email_arrives_in_the_residents_language(
    smtp_server, municipality, language, subject, greeting
):
    person = PersonFactory(
        municipality=municipality,
        first_names="Jan",
        last_name="Peeters",
        preferred_language=language,
        preferred_channels=["email"],
        email="jan@example.test",
    )
    notification = _send_decision(person, municipality)

    assert run_queued_deliveries() == 1

    [message] = smtp_server.messages
    assert message["To"] == "jan@example.test"
    assert message["From"] == "loket@gemeente.test"
    assert message["Subject"] == subject
    assert message["Message-ID"] == notification.message_id
    assert message["Content-Language"] == language
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert text.startswith(greeting)
    assert "Uw aanvraag is goedgekeurd." in text
    assert f'<html lang="{language}">' in html
    assert greeting in html
    assert '<a href="https://loket.test/mijn/dossiers/1/"' in html
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "email"
    assert stored.subject == subject
    assert stored.delivered_at is not None
    assert list(stored.attempts.values_list("channel", "outcome", "status_after")) == [
        ("email", "delivered", "delivered")
    ]


@pytest.mark.django_db
def test_email_carries_pdf_and_calendar_attachments(smtp_server, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["email"], preferred_language="nl"
    )
    notification_send(
        recipient=person,
        event="appointment.confirmed",
        context=APPOINTMENT,
        municipality=municipality,
        idempotency_key="appointment-9",
        attachments=[
            AttachmentFile("afspraak.ics", "text/calendar", ICS),
            AttachmentFile("bevestiging.pdf", "application/pdf", PDF),
        ],
    )

    run_queued_deliveries()

    [message] = smtp_server.messages
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(attachments) == {"afspraak.ics", "bevestiging.pdf"}
    assert attachments["afspraak.ics"].get_content_type() == "text/calendar"
    assert attachments["afspraak.ics"].get_payload(decode=True) == ICS
    assert attachments["bevestiging.pdf"].get_content_type() == "application/pdf"
    assert attachments["bevestiging.pdf"].get_payload(decode=True) == PDF
    # The date is written out for a Dutch reader.
    assert message["Subject"] == "Uw afspraak: Identiteitskaart op 14 maart 2025 10:30"


@pytest.mark.django_db
def test_staff_are_told_by_email_in_their_language(smtp_server, municipality):
    user = UserFactory(email="clerk@gemeente.test", preferred_language="fr")
    notification_send(
        recipient=user,
        event="staff.task_assigned",
        context={"task_title": "Demande 12", "task_url": "https://loket.test/bo/12/"},
        municipality=municipality,
        idempotency_key="task-12",
    )

    run_queued_deliveries()

    [message] = smtp_server.messages
    assert message["To"] == "clerk@gemeente.test"
    assert message["Subject"] == "Nouveau pour vous : Demande 12"


@pytest.mark.django_db
def test_a_job_that_runs_twice_sends_once(smtp_server, municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["email"])
    notification = _send_decision(person, municipality)

    assert notification_deliver(notification_id=notification.pk) is None
    assert notification_deliver(notification_id=notification.pk) is None

    assert len(smtp_server.messages) == 1
    assert refreshed(notification).attempts.count() == 1


@pytest.mark.django_db
def test_an_interrupted_send_is_logged_and_sent_again(smtp_server, municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["email"])
    notification = _send_decision(person, municipality)
    # What a worker killed between "sending" and the answer of the server leaves behind.
    Notification.objects.filter(pk=notification.pk).update(
        status="sending", channel="email", attempt_count=1, sending_started_at=timezone.now()
    )

    notification_deliver(notification_id=notification.pk)

    [message] = smtp_server.messages
    assert message["Message-ID"] == notification.message_id
    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.attempt_count == 2
    assert list(stored.attempts.values_list("outcome", flat=True)) == ["interrupted", "delivered"]


@pytest.mark.django_db
def test_smtp_down_is_a_temporary_failure_with_backoff(smtp_server, municipality, settings):
    settings.LOKET_NOTIFY_RETRY_BASE_SECONDS = 60
    person = PersonFactory(municipality=municipality, preferred_channels=["email"])
    notification = _send_decision(person, municipality)
    smtp_server.stop()

    before = timezone.now()
    retry_at = notification_deliver(notification_id=notification.pk)

    stored = refreshed(notification)
    assert stored.status == "queued"
    assert stored.temporary_failures == 1
    assert retry_at == stored.next_attempt_at
    # First retry: 60 s with jitter, between 30 and 60 seconds from now.
    assert (
        before + dt.timedelta(seconds=29) <= retry_at <= timezone.now() + dt.timedelta(seconds=61)
    )
    [attempt] = stored.attempts.all()
    assert attempt.outcome == "temporary_failure"
    assert "ConnectionRefusedError" in attempt.detail
    # Too early: the job does nothing and says when to come back.
    assert notification_deliver(notification_id=notification.pk) == retry_at
    assert stored.attempts.count() == 1


@pytest.mark.django_db
def test_after_n_temporary_failures_the_next_channel_is_used(smtp_server, municipality, settings):
    settings.LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK = 2
    person = PersonFactory(municipality=municipality, preferred_channels=["email", "portal"])
    notification = _send_decision(person, municipality)
    smtp_server.stop()

    notification_deliver(notification_id=notification.pk)
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)
    assert notification_deliver(notification_id=notification.pk) is None

    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "portal"
    assert stored.channels_given_up == ["email"]
    assert list(stored.attempts.values_list("channel", "outcome")) == [
        ("email", "temporary_failure"),
        ("email", "temporary_failure"),
        ("portal", "delivered"),
    ]
    assert InboxMessage.objects.get().subject == "Beslissing over uw aanvraag 2025-000123"


@pytest.mark.django_db
def test_on_the_last_channel_it_retries_until_the_maximum_then_fails(
    smtp_server, municipality, settings
):
    settings.LOKET_NOTIFY_MAX_ATTEMPTS = 3
    user = UserFactory(email="clerk@gemeente.test")
    notification = notification_send(
        recipient=user,
        event="staff.task_assigned",
        context={"task_title": "T", "task_url": "https://loket.test/"},
        municipality=municipality,
        idempotency_key="t",
    )
    smtp_server.stop()

    results = []
    for _ in range(3):
        results.append(notification_deliver(notification_id=notification.pk))
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)

    assert results[0] is not None
    assert results[1] is not None
    assert results[2] is None
    stored = refreshed(notification)
    assert stored.status == "failed"
    assert list(stored.attempts.values_list("outcome", flat=True)) == [
        "temporary_failure",
        "temporary_failure",
        "failed",
    ]


@pytest.mark.django_db
def test_a_refused_address_is_permanent_and_falls_back_at_once(smtp_server, municipality):
    person = PersonFactory(
        municipality=municipality, preferred_channels=["email", "portal"], email="gone@example.test"
    )
    smtp_server.refused_recipients.add("gone@example.test")
    notification = _send_decision(person, municipality)

    assert notification_deliver(notification_id=notification.pk) is None

    stored = refreshed(notification)
    assert stored.status == "delivered"
    assert stored.channel == "portal"
    attempts = list(stored.attempts.values_list("channel", "outcome", "detail"))
    assert attempts[0][:2] == ("email", "permanent_failure")
    assert "550" in attempts[0][2]
    assert attempts[1][:2] == ("portal", "delivered")
    assert smtp_server.messages == []
    assert DeliveryAttempt.objects.count() == 2
