"""Appending to a registration's history: the one way `RegistrationEvent` rows are made.

There is deliberately no function that changes or removes an event; the database refuses
it too (migration 0002).
"""

from __future__ import annotations

from loket.activities.models import Registration, RegistrationEvent
from loket.tenancy.access import Actor


def registration_event_append(
    *,
    registration: Registration,
    kind: str,
    actor: Actor | None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> RegistrationEvent:
    """Append one event inside the caller's transaction."""
    return RegistrationEvent.objects.create(
        registration=registration,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note[:200],
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_person_id=actor.person_id if actor is not None and actor.is_resident else None,
    )
