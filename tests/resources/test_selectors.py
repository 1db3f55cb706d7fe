"""The resources selectors return what the actor may see and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from loket.payments.services import payment_manual_record
from loket.resources.models import Booking, Resource
from loket.resources.selectors import (
    approval_queue,
    bookings_of_resident,
    bookings_visible_to,
    busy_periods,
    resources_visible_to,
)
from loket.resources.services import booking_request, booking_transition
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import at, resource_make

pytestmark = pytest.mark.django_db


def _book(resource: Resource, person: Any, day: int) -> Booking:
    return booking_request(
        actor=actor_for_resident(person.pk), resource_id=resource.pk, starts_at=at(day, 9),
        ends_at=at(day, 11), category="resident",
    )  # fmt: skip


def test_bookings_of_resident_for_the_resident_and_for_staff(
    hall: Resource, booker: Any, municipality: Municipality, other_municipality: Municipality
) -> None:
    neighbour = PersonFactory(municipality=municipality)
    early, late = _book(hall, booker, 5), _book(hall, booker, 8)
    _book(hall, neighbour, 6)
    staff = actor_for_user(staff_member(municipality, Role.CLERK))
    stranger = actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    me = actor_for_resident(booker.pk)

    assert list(bookings_of_resident(actor=me)) == [late, early]
    assert list(bookings_of_resident(actor=me, person_id=neighbour.pk)) == []
    assert list(bookings_of_resident(actor=staff, person_id=booker.pk)) == [late, early]
    assert list(bookings_of_resident(actor=staff)) == []
    assert list(bookings_of_resident(actor=stranger, person_id=booker.pk)) == []


def test_staff_see_their_municipalities_only(
    hall: Resource, approval_hall: Resource, booker: Any, other_municipality: Municipality
) -> None:
    foreign = resource_make(other_municipality)
    mine = _book(approval_hall, booker, 5)
    _book(foreign, PersonFactory(municipality=other_municipality), 5)
    handler = actor_for_user(staff_member(hall.municipality, Role.HANDLER))

    assert set(resources_visible_to(actor=handler)) == {hall, approval_hall}
    assert list(bookings_visible_to(actor=handler)) == [mine]
    assert list(approval_queue(actor=handler)) == [mine]
    assert list(bookings_visible_to(actor=Actor(kind=handler.kind))) == []


def test_busy_periods_hold_only_holding_bookings(hall: Resource, booker_actor: Actor) -> None:
    kept = booking_request(
        actor=booker_actor, resource_id=hall.pk, starts_at=at(5, 9), ends_at=at(5, 11),
        category="resident",
    )  # fmt: skip
    gone = booking_request(
        actor=booker_actor, resource_id=hall.pk, starts_at=at(5, 12), ends_at=at(5, 13),
        category="resident",
    )  # fmt: skip
    booking_transition(actor=booker_actor, booking_id=gone.pk, to_status="cancelled")

    periods = busy_periods(resource=hall, start=at(5, 0), end=at(6, 0))

    assert [(p.starts_at, p.ends_at, p.status) for p in periods] == [
        (kept.starts_at, kept.ends_at, "approved")
    ]


def test_cancelling_a_paid_booking_marks_the_refund_due(
    hall: Resource, booker_actor: Actor, municipality: Municipality
) -> None:
    booking = booking_request(
        actor=booker_actor, resource_id=hall.pk, starts_at=at(5, 9), ends_at=at(5, 11),
        category="resident",
    )  # fmt: skip
    admin = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    assert booking.payment_request is not None
    payment_manual_record(
        actor=admin,
        payment_request=booking.payment_request,
        amount_cents=booking.total_cents,
        booked_on=dt.date.today(),
        note="Cash",
    )

    booking_transition(actor=booker_actor, booking_id=booking.pk, to_status="cancelled")

    booking.payment_request.refresh_from_db()
    assert booking.payment_request.status == "paid"
    assert list(booking.events.values_list("kind", flat=True)) == [
        "booked",
        "paid",
        "status_changed",
        "refund_due",
    ]
