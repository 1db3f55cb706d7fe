"""The booking lifecycle: every move of the table works for its party and writes its
history row; every other move is refused and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404

from loket.resources.models import Booking, BookingEvent, Resource
from loket.resources.services import booking_request, booking_transition
from loket.resources.workflow import LIFECYCLE, BookingStatus, Party
from loket.tenancy.access import Actor, ActorKind, actor_for_user
from loket.tenancy.permissions import Permission, Role
from tests.factories import staff_member
from tests.resources.helpers import at

pytestmark = pytest.mark.django_db
S = BookingStatus


def _requested(resource: Resource, actor: Actor, day: int = 5) -> Booking:
    return booking_request(
        actor=actor, resource_id=resource.pk, starts_at=at(day, 9), ends_at=at(day, 11),
        category="resident",
    )  # fmt: skip


def test_the_table_holds_exactly_the_documented_moves() -> None:
    assert LIFECYCLE.targets(Party.STAFF) == {
        S.REQUESTED: frozenset({S.APPROVED, S.REFUSED, S.CANCELLED}),
        S.APPROVED: frozenset({S.CANCELLED}),
        S.REFUSED: frozenset(),
        S.CANCELLED: frozenset(),
    }
    assert LIFECYCLE.targets(Party.REQUESTER) == {
        S.REQUESTED: frozenset({S.CANCELLED}),
        S.APPROVED: frozenset({S.CANCELLED}),
        S.REFUSED: frozenset(),
        S.CANCELLED: frozenset(),
    }


@pytest.mark.parametrize(
    ("moves", "final"),
    [
        ([("approved", "")], "approved"),
        ([("refused", "Painting works")], "refused"),
        ([("cancelled", "Double entry")], "cancelled"),
        ([("approved", ""), ("cancelled", "Storm damage")], "cancelled"),
    ],
)
def test_staff_moves_work_and_append_history(
    approval_hall: Resource, booker_actor: Actor, handler_actor: Actor, moves: Any, final: str
) -> None:
    booking = _requested(approval_hall, booker_actor)
    for target, reason in moves:
        booking_transition(
            actor=handler_actor, booking_id=booking.pk, to_status=target, reason=reason
        )

    booking.refresh_from_db()
    assert booking.status == final
    events = list(booking.events.values_list("to_status", "message"))
    assert events == [("requested", ""), *[(t, r) for t, r in moves]]


def test_the_requester_cancels_requested_and_approved_bookings(
    approval_hall: Resource, booker_actor: Actor, handler_actor: Actor
) -> None:
    first = _requested(approval_hall, booker_actor, day=5)
    second = _requested(approval_hall, booker_actor, day=6)
    booking_transition(actor=handler_actor, booking_id=second.pk, to_status="approved")

    booking_transition(actor=booker_actor, booking_id=first.pk, to_status="cancelled")
    booking_transition(actor=booker_actor, booking_id=second.pk, to_status="cancelled")

    assert set(Booking.objects.values_list("status", flat=True)) == {"cancelled"}


@pytest.mark.parametrize(
    ("party", "target", "error"),
    [
        ("requester", "approved", ValidationError),
        ("requester", "refused", ValidationError),
        ("staff", "requested", ValidationError),
        ("staff", "bogus", ValidationError),
    ],
)
def test_moves_outside_the_table_are_refused_and_change_nothing(
    approval_hall: Resource,
    booker_actor: Actor,
    handler_actor: Actor,
    party: str,
    target: str,
    error: type[Exception],
) -> None:
    booking = _requested(approval_hall, booker_actor)
    actor = booker_actor if party == "requester" else handler_actor

    with pytest.raises(error):
        booking_transition(actor=actor, booking_id=booking.pk, to_status=target, reason="x")

    booking.refresh_from_db()
    assert booking.status == "requested"
    assert BookingEvent.objects.count() == 1


def test_a_final_booking_does_not_move_again(
    approval_hall: Resource, booker_actor: Actor, handler_actor: Actor
) -> None:
    booking = _requested(approval_hall, booker_actor)
    booking_transition(actor=handler_actor, booking_id=booking.pk, to_status="refused", reason="No")

    with pytest.raises(ValidationError) as refused:
        booking_transition(actor=handler_actor, booking_id=booking.pk, to_status="approved")

    assert refused.value.message_dict == {
        "to_status": ["A booking that is “Refused” cannot become “Confirmed”."]
    }


def test_staff_without_resources_handle_cannot_decide(
    approval_hall: Resource, booker_actor: Actor, municipality: Any
) -> None:
    booking = _requested(approval_hall, booker_actor)
    privacy = actor_for_user(staff_member(municipality, Role.PRIVACY_OFFICER))
    integration = Actor(
        kind=ActorKind.INTEGRATION,
        municipality_grants={Permission.RESOURCES_VIEW: frozenset({municipality.pk})},
    )

    with pytest.raises(Http404):
        booking_transition(actor=privacy, booking_id=booking.pk, to_status="approved")
    with pytest.raises(PermissionDenied):
        booking_transition(actor=integration, booking_id=booking.pk, to_status="approved")

    assert Booking.objects.get().status == "requested"
    assert BookingEvent.objects.count() == 1


def test_the_history_is_append_only(approval_hall: Resource, booker_actor: Actor) -> None:
    _requested(approval_hall, booker_actor)

    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE resources_bookingevent SET message = 'changed'")
