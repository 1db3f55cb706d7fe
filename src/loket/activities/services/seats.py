"""Taking and giving back seats: the hot path of a registration rush.

Two ways to take a seat, chosen by the setting LOKET_ACTIVITIES_SEAT_CLAIM:

- ``seats`` (default): one row per place; a registration takes the first free seat that
  nobody else is taking at that moment (``FOR UPDATE SKIP LOCKED``), so concurrent
  registrations for one period take different seats side by side instead of queueing on
  one row. When every free seat is being taken by someone else, it waits for them
  (plain ``FOR UPDATE``) rather than give up while a seat may still come free.
- ``naive``: lock the period row, count the places held, take a seat when there is room.
  Correct but serial; kept to compare with in the rush benchmark.

Either way the database has the last word: a registration that holds a place points at
one seat of its own period and no seat has two registrations (models.Registration).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from loket.activities.models import Period, Registration, Seat
from loket.activities.workflow import HOLDING_STATUSES, RegistrationStatus

_TAKE_FREE_SKIPPING = """
UPDATE activities_seat SET is_taken = true
WHERE id = (
    SELECT id FROM activities_seat
    WHERE period_id = %s AND NOT is_taken
    ORDER BY number LIMIT 1
    FOR UPDATE SKIP LOCKED
)
RETURNING id
"""

_TAKE_FREE_WAITING = """
UPDATE activities_seat SET is_taken = true
WHERE id = (
    SELECT id FROM activities_seat
    WHERE period_id = %s AND NOT is_taken
    ORDER BY number LIMIT 1
    FOR UPDATE
)
RETURNING id
"""

_ANY_FREE = "SELECT EXISTS (SELECT 1 FROM activities_seat WHERE period_id = %s AND NOT is_taken)"

# The same, in one statement with the waiting-list check: nothing is taken while somebody
# of the period is waiting (free seats go to the waiting list first).
_NOBODY_WAITING = """
    AND NOT EXISTS (
        SELECT 1 FROM activities_registration
        WHERE period_id = %s AND status = 'waiting'
    )
"""
_TAKE_FREE_SKIPPING_UNLESS_WAITING = _TAKE_FREE_SKIPPING.replace(
    "RETURNING id", _NOBODY_WAITING + "RETURNING id"
)
_TAKE_FREE_WAITING_UNLESS_WAITING = _TAKE_FREE_WAITING.replace(
    "RETURNING id", _NOBODY_WAITING + "RETURNING id"
)
_ANY_FREE_UNLESS_WAITING = (
    "SELECT EXISTS (SELECT 1 FROM activities_seat WHERE period_id = %s AND NOT is_taken)"
    + _NOBODY_WAITING
)


def claim_strategy() -> str:
    return str(getattr(settings, "LOKET_ACTIVITIES_SEAT_CLAIM", "seats"))


def someone_waiting(period_id: int) -> bool:
    """Whether the period has a waiting list (then free seats go to it first)."""
    return Registration.objects.filter(
        period_id=period_id, status=RegistrationStatus.WAITING
    ).exists()


def _one(sql: str, period_id: int) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [period_id])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def seat_take_free(period_id: int) -> int | None:
    """The id of a free seat of the period, now taken (inside the caller's transaction), or
    None only when the period is full: no seat is free once the others have committed.

    A round that finds nothing is repeated, never given up: the waiting take returns
    nothing only when the seat it waited for was taken by a transaction that committed
    meanwhile, so every empty round means another registration got a seat (progress), and
    the loop ends when the period is really full or a seat is ours."""
    if claim_strategy() == "naive":
        return _seat_take_naive(period_id)
    while True:
        seat_id = _one(_TAKE_FREE_SKIPPING, period_id)
        if seat_id is not None:
            return seat_id
        if not _one(_ANY_FREE, period_id):
            return None
        seat_id = _one(_TAKE_FREE_WAITING, period_id)
        if seat_id is not None:
            return seat_id


def seat_take_unless_waiting(period_id: int) -> int | None:
    """A free seat of the period, now taken, when nobody of the period is waiting; else
    None (full, or the free seats belong to the waiting list). With the seat strategy the
    waiting-list check is part of the statement that takes the seat (one round trip)."""
    if claim_strategy() == "naive":
        return None if someone_waiting(period_id) else _seat_take_naive(period_id)
    while True:
        seat_id = _two(_TAKE_FREE_SKIPPING_UNLESS_WAITING, period_id)
        if seat_id is not None:
            return seat_id
        if not _two(_ANY_FREE_UNLESS_WAITING, period_id):
            return None
        seat_id = _two(_TAKE_FREE_WAITING_UNLESS_WAITING, period_id)
        if seat_id is not None:
            return seat_id


def _two(sql: str, period_id: int) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [period_id, period_id])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _seat_take_naive(period_id: int) -> int | None:
    period = Period.objects.select_for_update().get(pk=period_id)
    held = Registration.objects.filter(period_id=period_id, status__in=HOLDING_STATUSES).count()
    if held >= period.capacity:
        return None
    seat = Seat.objects.filter(period_id=period_id, is_taken=False).order_by("number").first()
    if seat is None:
        return None
    Seat.objects.filter(pk=seat.pk).update(is_taken=True)
    return seat.pk


def seat_free(seat_id: int) -> None:
    Seat.objects.filter(pk=seat_id).update(is_taken=False)
