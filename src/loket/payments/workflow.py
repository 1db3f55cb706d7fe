"""The lifecycle of a payment request, as data.

The status follows from the ledger (what was paid and refunded) and from a cancellation;
`payment_status_derive` computes it and ALLOWED_TRANSITIONS says which changes may happen.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    OVERPAID = "overpaid", _("Overpaid")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


S = PaymentStatus

ALLOWED_TRANSITIONS: dict[PaymentStatus, frozenset[PaymentStatus]] = {
    S.OPEN: frozenset({S.PARTIALLY_PAID, S.PAID, S.OVERPAID, S.CANCELLED}),
    S.PARTIALLY_PAID: frozenset({S.PAID, S.OVERPAID, S.REFUNDED}),
    S.PAID: frozenset({S.OVERPAID, S.PARTIALLY_PAID, S.REFUNDED}),
    S.OVERPAID: frozenset({S.PAID, S.PARTIALLY_PAID, S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

# Statuses in which money may still be received and booked automatically.
RECEIVING_STATUSES = frozenset({S.OPEN, S.PARTIALLY_PAID, S.PAID, S.OVERPAID})
# Statuses in which the amount is not (fully) received yet.
OUTSTANDING_STATUSES = frozenset({S.OPEN, S.PARTIALLY_PAID})


def payment_status_derive(
    *, amount_cents: int, paid_cents: int, refunded_cents: int, is_cancelled: bool
) -> PaymentStatus:
    """The status that a request with these totals has."""
    net = paid_cents - refunded_cents
    if refunded_cents > 0 and net <= 0:
        return S.REFUNDED
    if is_cancelled:
        return S.CANCELLED
    if net <= 0:
        return S.OPEN
    if net < amount_cents:
        return S.PARTIALLY_PAID
    if net == amount_cents:
        return S.PAID
    return S.OVERPAID


def payment_transition_is_allowed(current: PaymentStatus, new: PaymentStatus) -> bool:
    return current == new or new in ALLOWED_TRANSITIONS[current]
