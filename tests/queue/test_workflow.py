"""The lifecycle of a ticket: every move staff may make works and is written to the
history; every other move is refused and changes nothing; a clerk without queue.serve in
the ticket's municipality cannot move it."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from loket.appointments.models import Desk, Office
from loket.queue.models import Queue, Ticket, TicketChannel, TicketEvent
from loket.queue.services import ticket_take, ticket_transition
from loket.queue.workflow import LIFECYCLE, Party, TicketStatus
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

S = TicketStatus
STAFF_MOVES = {
    (S.WAITING, S.CALLED),
    (S.CALLED, S.SERVING),
    (S.CALLED, S.NO_SHOW),
    (S.CALLED, S.WAITING),
    (S.SERVING, S.DONE),
    (S.WAITING, S.CANCELLED),
}
EVERY_PAIR = [(a, b) for a, b in itertools.product(S, S) if a != b]


def _ticket_in(status: TicketStatus, office: Office, queue: Queue, desk: Desk) -> Ticket:
    ticket = ticket_take(
        actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK
    )
    at_desk = desk if status in {S.CALLED, S.SERVING, S.DONE, S.NO_SHOW} else None
    Ticket.objects.filter(pk=ticket.pk).update(status=status, desk=at_desk)
    ticket.refresh_from_db()
    return ticket


def test_the_table_is_what_the_docstring_draws() -> None:
    staff = {
        (source, target)
        for source, targets in LIFECYCLE.targets(Party.STAFF).items()
        for target in targets
    }
    holder = {
        (source, target)
        for source, targets in LIFECYCLE.targets(Party.HOLDER).items()
        for target in targets
    }
    assert staff == STAFF_MOVES
    assert holder == {(S.WAITING, S.CANCELLED)}


@pytest.mark.parametrize(("source", "target"), sorted(STAFF_MOVES))
def test_an_allowed_move_is_made_and_written_to_the_history(
    source: TicketStatus, target: TicketStatus, office, queue, desk, clerk_actor: Actor
) -> None:
    ticket = _ticket_in(source, office, queue, desk)

    ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status=target)

    ticket.refresh_from_db()
    assert ticket.status == target
    last = TicketEvent.objects.filter(ticket=ticket).latest("created_at", "id")
    assert (last.from_status, last.to_status, last.actor_user_id) == (
        source,
        target,
        clerk_actor.user_id,
    )


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in EVERY_PAIR if pair not in STAFF_MOVES]
)
def test_every_other_move_is_refused_and_changes_nothing(
    source: TicketStatus, target: TicketStatus, office, queue, desk, clerk_actor: Actor
) -> None:
    ticket = _ticket_in(source, office, queue, desk)
    events = TicketEvent.objects.filter(ticket=ticket).count()

    with pytest.raises(ValidationError) as refused:
        ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status=target)

    assert refused.value.error_dict["to_status"][0].code == "transition_not_allowed"
    ticket.refresh_from_db()
    assert ticket.status == source
    assert TicketEvent.objects.filter(ticket=ticket).count() == events


def test_staff_without_queue_serve_cannot_move_a_ticket(office, queue, desk) -> None:
    ticket = _ticket_in(S.CALLED, office, queue, desk)
    viewer = actor_for_user(staff_member(office.municipality, Role.HANDLER))

    with pytest.raises(Http404):
        ticket_transition(actor=viewer, ticket_id=ticket.pk, to_status=S.SERVING)

    ticket.refresh_from_db()
    assert ticket.status == S.CALLED
