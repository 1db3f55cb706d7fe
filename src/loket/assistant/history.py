"""Appending to a handed-over question's history: the one way `ContactQuestionEvent` rows
are made. There is no function that changes or removes one; the database refuses it too
(migration 0002)."""

from __future__ import annotations

from loket.accounts.models import User
from loket.assistant.models import ContactQuestion, ContactQuestionEvent


def contact_question_event_append(
    *,
    contact_question: ContactQuestion,
    from_status: str,
    to_status: str,
    note: str = "",
    actor_user: User | None = None,
) -> ContactQuestionEvent:
    """Append one event inside the caller's transaction."""
    return ContactQuestionEvent.objects.create(
        contact_question=contact_question,
        from_status=from_status,
        to_status=to_status,
        note=note,
        actor_user=actor_user,
    )
