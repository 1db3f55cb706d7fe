"""The notification and its job belong to the business transaction: a rollback sends nothing."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from procrastinate.contrib.django import app
from tests.factories import PersonFactory

from loket.notify.models import Notification
from loket.notify.queue import DELIVER_TASK
from loket.notify.services import notification_send
from loket.people.models import Person

DECISION = {
    "case_reference": "R-1",
    "case_title": "Premie",
    "decision": "Goedgekeurd.",
    "case_url": "https://loket.test/r/1/",
}


class BusinessRuleBroken(Exception):
    """What the calling domain raises after it asked for the notification."""


def _delivery_jobs() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = %s", [DELIVER_TASK]
        )
        count: int = cursor.fetchone()[0]
        return count


def _run_worker_until_idle() -> None:
    with app.replace_connector(app.connector.get_worker_connector()):
        app.run_worker(
            wait=False, install_signal_handlers=False, listen_notify=False, queues=["notifications"]
        )


@transaction.atomic
def _change_that_fails(person: Person, municipality: object) -> None:
    """A business write that asks for a notification, then breaks a rule."""
    Person.objects.filter(pk=person.pk).update(last_name="Changed")
    notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,  # type: ignore[arg-type]
        idempotency_key="gone",
    )
    assert Notification.objects.filter(person=person).count() == 1
    assert _delivery_jobs() == 2
    raise BusinessRuleBroken


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_nothing(smtp_server, municipality, monkeypatch):
    # The worker's threads close their database connections after each job (instead of
    # keeping them for the next one), so the test database can be dropped afterwards.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    committed = PersonFactory(
        municipality=municipality, preferred_channels=["email"], email="kept@example.test"
    )
    rolled_back = PersonFactory(
        municipality=municipality, preferred_channels=["email"], email="gone@example.test"
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs WHERE task_name = %s", [DELIVER_TASK])

    with transaction.atomic():
        notification_send(
            recipient=committed,
            event="decision.made",
            context=DECISION,
            municipality=municipality,
            idempotency_key="kept",
        )
    with pytest.raises(BusinessRuleBroken):
        _change_that_fails(rolled_back, municipality)

    assert Notification.objects.filter(person=rolled_back).count() == 0
    assert _delivery_jobs() == 1
    _run_worker_until_idle()

    assert [message["To"] for message in smtp_server.messages] == ["kept@example.test"]
    assert Notification.objects.get(person=committed).status == "delivered"
    assert Notification.objects.filter(person=rolled_back).count() == 0
    assert Person.objects.get(pk=rolled_back.pk).last_name != "Changed"
