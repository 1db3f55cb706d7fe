from __future__ import annotations

import pytest

from loket.appointments.models import Desk, Office
from loket.queue.models import Queue
from loket.tenancy.models import Municipality
from tests.queue.helpers import desk_make, office_make, queue_make


@pytest.fixture
def office(municipality: Municipality) -> Office:
    return office_make(municipality)


@pytest.fixture
def desk(office: Office) -> Desk:
    return desk_make(office, "Balie 1")


@pytest.fixture
def queue(office: Office) -> Queue:
    return queue_make(office)
