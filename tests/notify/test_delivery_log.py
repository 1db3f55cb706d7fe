"""The delivery log of a notification is append-only (migration 0002)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from tests.factories import PersonFactory

from loket.notify.models import DeliveryAttempt, Notification
from loket.notify.services import notification_send
from loket.notify.workflow import AttemptOutcome, NotificationStatus


@pytest.mark.django_db
def test_a_delivery_log_entry_cannot_be_changed_or_deleted(municipality):
    notification = notification_send(
        recipient=PersonFactory(municipality=municipality),
        event="decision.made",
        context={
            "case_reference": "2025-000123",
            "case_title": "Parkeerkaart",
            "decision": "Uw aanvraag is goedgekeurd.",
            "case_url": "https://loket.test/mijn/dossiers/1/",
        },
        municipality=municipality,
        idempotency_key="case-1-decision",
    )
    entry = DeliveryAttempt.objects.create(
        notification=notification,
        channel="email",
        outcome=AttemptOutcome.TEMPORARY_FAILURE,
        status_after=NotificationStatus.QUEUED,
        detail="421 try later",
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DeliveryAttempt.objects.filter(pk=entry.pk).update(outcome=AttemptOutcome.DELIVERED)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        DeliveryAttempt.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Notification.objects.filter(pk=notification.pk).delete()
    entry.refresh_from_db()
    assert (entry.outcome, entry.detail) == (AttemptOutcome.TEMPORARY_FAILURE, "421 try later")
