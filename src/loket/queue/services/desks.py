"""What a desk does: open and close (a break), call the next ticket, move it along.

Calling is safe when several desks call at the same moment: the next waiting ticket is
picked with `SELECT … FOR UPDATE SKIP LOCKED`, so a ticket another desk is calling is
skipped rather than called twice, and nobody waits for another desk's transaction.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.appointments.models import Desk
from loket.core.lifecycle import Transition, transition_apply
from loket.queue import notifications
from loket.queue.history import ticket_event_append
from loket.queue.models import DeskSession, Ticket, TicketEvent
from loket.queue.selectors import (
    desk_get_visible,
    ticket_at_desk,
    ticket_get_visible,
    waiting_in_calling_order,
)
from loket.queue.services.appointments import appointment_outcome_record
from loket.queue.workflow import LIFECYCLE, Party, TicketStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


def _session_open(actor: Actor, desk: Desk) -> DeskSession:
    session = DeskSession.objects.filter(desk=desk, closed_at__isnull=True).first()
    if session is not None:
        return session
    try:
        with transaction.atomic():
            return DeskSession.objects.create(
                municipality_id=desk.municipality_id, desk=desk, user=actor.user
            )
    except IntegrityError:  # another request opened it at the same moment
        return DeskSession.objects.get(desk=desk, closed_at__isnull=True)


@transaction.atomic
def desk_session_open(*, actor: Actor, desk_id: int) -> DeskSession:
    """The clerk opens the desk: it counts for the estimate and may call tickets."""
    desk = desk_get_visible(actor=actor, desk_id=desk_id)
    return _session_open(actor, desk)


@transaction.atomic
def desk_session_close(*, actor: Actor, desk_id: int) -> int:
    """The desk closes (a break, the end of the day) once nobody is at it."""
    desk = desk_get_visible(actor=actor, desk_id=desk_id)
    current = ticket_at_desk(desk=desk)
    if current is not None:
        raise ValidationError(
            _("Finish ticket %(code)s at this desk first.") % {"code": current.code},
            code="desk_busy",
        )
    return DeskSession.objects.filter(desk=desk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def _apply(
    actor: Actor, ticket: Ticket, target: str, at_desk: Desk | None, changes: dict[str, object]
) -> None:
    def history(transition: Transition, source: str) -> TicketEvent:
        return ticket_event_append(
            ticket=ticket, actor=actor, from_status=source, to_status=target, desk=at_desk
        )

    transition_apply(
        LIFECYCLE,
        instance=ticket,
        target=target,
        party=Party.STAFF,
        actor=actor,
        history=history,
        changes=changes,
    )


@transaction.atomic
def ticket_call_next(*, actor: Actor, desk_id: int) -> Ticket | None:
    """Call the next ticket to this desk (appointments due now, then priority, then in
    order of arrival); None when nobody waits. The desk opens if it was closed."""
    desk = desk_get_visible(actor=actor, desk_id=desk_id)
    # The desk's open session is locked until the call commits: two clicks on one desk
    # call one ticket, the second is told to finish it first.
    session = _session_open(actor, desk)
    DeskSession.objects.select_for_update().filter(pk=session.pk).get()
    current = ticket_at_desk(desk=desk)
    if current is not None:
        raise ValidationError(
            _("Finish ticket %(code)s at this desk first.") % {"code": current.code},
            code="desk_busy",
        )
    now = timezone.now()
    ticket = (
        waiting_in_calling_order(office=desk.office, now=now)
        # Only the ticket row is locked (`of`): locking the joined office row as well would
        # make every other desk skip every ticket.
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("queue", "office")
        .first()
    )
    if ticket is None:
        return None
    changes = {"desk": desk, "called_at": now, "called_by": actor.user}
    _apply(actor, ticket, TicketStatus.CALLED, desk, changes)
    notifications.soon_alerts_send(office=desk.office, now=now)
    return ticket


@transaction.atomic
def ticket_transition(*, actor: Actor, ticket_id: int, to_status: str) -> Ticket:
    """Move a called ticket along: the resident came (serving), did not come (no_show), is
    done, or goes back into the queue (waiting); or cancel a waiting ticket."""
    ticket = ticket_get_visible(actor=actor, ticket_id=ticket_id, permission=Permission.QUEUE_SERVE)
    now = timezone.now()
    changes: dict[str, object] = {}
    if to_status == TicketStatus.SERVING:
        changes["serving_at"] = now
    elif to_status in {TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED}:
        changes["finished_at"] = now
    elif to_status == TicketStatus.WAITING:
        changes.update(desk=None, called_at=None, called_by=None)
    _apply(actor, ticket, to_status, ticket.desk, changes)
    appointment_outcome_record(actor=actor, ticket=ticket, to_status=to_status)
    return ticket
