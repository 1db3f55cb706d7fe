"""Queue tickets past their retention period lose the resident: the person link (a clerk's
ticket for a resident of the register), the mobile number and the e-mail address left for
the "your turn is near" message, the hash of an old ticket page link, and the address,
variables and delivery details of that message. The municipality, office, queue, number,
day, status, channel, priority, language, desk, clerk, estimate, the link to the appointment
checked in for (which loses its resident with its own period), the history and every time
stay, so the tickets called per month, the waiting times and the open-data waiting times do
not change (loket.audit.retention).

A ticket lives for one day: its page stops working at the end of it, so a ticket of an
earlier day is over whatever its status; a ticket of today is never due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.audit.retention import RetentionKind, retention_kind_register
from loket.queue.models import Ticket, TicketAlert


def _due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Ticket]:
    return Ticket.objects.filter(
        municipality_id=municipality_id, day__lt=timezone.localdate(cutoff)
    )


def tickets_anonymise(ids: Sequence[int]) -> None:
    Ticket.objects.filter(pk__in=ids).update(person=None, phone="", email="", legacy_token_hash="")
    TicketAlert.objects.filter(ticket_id__in=ids).update(address="", context={}, detail="")


retention_kind_register(
    RetentionKind(
        code="queue_tickets",
        label=_("Queue tickets"),
        default_days=90,
        minimum_days=30,
        basis=_(
            "Counted from the ticket's day. A ticket serves one visit, and the mobile number "
            "or e-mail address only the message that the resident's turn is near; kept long "
            "enough to answer a question or a complaint about a visit. Three months by "
            "default, never less than one."
        ),
        due=_due,
        anonymise=tickets_anonymise,
        order=55,
        kept=(
            "office",
            "queue",
            "number",
            "day",
            "status",
            "channel",
            "priority",
            "language",
            "desk",
            "clerk",
            "appointment",
            "history",
            "times",
        ),
    )
)
