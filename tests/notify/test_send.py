"""notification_send: one row and one job, in the caller's transaction, once per key."""

from __future__ import annotations

import pytest
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob
from tests.factories import PersonFactory, UserFactory
from tests.notify.conftest import queued_job_ids

from loket.notify.models import Notification
from loket.notify.queue import DELIVER_TASK
from loket.notify.services import notification_send

DECISION = {
    "case_reference": "2025-000123",
    "case_title": "Parkeerkaart",
    "decision": "Uw aanvraag is goedgekeurd.",
    "case_url": "https://loket.test/mijn/dossiers/1/",
}


@pytest.mark.django_db
def test_send_writes_a_queued_notification_and_its_job(municipality):
    person = PersonFactory(municipality=municipality, preferred_language="fr")

    notification = notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key="case-1-decision",
    )

    stored = Notification.objects.get()
    assert stored.pk == notification.pk
    assert stored.status == "queued"
    assert stored.language == "fr"
    assert stored.essential is True
    assert stored.recipient_key == f"person:{person.pk}"
    assert stored.context == DECISION
    assert stored.message_id.endswith("@gemeente.test>") or stored.message_id.startswith("<")
    job = ProcrastinateJob.objects.get(task_name=DELIVER_TASK)
    assert stored.job_id == job.id
    assert job.args == {"notification_id": notification.pk}
    assert job.status == "todo"
    assert job.queue_name == "notifications"
    assert job.lock == f"notification:{notification.pk}"
    assert job.queueing_lock == f"notification:{notification.pk}"


@pytest.mark.django_db
def test_the_same_event_for_the_same_recipient_and_key_is_sent_once(municipality):
    person = PersonFactory(municipality=municipality)
    first = notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key="case-1-decision",
    )
    with transaction.atomic():
        second = notification_send(
            recipient=person,
            event="decision.made",
            context=DECISION,
            municipality=municipality,
            idempotency_key="case-1-decision",
        )
        # The caller's transaction is still usable after the duplicate.
        assert Notification.objects.count() == 1

    other_key = notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key="case-2-decision",
    )

    assert second.pk == first.pk
    assert other_key.pk != first.pk
    assert Notification.objects.count() == 2
    assert len(queued_job_ids()) == 2


@pytest.mark.django_db
def test_staff_members_are_recipients_too(municipality):
    user = UserFactory(preferred_language="en")

    notification = notification_send(
        recipient=user,
        event="staff.task_assigned",
        context={"task_title": "Request 12", "task_url": "https://loket.test/bo/12/"},
        municipality=municipality,
        idempotency_key="task-12",
    )

    assert notification.staff_user == user
    assert notification.person is None
    assert notification.recipient_key == f"user:{user.pk}"
    assert notification.language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("event", "context", "key", "message"),
    [
        ("no.such.event", DECISION, "k", "no.such.event"),
        ("decision.made", {**DECISION, "extra": "x"}, "k", "unknown variables ['extra']"),
        ("decision.made", {"case_reference": "1"}, "k", "missing variables"),
        ("decision.made", DECISION, "", "idempotency key"),
    ],
)
def test_a_wrong_call_writes_nothing(municipality, event, context, key, message):
    person = PersonFactory(municipality=municipality)

    with pytest.raises(
        (ValueError, LookupError), match=message.replace("[", r"\[").replace("]", r"\]")
    ):
        notification_send(
            recipient=person,
            event=event,
            context=context,
            municipality=municipality,
            idempotency_key=key,
        )

    assert Notification.objects.count() == 0
    assert queued_job_ids() == []
