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
