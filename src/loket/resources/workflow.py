"""The lifecycle of a booking, as data.

    requested ──► approved ──► cancelled
        │  └──────────────────► cancelled
        └──► refused

A resource that needs no approval books straight into `approved`. Staff approve or refuse
(with a reason the requester reads); the requester cancels a requested or approved booking,
and staff cancel one with a reason. `requested` and `approved` hold the resource: only
bookings in those statuses take part in the database's no-overlap rule.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition
from loket.tenancy.permissions import Permission


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Confirmed")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class Party(StrEnum):
    STAFF = "staff"
    REQUESTER = "requester"


S = BookingStatus
P = Permission

# The statuses that hold a resource (the exclusion constraints' condition names them too).
HOLDING_STATUSES: tuple[str, ...] = (S.REQUESTED.value, S.APPROVED.value)


def _refusal(source: str, target: str, party: str) -> Exception:
    message = gettext("A booking that is “%(from)s” cannot become “%(to)s”.") % {
        "from": BookingStatus(source).label,
        "to": BookingStatus(target).label if target in BookingStatus.values else target,
    }
    return ValidationError({"to_status": ValidationError(message, code="transition_not_allowed")})


def _reason_refusal(transition: Transition) -> Exception:
    return ValidationError(
        {"reason": ValidationError(gettext("Give the reason; the requester will read it."))}
    )


def _not_started(transition: Transition, booking: Any) -> None:
    """The requester cancels only what has not started yet (staff can, with a reason)."""
    if transition.party == Party.REQUESTER and booking.starts_at <= timezone.now():
        raise ValidationError(
            {
                "to_status": ValidationError(
                    gettext("This booking has started; it can no longer be cancelled."),
                    code="started",
                )
            }
        )


LIFECYCLE = Lifecycle(
    name="booking",
    statuses=BookingStatus,
    transitions=(
        Transition(S.REQUESTED, S.APPROVED, Party.STAFF, P.RESOURCES_HANDLE),
        Transition(S.REQUESTED, S.REFUSED, Party.STAFF, P.RESOURCES_HANDLE, reason_required=True),
        Transition(S.REQUESTED, S.CANCELLED, Party.STAFF, P.RESOURCES_HANDLE, True),
        Transition(S.APPROVED, S.CANCELLED, Party.STAFF, P.RESOURCES_HANDLE, True),
        Transition(S.REQUESTED, S.CANCELLED, Party.REQUESTER),
        Transition(S.APPROVED, S.CANCELLED, Party.REQUESTER),
    ),
    refusal=_refusal,
    reason_refusal=_reason_refusal,
    guard=_not_started,
)
