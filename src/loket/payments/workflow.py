"""The lifecycles of payments, as data: payment requests, online payments and the credit
lines of bank statements.

A request's status follows from the ledger (what was paid and refunded) and from a
cancellation; `payment_status_derive` computes it and REQUEST_LIFECYCLE says which changes
may happen. Online payments follow their provider's webhooks and refunds; statement lines
are matched on import and reconciled or ignored by staff.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class PaymentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    OVERPAID = "overpaid", _("Overpaid")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


S = PaymentStatus


def _request_refusal(source: str, target: str, party: str) -> Exception:
    return ValidationError(
        gettext("A payment request cannot go from %(current)s to %(new)s.")
        % {"current": PaymentStatus(source).label, "new": PaymentStatus(target).label}
    )


def _moves(source: PaymentStatus, *targets: PaymentStatus) -> tuple[Transition, ...]:
    return tuple(Transition(source, target) for target in targets)


# The ledger moves a request; only cancelling is a decision of staff (checked by the
# service, which also requires that nothing was paid).
REQUEST_LIFECYCLE = Lifecycle(
    name="payment request",
    statuses=PaymentStatus,
    transitions=(
        *_moves(S.OPEN, S.PARTIALLY_PAID, S.PAID, S.OVERPAID, S.CANCELLED),
        *_moves(S.PARTIALLY_PAID, S.PAID, S.OVERPAID, S.REFUNDED),
        *_moves(S.PAID, S.OVERPAID, S.PARTIALLY_PAID, S.REFUNDED),
        *_moves(S.OVERPAID, S.PAID, S.PARTIALLY_PAID, S.REFUNDED),
    ),
    refusal=_request_refusal,
)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = REQUEST_LIFECYCLE.targets()

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


class OnlinePaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the provider")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed or cancelled")
    REFUNDED = "refunded", _("Refunded")


OS = OnlinePaymentStatus

# Provider webhooks move a checkout; a "paid" after a "failed" is believed (the payer
# retried on the provider's page). A full refund ends it; a partial one keeps it paid.
ONLINE_LIFECYCLE = Lifecycle(
    name="online payment",
    statuses=OnlinePaymentStatus,
    transitions=(
        Transition(OS.PENDING, OS.PAID),
        Transition(OS.PENDING, OS.FAILED),
        Transition(OS.FAILED, OS.PAID),
        Transition(OS.PAID, OS.REFUNDED),
    ),
)


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Matched automatically")
    RECONCILED = "reconciled", _("Reconciled by staff")
    UNMATCHED = "unmatched", _("Not matched")
    AMBIGUOUS = "ambiguous", _("Several possible matches")
    IGNORED = "ignored", _("Not a payment for Loket")


QUEUE_STATUSES = (LineStatus.UNMATCHED, LineStatus.AMBIGUOUS)


def _line_refusal(source: str, target: str, party: str) -> Exception:
    return ValidationError(gettext("This bank line has been handled already."))


def _line_reason_refusal(transition: Transition) -> Exception:
    return ValidationError({"note": gettext("Say what this money is.")})


# A line gets its first status when it is imported (matched, unmatched or ambiguous);
# staff then handle what waits in the queue.
LINE_LIFECYCLE = Lifecycle(
    name="bank statement line",
    statuses=LineStatus,
    transitions=tuple(
        transition
        for source in QUEUE_STATUSES
        for transition in (
            Transition(source, LineStatus.RECONCILED, permission=Permission.PAYMENTS_RECONCILE),
            Transition(
                source,
                LineStatus.IGNORED,
                permission=Permission.PAYMENTS_RECONCILE,
                reason_required=True,
            ),
        )
    ),
    refusal=_line_refusal,
    reason_refusal=_line_reason_refusal,
)
