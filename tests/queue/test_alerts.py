""" "Your turn in about 5 minutes": once, to holders who left a way to reach them."""

from __future__ import annotations

import pytest
from django.core import mail

from loket.notify.models import Notification
from loket.queue.alerts import ticket_alert_deliver
from loket.queue.models import Ticket, TicketAlert, TicketChannel
from loket.queue.services import desk_session_open, ticket_call_next, ticket_take, ticket_transition
from loket.tenancy.access import ANONYMOUS
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _take(office, queue, **kwargs):  # type: ignore[no-untyped-def]
    return ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK, **kwargs
    )


def _next(actor, desk) -> None:  # type: ignore[no-untyped-def]
    """Finish whoever is at the desk and call the next ticket."""
    current = Ticket.objects.filter(desk=desk, status="called").first()
    if current is not None:
        ticket_transition(actor=actor, ticket_id=current.pk, to_status="serving")
        ticket_transition(actor=actor, ticket_id=current.pk, to_status="done")
    ticket_call_next(actor=actor, desk_id=desk.pk)


def test_a_holder_known_by_e_mail_is_told_once(office, queue, desk, clerk_actor) -> None:
    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    _take(office, queue)
    _take(office, queue)
    mine = _take(office, queue, email="wachtende@example.org", language="en")
    assert mine.estimate_minutes == 10

    _next(clerk_actor, desk)  # one ahead, the desk just started: about 10 minutes
    assert TicketAlert.objects.count() == 0
    _next(clerk_actor, desk)  # nobody ahead: about 5 minutes
    _next(clerk_actor, desk)  # mine is called: nothing more to tell

    alert = TicketAlert.objects.get()
    assert (alert.ticket_id, alert.channel, alert.address) == (
        mine.pk,
        "email",
        "wachtende@example.org",
    )
    ticket_alert_deliver(ticket_alert_id=alert.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wachtende@example.org"]
    assert mail.outbox[0].subject == "Your turn is near: A-003"
    alert.refresh_from_db()
    assert alert.status == "sent"
    assert alert.context == {}


def test_a_short_wait_when_taking_the_ticket_sends_nothing(
    office, queue, desk, clerk_actor
) -> None:
    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    _take(office, queue)
    mine = _take(office, queue, phone="0470 12 34 56")
    assert mine.estimate_minutes == 5

    _next(clerk_actor, desk)

    assert TicketAlert.objects.count() == 0


def test_a_resident_of_the_register_is_told_through_notify(
    office, queue, desk, clerk_actor, municipality
) -> None:
    person = PersonFactory(municipality=municipality)
    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    _take(office, queue)
    _take(office, queue)
    ticket = ticket_take(
        actor=clerk_actor,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.CLERK,
        person=person,
    )

    _next(clerk_actor, desk)
    _next(clerk_actor, desk)

    notification = Notification.objects.get(event="queue.turn_soon")
    assert notification.person_id == person.pk
    assert notification.context["ticket"] == ticket.code
    assert TicketAlert.objects.count() == 0
