"""Appending to a meeting's history: the one way `MeetingEvent` rows are made.

There is deliberately no function that changes or removes an event; the database refuses
it too (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from loket.council.models import Meeting, MeetingEvent, MeetingEventKind
from loket.tenancy.access import Actor


def meeting_event_append(
    *,
    meeting: Meeting,
    kind: MeetingEventKind,
    actor: Actor | None,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> MeetingEvent:
    """Append one event, inside the caller's transaction."""
    return MeetingEvent.objects.create(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message,
        data=data or {},
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_api_client_id=actor.api_client_id if actor is not None else None,
        created_at=timezone.now(),
    )
