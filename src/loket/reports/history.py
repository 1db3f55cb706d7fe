"""Appending to a report's history: the one way `ReportEvent` rows are made.

There is deliberately no function that changes or removes an event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loket.people.models import Person
from loket.reports.models import EventKind, Report, ReportEvent
from loket.tenancy.access import Actor


def report_event_append(
    *,
    report: Report,
    kind: EventKind,
    actor: Actor | None,
    from_status: str = "",
    to_status: str = "",
    message: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    actor_person: Person | None = None,
    created_at: dt.datetime | None = None,
) -> ReportEvent:
    """Append one event inside the caller's transaction.

    The staff member (or the resident) behind `actor` is recorded; `actor_person` names a
    resident who acted without signing in (a follower known by their register entry).
    """
    person_id = actor_person.pk if actor_person is not None else None
    if person_id is None and actor is not None and actor.is_resident:
        person_id = actor.person_id
    return ReportEvent.objects.create(
        report=report,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message,
        note=note,
        data=data or {},
        actor_user=actor.user if actor is not None and actor.is_staff else None,
        actor_person_id=person_id,
        created_at=created_at or timezone.now(),
    )
