"""Fixtures of the resources tests: a hall and lendable chairs in a municipality with a
bank account, a resident who books, and staff who decide."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from loket.payments.models import MunicipalityPaymentSettings
from loket.resources.models import Resource
from loket.resources.services import TariffSetting
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import resource_make


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def bank(municipality: Municipality) -> MunicipalityPaymentSettings:
    return MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name="Gemeente Testdorp",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix="1234",
    )


@pytest.fixture
def hall(municipality: Municipality, bank: MunicipalityPaymentSettings) -> Resource:
    return resource_make(municipality)


@pytest.fixture
def approval_hall(municipality: Municipality, bank: MunicipalityPaymentSettings) -> Resource:
    return resource_make(
        municipality, names={"en": "Council chamber"}, kind="meeting_room", requires_approval=True
    )


@pytest.fixture
def chairs(municipality: Municipality, bank: MunicipalityPaymentSettings) -> Resource:
    return resource_make(
        municipality,
        kind="equipment",
        names={"en": "Folding chairs"},
        quantity=3,
        price_unit="day",
        minimum_minutes=60,
        maximum_minutes=7 * 1440,
        tariffs={"resident": TariffSetting(100, 0)},
    )


@pytest.fixture
def booker(municipality: Municipality) -> Any:
    return PersonFactory(municipality=municipality, preferred_language="en")


@pytest.fixture
def booker_actor(booker: Any) -> Actor:
    return actor_for_resident(booker.pk)


@pytest.fixture
def handler_actor(municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(municipality, Role.HANDLER, preferred_language="en"))
