"""Appending to an idea's history: the one way `IdeaEvent` rows are made.

There is deliberately no function that changes or removes an event.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from loket.participation.models import Idea, IdeaEvent, IdeaEventKind
from loket.tenancy.access import Actor


def idea_event_append(
    *,
    idea: Idea,
    kind: IdeaEventKind,
    actor: Actor | None,
    is_public: bool,
    from_status: str = "",
    to_status: str = "",
    message: str = "",
    data: dict[str, Any] | None = None,
) -> IdeaEvent:
    """Append one event inside the caller's transaction; staff behind `actor` are recorded
    (a resident's own steps are the idea's author's)."""
    return IdeaEvent.objects.create(
        idea=idea,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message,
        is_public=is_public,
        data=data or {},
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        created_at=timezone.now(),
    )
