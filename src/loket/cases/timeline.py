"""Appending to a case's timeline: the one way `CaseEvent` rows are made.

There is deliberately no function that changes or removes an event; the database refuses
it too (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from loket.cases.models import Case, CaseEvent, CaseEventKind
from loket.tenancy.access import Actor


def case_event_append(
    *,
    case: Case,
    kind: CaseEventKind,
    actor: Actor | None,
    message: str = "",
    is_public: bool = True,
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Append one event (inside the caller's transaction) and touch the case."""
    now = timezone.now()
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        is_public=is_public,
        message=message,
        data=data or {},
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_person_id=actor.person_id if actor is not None and actor.is_resident else None,
        actor_api_client_id=actor.api_client_id if actor is not None else None,
        created_at=now,
    )
    Case.objects.filter(pk=case.pk).update(updated_at=now)
    case.updated_at = now
    return event
