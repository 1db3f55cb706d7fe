"""Fixtures of the appointments tests: English texts, an office with one desk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from loket.appointments.models import Desk, Office, OfficeProduct
from loket.tenancy.models import Municipality
from tests.appointments.helpers import office_with_desks


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The tests read the source (English) texts."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _quiet_notifications(settings: Any) -> None:
    settings.LOKET_NOTIFY_QUIET_HOURS = ""
    settings.LOKET_SMS_GATEWAY = "demo"


@pytest.fixture
def setup(municipality: Municipality) -> tuple[Office, OfficeProduct, list[Desk]]:
    return office_with_desks(municipality=municipality)


@pytest.fixture
def office(setup: tuple[Office, OfficeProduct, list[Desk]]) -> Office:
    return setup[0]


@pytest.fixture
def office_product(setup: tuple[Office, OfficeProduct, list[Desk]]) -> OfficeProduct:
    return setup[1]


@pytest.fixture
def desk(setup: tuple[Office, OfficeProduct, list[Desk]]) -> Desk:
    return setup[2][0]
