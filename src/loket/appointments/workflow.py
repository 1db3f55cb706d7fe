"""The lifecycle of an appointment, as data.

    booked ──► held        (the resident came; recorded by staff)
       │ ──► no_show     (the resident did not come; recorded by staff)
       └──► cancelled   (by the resident, online or with the manage link, or by staff)

A booked appointment may be moved to another time (rescheduled) without leaving `booked`.
`appointment_transition` applies a move through loket.core.lifecycle (lock, check, history
event); nothing else changes an appointment's status. The lifecycle of a guest message
(`queued → sent | failed`) is here too.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core import lifecycle
from loket.tenancy.permissions import Permission


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class AppointmentChannel(models.TextChoices):
    """How an appointment was booked."""

    ONLINE = "online", _("Online")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    API = "api", _("Through an integration")


class Party(StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"


S = AppointmentStatus
P = Permission

TRANSITIONS: tuple[lifecycle.Transition, ...] = (
    lifecycle.Transition(S.BOOKED, S.HELD, Party.STAFF, P.APPOINTMENTS_BOOK),
    lifecycle.Transition(S.BOOKED, S.NO_SHOW, Party.STAFF, P.APPOINTMENTS_BOOK),
    lifecycle.Transition(S.BOOKED, S.CANCELLED, Party.STAFF, P.APPOINTMENTS_BOOK),
    lifecycle.Transition(S.BOOKED, S.CANCELLED, Party.RESIDENT),
    # A mistake at the counter is corrected the same day.
    lifecycle.Transition(S.NO_SHOW, S.HELD, Party.STAFF, P.APPOINTMENTS_BOOK),
)


def _refusal(source: str, target: str, party: str) -> Exception:
    wanted = AppointmentStatus(target).label if target in AppointmentStatus.values else target
    message = gettext("An appointment that is “%(from)s” cannot become “%(to)s”.") % {
        "from": AppointmentStatus(source).label,
        "to": wanted,
    }
    return ValidationError({"to_status": ValidationError(message, code="transition_not_allowed")})


LIFECYCLE = lifecycle.Lifecycle(
    name="appointment", statuses=AppointmentStatus, transitions=TRANSITIONS, refusal=_refusal
)

# Statuses that hold a desk: the database refuses two of them overlapping at one desk.
ACTIVE_STATUSES: frozenset[str] = frozenset({S.BOOKED, S.HELD, S.NO_SHOW})


class GuestMessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


GUEST_MESSAGE_LIFECYCLE = lifecycle.Lifecycle(
    name="appointment guest message",
    statuses=GuestMessageStatus,
    transitions=(
        lifecycle.Transition(GuestMessageStatus.QUEUED, GuestMessageStatus.SENT),
        lifecycle.Transition(GuestMessageStatus.QUEUED, GuestMessageStatus.FAILED),
    ),
)
