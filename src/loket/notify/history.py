"""Appending to a notification's delivery log: the one way `DeliveryAttempt` rows are made
through the ORM. (The hot path of delivery.py records sending → delivered and its entry in
one SQL statement.) There is no function that changes or removes an entry; the database
refuses it too (migration 0002)."""

from __future__ import annotations

from loket.notify.models import DeliveryAttempt, Notification
from loket.notify.workflow import AttemptOutcome


def delivery_attempt_append(
    notification: Notification,
    outcome: AttemptOutcome,
    *,
    channel: str = "",
    detail: str = "",
    reference: str = "",
) -> DeliveryAttempt:
    """Append one entry, with the status the notification has now, inside the caller's
    transaction."""
    return DeliveryAttempt.objects.create(
        notification=notification,
        channel=channel,
        outcome=outcome,
        status_after=notification.status,
        detail=detail[:2000],
        provider_reference=reference[:200],
    )
