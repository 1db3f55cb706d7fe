"""Appending to a ticket's history: the one way `TicketEvent` rows are made.

There is deliberately no function that changes or removes an event; the database refuses
it too (migration 0002).
"""

from __future__ import annotations

from django.utils import timezone

from loket.appointments.models import Desk
from loket.queue.models import Ticket, TicketEvent
from loket.tenancy.access import Actor


def ticket_event_append(
    *,
    ticket: Ticket,
    actor: Actor | None,
    to_status: str,
    from_status: str = "",
    desk: Desk | None = None,
) -> TicketEvent:
    """Append one event, inside the caller's transaction."""
    return TicketEvent.objects.create(
        ticket=ticket,
        from_status=from_status,
        to_status=to_status,
        desk=desk,
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_api_client_id=actor.api_client_id if actor is not None else None,
        created_at=timezone.now(),
    )
