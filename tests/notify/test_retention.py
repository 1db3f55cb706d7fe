"""Retention of messages to residents: a message past its period loses the resident, its
texts, the inbox copy, the letter's address and the delivery log's details; a recent message
and a message to staff are untouched; the counts per event, channel and status stay the
same (loket.notify.retention, docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone
from tests.factories import PersonFactory, staff_member

from loket.audit.models import AnonymisationRecord
from loket.audit.retention import retention_run
from loket.notify.letters import letter_batch_build, letter_batch_path
from loket.notify.models import DeliveryAttempt, InboxMessage, Letter, Notification
from loket.notify.services import notification_bounce_record, notification_send
from loket.notify.workflow import AttemptOutcome, NotificationStatus
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role

pytestmark = pytest.mark.django_db

SECRET = "Uw aanvraag voor een parkeerkaart in de Kerkstraat 12 is goedgekeurd."


def _sent(municipality: Municipality, recipient: object, key: str, days_ago: int) -> Notification:
    notification = notification_send(
        recipient=recipient,  # type: ignore[arg-type]
        event="decision.made",
        context={
            "case_reference": "2025-000123",
            "case_title": "Parkeerkaart",
            "decision": SECRET,
            "case_url": "https://loket.test/mijn/dossiers/1/",
        },
        municipality=municipality,
        idempotency_key=key,
        reply_to="info@gemeente.test",
    )
    # As if it went out `days_ago` days ago (setting up a test, not a feature).
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.DELIVERED,
        channel="email",
        subject="Beslissing",
        body=SECRET,
        created_at=timezone.now() - dt.timedelta(days=days_ago),
        delivered_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    DeliveryAttempt.objects.create(
        notification=notification,
        channel="email",
        outcome=AttemptOutcome.DELIVERED,
        status_after=NotificationStatus.DELIVERED,
        detail="250 accepted for jan.peeters@example.test",
    )
    notification.refresh_from_db()
    return notification


def _counts() -> list[dict[str, object]]:
    return list(
        Notification.objects.values("municipality_id", "event", "channel", "status")
        .annotate(n=Count("pk"), attempts=Count("attempts"))
        .order_by("event", "channel", "status", "n")
    )


def test_a_message_past_its_period_is_anonymised_and_the_rest_untouched(
    municipality: Municipality,
    django_capture_on_commit_callbacks: Any,
) -> None:
    resident = PersonFactory(municipality=municipality)
    old = _sent(municipality, resident, "old", 3 * 365)
    InboxMessage.objects.create(
        person=resident, notification=old, subject="Beslissing", body=SECRET
    )
    Letter.objects.create(
        notification=old,
        municipality=municipality,
        day=dt.date(2023, 5, 2),
        recipient_name="Jan Peeters",
        address_lines=["Kerkstraat 12", "8500 Kortrijk"],
        language="nl",
        subject="Beslissing",
        body=SECRET,
    )
    batch = letter_batch_build(municipality=municipality, day=dt.date(2023, 5, 2))
    assert batch is not None
    printed = letter_batch_path(batch)
    assert printed.exists()
    recent = _sent(municipality, resident, "recent", 30)
    to_staff = _sent(municipality, staff_member(municipality, Role.HANDLER), "staff", 3 * 365)
    recent_before = Notification.objects.filter(pk=recent.pk).values().get()
    staff_before = Notification.objects.filter(pk=to_staff.pk).values().get()
    counts = _counts()

    with django_capture_on_commit_callbacks(execute=True):
        plan = retention_run()

    anonymised = Notification.objects.get(pk=old.pk)
    assert (anonymised.person_id, anonymised.recipient_key) == (None, "anonymised")
    assert (anonymised.subject, anonymised.body, anonymised.context) == ("", "", {})
    assert anonymised.reply_to == ""
    assert (anonymised.event, anonymised.channel, anonymised.status) == (
        "decision.made",
        "email",
        NotificationStatus.DELIVERED,
    )
    assert not InboxMessage.objects.filter(notification=old).exists()
    letter = Letter.objects.get(notification=old)
    assert (letter.recipient_name, letter.address_lines, letter.body) == ("", [], "")
    # The printed batch named only this resident: its file is gone.
    assert not printed.exists()
    batch.refresh_from_db()
    assert batch.file_name == ""
    assert list(
        DeliveryAttempt.objects.filter(notification=old).values_list("detail", flat=True)
    ) == [""]
    assert Notification.objects.filter(pk=recent.pk).values().get() == recent_before
    assert Notification.objects.filter(pk=to_staff.pk).values().get() == staff_before
    assert _counts() == counts
    assert plan.counts == {(municipality.slug, "notifications"): 1}
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("notifications", old.pk)
    }
    assert retention_run().total == 0
    # A bounce arriving afterwards sends nothing and keeps nothing about it.
    notification_bounce_record(
        notification_id=old.pk, channel="email", detail="550 jan.peeters@example.test unknown"
    )
    assert Notification.objects.get(pk=old.pk).status == NotificationStatus.DELIVERED
    assert "jan.peeters" not in " ".join(
        DeliveryAttempt.objects.filter(notification=old).values_list("detail", flat=True)
    )
    # The resident's own list of messages no longer holds it.
    assert list(Notification.objects.filter(person=resident).values_list("pk", flat=True)) == [
        recent.pk
    ]
