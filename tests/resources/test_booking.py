"""Booking a resource: the rules, the price and payment, and refusals that write nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from loket.notify.models import Notification
from loket.payments.models import PaymentRequest
from loket.payments.workflow import PaymentStatus
from loket.resources.models import Booking, BookingEvent, BookingUnit, Resource
from loket.resources.services import booking_request, booking_transition
from loket.tenancy.access import Actor
from tests.resources.helpers import at, soon

pytestmark = pytest.mark.django_db


def _book(actor: Actor, resource: Resource, start: Any, end: Any, **kwargs: Any) -> Booking:
    return booking_request(
        actor=actor,
        resource_id=resource.pk,
        starts_at=start,
        ends_at=end,
        category=kwargs.pop("category", "resident"),
        **kwargs,
    )


def _nothing_written() -> tuple[int, int, int, int]:
    return (
        Booking.objects.count(),
        BookingEvent.objects.count(),
        PaymentRequest.objects.count(),
        Notification.objects.count(),
    )


def test_a_booking_of_a_hall_without_approval_is_confirmed_priced_and_asked_to_pay(
    hall: Resource, booker_actor: Actor, booker: Any
) -> None:
    booking = _book(booker_actor, hall, at(10, 14), at(10, 17, 30), purpose="Birthday")

    assert booking.status == "approved"
    assert (booking.price_cents, booking.deposit_cents) == (4 * 2500, 10000)
    request = PaymentRequest.objects.get()
    assert (request.subject_type, request.subject_id) == ("resource_booking", str(booking.pk))
    assert request.amount_cents == 20000
    assert request.payer_person_id == booker.pk
    assert booking.payment_request_id == request.pk
    assert list(booking.events.values_list("kind", "to_status")) == [("booked", "approved")]
    notification = Notification.objects.get(event="resources.booking_status")
    assert notification.person_id == booker.pk


def test_a_resource_with_approval_starts_as_requested(
    approval_hall: Resource, booker_actor: Actor
) -> None:
    booking = _book(booker_actor, approval_hall, at(5, 9), at(5, 11), category="association")

    assert booking.status == "requested"
    assert booking.price_cents == 2 * 1000


def test_an_overlapping_booking_is_refused_with_a_clear_message_and_nothing_written(
    hall: Resource, booker_actor: Actor
) -> None:
    _book(booker_actor, hall, at(10, 14), at(10, 18))
    before = _nothing_written()

    with pytest.raises(ValidationError) as refused:
        _book(booker_actor, hall, at(10, 17), at(10, 19))

    assert refused.value.message_dict == {
        "starts_at": ["This period overlaps another booking of De Linde hall. Choose another time."]
    }
    assert _nothing_written() == before


def test_back_to_back_bookings_do_not_overlap(hall: Resource, booker_actor: Actor) -> None:
    _book(booker_actor, hall, at(10, 14), at(10, 18))
    _book(booker_actor, hall, at(10, 18), at(10, 20))

    assert Booking.objects.count() == 2


def test_a_cancelled_booking_frees_the_hall_and_cancels_its_payment_request(
    hall: Resource, booker_actor: Actor
) -> None:
    booking = _book(booker_actor, hall, at(10, 14), at(10, 18))

    booking_transition(actor=booker_actor, booking_id=booking.pk, to_status="cancelled")

    assert PaymentRequest.objects.get().status == PaymentStatus.CANCELLED
    again = _book(booker_actor, hall, at(10, 14), at(10, 18))
    assert again.status == "approved"


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (at(10, 14), at(10, 14, 30), "ends_at", "A booking of De Linde hall lasts at least 1 h."),
        (at(10, 8), at(10, 21), "ends_at", "A booking of De Linde hall lasts at most 10 h."),
        (at(10, 14), at(10, 13), "ends_at", "The end must be after the start."),
        (at(10, 6), at(10, 9), "starts_at",
         "De Linde hall is not open for the whole period. Choose a time within the opening hours."),
        (soon(), soon() + dt.timedelta(hours=2),
         "starts_at", "Too late: book De Linde hall at least 24 hours ahead."),
        (at(200, 10), at(200, 12), "starts_at",
         "Too early: De Linde hall can be booked at most 180 days ahead."),
        (at(-1, 10), at(-1, 12), "starts_at", "This moment has already passed."),
    ],
)  # fmt: skip
def test_bad_periods_are_refused_with_their_message_and_nothing_written(
    hall: Resource, booker_actor: Actor, start: Any, end: Any, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _book(booker_actor, hall, start, end)

    assert refused.value.message_dict[field] == [message]
    assert _nothing_written() == (0, 0, 0, 0)


def test_a_category_without_a_tariff_is_refused(chairs: Resource, booker_actor: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        _book(booker_actor, chairs, at(3, 10), at(4, 10), category="commercial", quantity=1)

    assert refused.value.message_dict == {
        "category": ["Folding chairs cannot be booked at the rate “Commercial”."]
    }


def test_equipment_never_goes_out_more_than_there_is(chairs: Resource, booker_actor: Actor) -> None:
    first = _book(booker_actor, chairs, at(3, 10), at(5, 10), quantity=2)
    with pytest.raises(ValidationError) as refused:
        _book(booker_actor, chairs, at(4, 10), at(6, 10), quantity=2)
    second = _book(booker_actor, chairs, at(4, 10), at(6, 10), quantity=1)

    assert refused.value.message_dict == {"quantity": ["Only 1 of 3 are free in this period."]}
    assert (first.price_cents, second.price_cents) == (2 * 2 * 100, 2 * 100)
    assert BookingUnit.objects.filter(booking=first).count() == 2
    booking_transition(actor=booker_actor, booking_id=first.pk, to_status="cancelled")
    assert BookingUnit.objects.filter(booking=first).count() == 0
    assert _book(booker_actor, chairs, at(4, 10), at(6, 10), quantity=2).quantity == 2


def test_staff_cannot_book_for_themselves(hall: Resource, handler_actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        _book(handler_actor, hall, at(10, 14), at(10, 18))

    assert _nothing_written() == (0, 0, 0, 0)


def test_the_database_itself_refuses_an_overlap_written_past_the_service(
    hall: Resource, booker_actor: Actor
) -> None:
    booking = _book(booker_actor, hall, at(10, 14), at(10, 18))

    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            region_id=booking.region_id,
            municipality_id=booking.municipality_id,
            resource=hall,
            person_id=booking.person_id,
            category="resident",
            starts_at=at(10, 15),
            ends_at=at(10, 16),
            status="requested",
        )


def test_the_database_itself_refuses_a_unit_taken_twice(
    chairs: Resource, booker_actor: Actor
) -> None:
    booking = _book(booker_actor, chairs, at(3, 10), at(4, 10), quantity=1)
    unit = BookingUnit.objects.get(booking=booking).unit

    with pytest.raises(IntegrityError, match="booking_unit_no_overlap"), transaction.atomic():
        BookingUnit.objects.create(
            booking=booking, unit=unit, starts_at=at(3, 12), ends_at=at(5, 9)
        )
