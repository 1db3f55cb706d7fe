"""loket.core.history.append_only: the database refuses to change or delete history."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from loket.crm.contact_centre.history import contact_question_event_append
from loket.crm.models import ContactQuestion, ContactQuestionEvent
from loket.tenancy.models import Municipality


def test_a_contact_question_event_cannot_be_changed_or_deleted(
    municipality: Municipality,
) -> None:
    question = ContactQuestion.objects.create(
        municipality=municipality,
        question="Where is my parcel?",
        language="nl",
        due_at=timezone.now(),
        created_at=timezone.now(),
    )
    event = contact_question_event_append(
        contact_question=question, from_status="", to_status="open"
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactQuestionEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactQuestionEvent.objects.filter(pk=event.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM crm_contactquestionevent WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert (event.note, event.to_status) == ("", "open")
