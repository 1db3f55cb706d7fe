"""A slot is never overbooked, whatever the concurrency: 50 requests at once for one
single-desk slot, each in its own thread with its own database connection and
transaction, through the public API. Exactly one books; the 49 others read "this slot just
filled up" (409 slot_full, in Dutch: the default language) and nothing of theirs is written."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from loket.appointments.models import Appointment, AppointmentEvent, GuestMessage, ManageLink
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.factories import MunicipalityFactory

REQUESTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_bookings_of_a_single_desk_slot_give_exactly_one_appointment(
    settings: Any,
) -> None:
    # All fifty come from one test address: lift the per-address guest booking limit.
    settings.LOKET_APPOINTMENTS_GUEST_BOOKINGS_PER_MINUTE = REQUESTS
    municipality = MunicipalityFactory()
    office, office_product, _desks = office_with_desks(municipality=municipality, desks=1)
    starts_at = at(next_open_day(), 10).isoformat()
    barrier = threading.Barrier(REQUESTS)
    results: list[tuple[int, dict[str, Any]]] = []
    lock = threading.Lock()

    def book(index: int) -> None:
        try:
            client = Client()
            payload = {
                "office_id": office.pk,
                "product_code": office_product.product.code,
                "starts_at": starts_at,
                "name": f"Resident {index}",
                "email": f"resident{index}@example.test",
                "language": "en",
            }
            barrier.wait(timeout=60)
            response = client.post("/api/v1/appointments", payload, content_type="application/json")
            with lock:
                results.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(REQUESTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = sorted(status for status, _body in results)
    assert len(results) == REQUESTS
    assert statuses == [201] + [409] * (REQUESTS - 1)
    refusals = [body for status, body in results if status == 409]
    assert {body["error"]["code"] for body in refusals} == {"slot_full"}
    assert {body["error"]["message"] for body in refusals} == {
        "Dit tijdslot is net volzet. Kies een ander tijdstip."
    }
    assert Appointment.objects.count() == 1
    assert AppointmentEvent.objects.count() == 1
    assert ManageLink.objects.count() == 1
    assert GuestMessage.objects.count() == 1
    [winner] = [body for status, body in results if status == 201]
    assert Appointment.objects.get().reference == winner["appointment"]["reference"]


def _waiting_for_a_lock(timeout: float = 30.0) -> bool:
    """Whether another backend of this database waits for a row lock (polled)."""
    import time

    import psycopg
    from django.conf import settings as django_settings

    database = django_settings.DATABASES["default"]
    deadline = time.monotonic() + timeout
    with psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        password=database["PASSWORD"] or None,
        autocommit=True,
    ) as watcher:
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            ).fetchone()
            if row and row[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first", ["booking", "closure"])
def test_a_booking_and_a_closure_of_its_day_at_the_same_moment_never_leave_a_booked_closed_day(
    first: str,
) -> None:
    """A booking in flight (its transaction not yet committed) and a closure of the same day
    added at that moment: whichever takes the office first, the other waits for it and then
    sees it. A booking first: the closure is refused with the number of booked appointments.
    A closure first: the booking is refused, the office is closed that day."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from loket.appointments.models import Closure
    from loket.appointments.services import Holder, appointment_book, closure_add
    from loket.tenancy.access import ANONYMOUS, actor_for_user
    from loket.tenancy.permissions import Role
    from tests.factories import staff_member

    municipality = MunicipalityFactory()
    office, office_product, _desks = office_with_desks(municipality=municipality, desks=1)
    admin = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    day = next_open_day()
    holds = threading.Event()
    release = threading.Event()
    outcomes: dict[str, str] = {}

    def book() -> None:
        try:
            with transaction.atomic():
                appointment_book(
                    actor=ANONYMOUS,
                    office_product=office_product,
                    starts_at=at(day, 10),
                    holder=Holder(name="Ann Desmet", email="ann@example.test"),
                )
                if first == "booking":
                    holds.set()
                    release.wait(timeout=60)
            outcomes["booking"] = "booked"
        except ValidationError as error:
            outcomes["booking"] = error.error_dict["starts_at"][0].code or ""
        finally:
            connection.close()

    def close() -> None:
        try:
            with transaction.atomic():
                closure_add(actor=admin, office=office, first_day=day, last_day=day)
                if first == "closure":
                    holds.set()
                    release.wait(timeout=60)
            outcomes["closure"] = "closed"
        except ValidationError as error:
            # "Er is 1 afspraak geboekt op deze dagen. …" (Dutch, the default language)
            outcomes["closure"] = "refused: " + " ".join(error.error_dict["cancel_booked"][0])
        finally:
            connection.close()

    first_thread = threading.Thread(target=book if first == "booking" else close)
    second_thread = threading.Thread(target=close if first == "booking" else book)
    first_thread.start()
    assert holds.wait(timeout=60)
    second_thread.start()
    # The second waits for the office row the first holds; then the first commits.
    assert _waiting_for_a_lock()
    release.set()
    first_thread.join(timeout=60)
    second_thread.join(timeout=60)

    booked_on_closed_day = (
        Appointment.objects.filter(office=office, status="booked", starts_at__date=day).exists()
        and Closure.objects.filter(office=office, first_day=day).exists()
    )
    assert not booked_on_closed_day
    if first == "booking":
        assert outcomes["booking"] == "booked"
        assert outcomes["closure"].startswith("refused: Er is 1 afspraak geboekt op deze dagen.")
    else:
        assert outcomes == {"closure": "closed", "booking": "closed_day"}
