"""A registration waits for seats that others are taking: it gets a seat when one is free.

Another connection keeps the free seat locked (FOR KEY SHARE: skipped by ``SKIP LOCKED``,
waited for by ``FOR UPDATE``) and, every time the registration waits for it, takes that
seat and frees the next one, already locked the same way. Each round of the registration
thus finds no seat it can take, although a seat is free; when the locks are released the
last free seat must be the registration's, not the waiting list.
"""

from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest
from django.db import connection

from loket.activities.models import Seat
from loket.activities.services import registration_create
from loket.activities.workflow import RegistrationStatus
from loket.tenancy.access import actor_for_resident
from tests.activities.helpers import activity_with_period, family

ROUNDS_OF_CONTENTION = 8


def _connect() -> psycopg.Connection[tuple[object, ...]]:
    params = connection.settings_dict
    return psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"],
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        password=params["PASSWORD"] or None,
    )


def _wait_until_blocked(
    watcher: psycopg.Connection[tuple[object, ...]], pid: int, done: threading.Event
) -> bool:
    """Whether the registration now waits for a lock (False: it finished without waiting)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if done.is_set():
            return False
        row = watcher.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if row is not None and row[0] == "Lock":
            return True
        time.sleep(0.005)
    raise AssertionError("the registration never waited for the locked seat")


@pytest.mark.django_db(transaction=True)
def test_a_registration_gets_the_seat_freed_while_it_waited_not_the_waiting_list(  # type: ignore[no-untyped-def]
    municipality, settings
):
    settings.LOKET_ACTIVITIES_SEAT_CLAIM = "seats"
    capacity = ROUNDS_OF_CONTENTION + 1
    _activity, period = activity_with_period(
        municipality, capacity=capacity, price_resident_cents=0
    )
    seats = list(Seat.objects.filter(period=period).order_by("number").values_list("id", flat=True))
    assert len(seats) == capacity
    Seat.objects.filter(pk__in=seats[1:]).update(is_taken=True)  # held by other families
    parent, kids = family(municipality)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        registration_pid = int(cursor.fetchone()[0])
    errors: list[BaseException] = []
    ready = threading.Event()
    done = threading.Event()

    def contend() -> None:
        watcher = _connect()
        watcher.autocommit = True
        holders = [_connect() for _ in range(ROUNDS_OF_CONTENTION + 1)]
        try:
            lock = "SELECT id FROM activities_seat WHERE id = %s FOR KEY SHARE"
            holders[0].execute(lock, [seats[0]])
            ready.set()
            for index in range(ROUNDS_OF_CONTENTION):
                if not _wait_until_blocked(watcher, registration_pid, done):
                    return
                holders[index + 1].execute(lock, [seats[index + 1]])
                watcher.execute(
                    "UPDATE activities_seat SET is_taken = (id = %s) WHERE id IN (%s, %s)",
                    [seats[index], seats[index], seats[index + 1]],
                )
                holders[index].commit()
            if _wait_until_blocked(watcher, registration_pid, done):
                holders[ROUNDS_OF_CONTENTION].commit()
        except BaseException as error:
            errors.append(error)
            ready.set()
        finally:
            for holder in holders:
                holder.close()
            watcher.close()

    thread = threading.Thread(target=contend)
    thread.start()
    assert ready.wait(20)
    try:
        result = registration_create(
            actor=actor_for_resident(parent.pk),
            period_id=period.pk,
            child_id=kids[0].pk,
            idempotency_key=uuid.uuid4().hex,
        )
    finally:
        done.set()
        thread.join(30)

    assert result.registration.status == RegistrationStatus.CONFIRMED
    assert errors == []
    assert result.registration.seat_id == seats[ROUNDS_OF_CONTENTION]
    assert Seat.objects.filter(period=period, is_taken=False).count() == 0
