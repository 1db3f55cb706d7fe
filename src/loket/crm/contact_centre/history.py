"""Appending to a contact-centre question's history: the one way `ContactQuestionEvent` rows
are made. There is no function that changes or removes one; the database refuses it too
(migration crm 0006)."""

from __future__ import annotations

from django.utils import timezone

from loket.accounts.models import User
from loket.crm.contact_centre.models import ContactQuestion, ContactQuestionEvent
from loket.crm.contact_centre.workflow import EventKind
from loket.tenancy.models import Department, Municipality


def contact_question_event_append(
    *,
    contact_question: ContactQuestion,
    from_status: str,
    to_status: str,
    kind: str = EventKind.STATUS,
    note: str = "",
    actor_user: User | None = None,
    owner: User | None = None,
    from_municipality: Municipality | None = None,
    to_municipality: Municipality | None = None,
    from_department: Department | None = None,
    to_department: Department | None = None,
) -> ContactQuestionEvent:
    """Append one event inside the caller's transaction."""
    return ContactQuestionEvent.objects.create(
        contact_question=contact_question,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note,
        actor_user=actor_user,
        owner=owner,
        from_municipality=from_municipality,
        to_municipality=to_municipality,
        from_department=from_department,
        to_department=to_department,
        created_at=timezone.now(),
    )
