"""The last place under concurrency: the database lets exactly one registration have it."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from loket.activities.models import Registration, Seat
from loket.activities.services import registration_create
from loket.activities.workflow import RegistrationStatus
from loket.tenancy.access import actor_for_resident
from tests.activities.helpers import activity_with_period, family

ATTEMPTS = 50


@pytest.mark.parametrize("strategy", ["seats", "naive"])
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_requests_for_the_last_place_one_wins(municipality, settings, strategy):  # type: ignore[no-untyped-def]
    settings.LOKET_ACTIVITIES_SEAT_CLAIM = strategy
    _activity, period = activity_with_period(municipality, capacity=1, price_resident_cents=0)
    families = [family(municipality, name=f"Family{n}") for n in range(ATTEMPTS)]
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def attempt(parent_id: int, child_id: int) -> None:
        try:
            barrier.wait()
            result = registration_create(
                actor=actor_for_resident(parent_id),
                period_id=period.pk,
                child_id=child_id,
                idempotency_key=uuid.uuid4().hex,
            )
            outcomes.append(result.registration.status)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(parent.pk, kids[0].pk)) for parent, kids in families
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes) == sorted(
        [RegistrationStatus.CONFIRMED] + [RegistrationStatus.WAITING] * (ATTEMPTS - 1)
    )
    confirmed = Registration.objects.filter(period=period, status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 1
    assert Seat.objects.filter(period=period, is_taken=True).count() == 1
    waiting = list(
        Registration.objects.filter(period=period, status=RegistrationStatus.WAITING)
        .order_by("arrival")
        .values_list("arrival", flat=True)
    )
    assert len(waiting) == ATTEMPTS - 1
    assert len(set(waiting)) == ATTEMPTS - 1
