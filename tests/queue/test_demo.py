from __future__ import annotations

import pytest

from loket.queue.demo import WAITING_PER_OFFICE, queue_demo_load
from loket.queue.models import Queue, Ticket

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_without_adding_anything(municipality, other_municipality) -> None:
    first = queue_demo_load()
    second = queue_demo_load()

    assert first.offices == 2
    assert first.tickets == 2 * WAITING_PER_OFFICE
    assert second.tickets == 0
    assert Queue.objects.count() == 4
    assert Ticket.objects.filter(status="waiting").count() == 2 * WAITING_PER_OFFICE
