"""Taking tickets: numbers per queue and day, refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from loket.appointments.models import Closure
from loket.queue.links import ticket_token
from loket.queue.models import Ticket, TicketChannel, TicketEvent
from loket.queue.services import ticket_cancel_by_holder, ticket_take
from loket.tenancy.access import ANONYMOUS
from tests.queue.helpers import office_make, queue_make

pytestmark = pytest.mark.django_db


def test_tickets_are_numbered_per_queue_and_day(office, queue) -> None:
    other = queue_make(office, "B", "Attesten")

    first = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK
    )
    second = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK
    )
    third = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=other.pk, channel=TicketChannel.PHONE
    )

    assert [first.code, second.code, third.code] == ["A-001", "A-002", "B-001"]
    assert first.status == "waiting"
    assert list(TicketEvent.objects.filter(ticket=first).values_list("to_status", flat=True)) == [
        "waiting"
    ]


def test_the_number_starts_again_the_next_day(office, queue) -> None:
    yesterday = timezone.now() - dt.timedelta(days=1)
    ticket_take(
        actor=ANONYMOUS,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.KIOSK,
        now=yesterday,
    )

    today = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK
    )

    assert today.code == "A-001"


def test_the_first_estimate_is_kept_when_a_desk_is_open(office, queue, desk, clerk_actor) -> None:
    from loket.queue.services import desk_session_open

    desk_session_open(actor=clerk_actor, desk_id=desk.pk)
    ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)
    ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)

    third = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK
    )

    assert third.estimate_minutes == 10  # two ahead times the default 5 minutes, one desk


def test_an_unknown_queue_is_refused_and_nothing_is_written(
    office, queue, other_municipality
) -> None:
    foreign_queue = queue_make(office_make(other_municipality, name="Elders"))

    with pytest.raises(ValidationError) as refused:
        ticket_take(
            actor=ANONYMOUS, office=office, queue_id=foreign_queue.pk, channel=TicketChannel.KIOSK
        )

    assert refused.value.message_dict == {"queue": ["Kies een van de wachtrijen van dit kantoor."]}
    assert Ticket.objects.count() == 0


def test_a_closed_office_refuses_tickets(municipality) -> None:
    office = office_make(municipality)
    queue = queue_make(office)
    today = timezone.localdate()
    Closure.objects.create(office=office, first_day=today, last_day=today)

    with pytest.raises(ValidationError) as refused:
        ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)

    assert refused.value.messages == [
        "Het kantoor is nu gesloten. Kom terug tijdens de openingsuren."
    ]
    assert Ticket.objects.count() == 0


def test_an_office_without_hours_now_is_closed(municipality) -> None:
    office = office_make(municipality, open_all_day=False)
    queue = queue_make(office)

    with pytest.raises(ValidationError):
        ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)

    assert Ticket.objects.count() == 0


def test_a_bad_phone_number_is_refused(office, queue) -> None:
    with pytest.raises(ValidationError) as refused:
        ticket_take(
            actor=ANONYMOUS,
            office=office,
            queue_id=queue.pk,
            channel=TicketChannel.KIOSK,
            phone="12",
        )

    assert list(refused.value.message_dict) == ["phone"]
    assert Ticket.objects.count() == 0


def test_only_staff_take_a_ticket_as_a_clerk(office, queue) -> None:
    with pytest.raises(PermissionDenied):
        ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.CLERK)

    assert Ticket.objects.count() == 0


def test_the_holder_cancels_a_waiting_ticket(office, queue) -> None:
    ticket = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.PHONE
    )

    ticket_cancel_by_holder(token=ticket_token(ticket_id=ticket.pk))

    ticket.refresh_from_db()
    assert ticket.status == "cancelled"
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("to_status", flat=True)) == [
        "waiting",
        "cancelled",
    ]
