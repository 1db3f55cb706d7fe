"""Calling the next ticket: the order, the lifecycle, the refusals, and two desks calling
at the same moment."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from loket.queue.models import Ticket, TicketChannel, TicketEvent
from loket.queue.services import ticket_call_next, ticket_take, ticket_transition
from loket.tenancy.access import ANONYMOUS, actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.queue.helpers import desk_make, office_make, queue_make


def _take(office, queue, **kwargs):  # type: ignore[no-untyped-def]
    return ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK, **kwargs
    )


@pytest.mark.django_db
def test_priority_goes_before_arrival_order(office, queue, desk, clerk_actor) -> None:
    first = _take(office, queue)
    urgent = _take(office, queue, priority=True)

    called = ticket_call_next(actor=clerk_actor, desk_id=desk.pk)

    assert called is not None
    assert called.pk == urgent.pk
    assert Ticket.objects.get(pk=first.pk).status == "waiting"


@pytest.mark.django_db
def test_an_appointment_due_now_goes_first(office, queue, desk, clerk_actor) -> None:
    _take(office, queue, priority=True)
    appointment = ticket_take(
        actor=clerk_actor,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.CLERK,
        appointment_at=timezone.now() + dt.timedelta(minutes=2),
    )

    called = ticket_call_next(actor=clerk_actor, desk_id=desk.pk)

    assert called is not None
    assert called.pk == appointment.pk


@pytest.mark.django_db
def test_the_lifecycle_of_a_ticket_is_recorded(office, queue, desk, clerk_actor) -> None:
    ticket = _take(office, queue)

    ticket_call_next(actor=clerk_actor, desk_id=desk.pk)
    ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status="serving")
    ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status="done")

    ticket.refresh_from_db()
    assert ticket.status == "done"
    assert ticket.desk_id == desk.pk
    assert ticket.called_at is not None
    assert ticket.serving_at is not None
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("to_status", flat=True)) == [
        "waiting",
        "called",
        "serving",
        "done",
    ]


@pytest.mark.django_db
def test_a_forbidden_move_changes_nothing(office, queue, clerk_actor) -> None:
    ticket = _take(office, queue)

    with pytest.raises(ValidationError):
        ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status="done")

    ticket.refresh_from_db()
    assert ticket.status == "waiting"
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


@pytest.mark.django_db
def test_a_desk_with_a_ticket_cannot_call_another(office, queue, desk, clerk_actor) -> None:
    _take(office, queue)
    _take(office, queue)
    ticket_call_next(actor=clerk_actor, desk_id=desk.pk)

    with pytest.raises(ValidationError):
        ticket_call_next(actor=clerk_actor, desk_id=desk.pk)

    assert Ticket.objects.filter(status="called").count() == 1


@pytest.mark.django_db
def test_nobody_waiting_calls_nobody(office, desk, clerk_actor) -> None:
    assert ticket_call_next(actor=clerk_actor, desk_id=desk.pk) is None


@pytest.mark.django_db
def test_a_desk_of_another_municipality_answers_404(office, queue, other_municipality) -> None:
    _take(office, queue)
    foreign_desk = desk_make(office, "Balie 9")
    stranger = actor_for_user(staff_member(other_municipality, Role.CLERK))

    with pytest.raises(Http404):
        ticket_call_next(actor=stranger, desk_id=foreign_desk.pk)

    assert Ticket.objects.filter(status="waiting").count() == 1


@pytest.mark.django_db(transaction=True)
def test_desks_calling_at_the_same_moment_never_get_the_same_ticket(municipality) -> None:
    office = office_make(municipality)
    queue = queue_make(office)
    desks = [desk_make(office, f"Balie {n}") for n in range(4)]
    actor = actor_for_user(staff_member(municipality, Role.CLERK))
    for _ in range(12):
        _take(office, queue)
    called: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def desk_work(desk_id: int, barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            ticket = ticket_call_next(actor=actor, desk_id=desk_id)
            if ticket is not None:
                with lock:
                    called.append(ticket.pk)
                ticket_transition(actor=actor, ticket_id=ticket.pk, to_status="serving")
                ticket_transition(actor=actor, ticket_id=ticket.pk, to_status="done")
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    for _round in range(3):
        barrier = threading.Barrier(len(desks))
        threads = [threading.Thread(target=desk_work, args=(d.pk, barrier)) for d in desks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert len(called) == 12
    assert len(set(called)) == 12
    assert Ticket.objects.filter(status="done").count() == 12
    assert TicketEvent.objects.filter(to_status="called").count() == 12


@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_one_desk_at_the_same_moment_call_one_ticket(municipality) -> None:
    office = office_make(municipality)
    queue = queue_make(office)
    desk = desk_make(office, "Balie 1")
    actor = actor_for_user(staff_member(municipality, Role.CLERK))
    for _ in range(3):
        _take(office, queue)
    outcomes: list[str] = []
    barrier = threading.Barrier(3)

    def click() -> None:
        try:
            barrier.wait()
            ticket_call_next(actor=actor, desk_id=desk.pk)
            outcomes.append("called")
        except ValidationError as refusal:
            outcomes.append(refusal.code or "")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["called", "desk_busy", "desk_busy"]
    assert Ticket.objects.filter(status="called").count() == 1
