"""The lifecycle of a ticket, as data.

    waiting ──► called ──► serving ──► done
       │          │  │
       │          │  └──► no_show
       │          └──► waiting (called back into the queue: the desk had to stop)
       └──► cancelled (by the resident on their phone, or by staff)

Staff moves need queue.serve in the ticket's municipality; the resident holding the ticket
(its phone page) may only cancel a waiting ticket. `ticket_transition` and
`ticket_call_next` apply moves through loket.core.lifecycle (lock, check, history row).
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core import lifecycle
from loket.core.lifecycle import Transition
from loket.tenancy.permissions import Permission


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("At the desk")
    DONE = "done", _("Done")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class Party(StrEnum):
    STAFF = "staff"
    HOLDER = "holder"  # whoever holds the ticket (its phone page)


S = TicketStatus
P = Permission.QUEUE_SERVE

LIFECYCLE = lifecycle.Lifecycle(
    name="ticket",
    statuses=TicketStatus,
    transitions=(
        Transition(S.WAITING, S.CALLED, Party.STAFF, P),
        Transition(S.CALLED, S.SERVING, Party.STAFF, P),
        Transition(S.CALLED, S.NO_SHOW, Party.STAFF, P),
        Transition(S.CALLED, S.WAITING, Party.STAFF, P),
        Transition(S.SERVING, S.DONE, Party.STAFF, P),
        Transition(S.WAITING, S.CANCELLED, Party.STAFF, P),
        Transition(S.WAITING, S.CANCELLED, Party.HOLDER),
    ),
)

OPEN_STATUSES = frozenset({S.WAITING, S.CALLED, S.SERVING})
AT_DESK_STATUSES = frozenset({S.CALLED, S.SERVING})
FINAL_STATUSES = frozenset({S.DONE, S.NO_SHOW, S.CANCELLED})


class AlertStatus(models.TextChoices):
    """A text message or e-mail to a ticket holder known only by that address."""

    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


ALERT_LIFECYCLE = lifecycle.Lifecycle(
    name="ticket alert",
    statuses=AlertStatus,
    transitions=(
        Transition(AlertStatus.QUEUED, AlertStatus.SENT),
        Transition(AlertStatus.QUEUED, AlertStatus.FAILED),
    ),
)
