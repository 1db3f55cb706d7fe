"""Fixtures of the payments tests: a municipality with its bank account, payers, staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from loket.payments.models import MunicipalityPaymentSettings, PaymentRequest
from loket.payments.services import payment_request_create
from loket.people.models import Organisation, Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

FILES = Path(__file__).parent / "files"
MUNICIPALITY_IBAN = "BE68539007547034"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages in the source language, whatever the catalogues translate them to."""
    with translation.override("en"):
        yield


@pytest.fixture
def payment_settings(municipality: Municipality) -> MunicipalityPaymentSettings:
    return MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name="Gemeente Testdorp",
        iban=MUNICIPALITY_IBAN,
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix="1234",
    )


@pytest.fixture
def manager(municipality: Municipality) -> Any:
    """A municipal administrator: manages payments and reconciles statements (pages in
    English, so tests read the source texts)."""
    return staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en")


@pytest.fixture
def manager_actor(manager: Any) -> Actor:
    return actor_for_user(manager)


def person(municipality: Municipality, first: str, last: str, **kwargs: Any) -> Person:
    created: Person = PersonFactory(
        municipality=municipality, first_names=first, last_name=last, **kwargs
    )
    return created


def request_for(
    actor: Actor,
    municipality: Municipality,
    payer: Person | Organisation,
    cents: int,
    *,
    description: str = "Parkeerkaart",
    subject_type: str = "test_fee",
    subject_id: str = "1",
    due_date: dt.date = dt.date(2026, 3, 31),
) -> PaymentRequest:
    return payment_request_create(
        actor=actor,
        municipality=municipality,
        payer=payer,
        subject_type=subject_type,
        subject_id=subject_id,
        description=description,
        amount_cents=cents,
        due_date=due_date,
    )


@pytest.fixture
def four_requests(
    municipality: Municipality, payment_settings: MunicipalityPaymentSettings, manager_actor: Actor
) -> dict[str, PaymentRequest]:
    """The requests the statement files in files/ pay (structured communications with
    prefix 1234: +++123/4000/00148+++, ...00249, ...00350, ...00451)."""
    jan = person(municipality, "Jan", "Peeters")
    marie = person(municipality, "Marie", "Dubois")
    lotte = person(municipality, "Lotte", "Janssens")
    pieter = person(municipality, "Pieter", "Claes")
    return {
        "jan": request_for(manager_actor, municipality, jan, 2500, subject_id="101"),
        "marie": request_for(manager_actor, municipality, marie, 5000, subject_id="102"),
        "lotte": request_for(manager_actor, municipality, lotte, 1500, subject_id="103"),
        "pieter": request_for(manager_actor, municipality, pieter, 3000, subject_id="104"),
    }
