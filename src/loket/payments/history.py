"""Appending to a payment request's history: the one way `PaymentRequestEvent` rows are
made. There is no function that changes or removes one; the database refuses it too
(migration 0002)."""

from __future__ import annotations

from loket.payments.models import PaymentEventKind, PaymentRequest, PaymentRequestEvent


def payment_event_append(
    *,
    payment_request: PaymentRequest,
    kind: PaymentEventKind,
    from_status: str = "",
    to_status: str = "",
    by_user_id: int | None = None,
    note: str = "",
) -> PaymentRequestEvent:
    """Append one event inside the caller's transaction."""
    return PaymentRequestEvent.objects.create(
        payment_request=payment_request,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        by_id=by_user_id,
        note=note,
    )
