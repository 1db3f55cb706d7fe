"""What happens when a payment request is paid in full: the next step of its subject.

A domain that asks for payments registers one callable per subject type, for example the
cases domain for "case" (the case moves on) and reservations for "reservation" (the
reservation is confirmed). The payments services call it explicitly, inside the same
transaction as the payment that completed the request, exactly once per request. An
exception in the handler rolls the payment back with it, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loket.payments.models import PaymentRequest

PaymentCompletedHandler = Callable[["PaymentRequest"], None]

payment_completed_handlers: dict[str, PaymentCompletedHandler] = {}


def payment_completed_handler_register(subject_type: str, handler: PaymentCompletedHandler) -> None:
    """Register the handler of a subject type (one per type; registering again replaces it)."""
    payment_completed_handlers[subject_type] = handler


def payment_completed_handler_unregister(subject_type: str) -> None:
    payment_completed_handlers.pop(subject_type, None)


def payment_completed_handler_for(subject_type: str) -> PaymentCompletedHandler | None:
    return payment_completed_handlers.get(subject_type)
