"""Appending to a booking's history: the one way `BookingEvent` rows are made.

There is deliberately no function that changes or removes an event; the database refuses
it too (migration 0002).
"""

from __future__ import annotations

from django.utils import timezone

from loket.resources.models import Booking, BookingEvent, BookingEventKind
from loket.tenancy.access import Actor


def booking_event_append(
    *,
    booking: Booking,
    kind: BookingEventKind,
    actor: Actor | None,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
) -> BookingEvent:
    """Append one event (inside the caller's transaction) and touch the booking."""
    now = timezone.now()
    event = BookingEvent.objects.create(
        booking=booking,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message,
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_person_id=actor.person_id if actor is not None and actor.is_resident else None,
        actor_api_client_id=actor.api_client_id if actor is not None else None,
        created_at=now,
    )
    Booking.objects.filter(pk=booking.pk).update(updated_at=now)
    booking.updated_at = now
    return event
