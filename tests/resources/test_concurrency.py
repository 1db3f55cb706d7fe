"""Fifty residents book the same hall for the same period at the same moment: the
database's exclusion constraint lets exactly one through, and every other one gets the
clear "overlaps another booking" message with nothing written for it."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from loket.payments.models import PaymentRequest
from loket.resources.models import Booking, BookingEvent, Resource
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident
from tests.factories import PersonFactory
from tests.resources.helpers import at

ATTEMPTS = 50
OVERLAP = "This period overlaps another booking of De Linde hall. Choose another time."


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_bookings_of_one_hall_and_period_let_exactly_one_through(
    hall: Resource,
) -> None:
    people = [PersonFactory(municipality=hall.municipality) for _ in range(ATTEMPTS)]
    start, end = at(12, 14), at(12, 18)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[Any] = [None] * ATTEMPTS

    def attempt(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            with translation.override("en"):
                outcomes[index] = booking_request(
                    actor=actor_for_resident(people[index].pk),
                    resource_id=hall.pk,
                    starts_at=start,
                    ends_at=end,
                    category="resident",
                )
        except ValidationError as error:
            outcomes[index] = error
        except Exception as error:
            outcomes[index] = repr(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    winners = [o for o in outcomes if isinstance(o, Booking)]
    refusals = [o.message_dict for o in outcomes if isinstance(o, ValidationError)]
    assert [o for o in outcomes if isinstance(o, str)] == []
    assert len(winners) == 1
    assert refusals == [{"starts_at": [OVERLAP]}] * (ATTEMPTS - 1)
    assert list(Booking.objects.values_list("pk", flat=True)) == [winners[0].pk]
    assert BookingEvent.objects.count() == 1
    assert list(PaymentRequest.objects.values_list("subject_id", flat=True)) == [str(winners[0].pk)]
