"""A payment request only for a payer the actor may see: a resident or organisation of
another municipality answers exactly like an id or number nobody has, and nothing is
written (no request, no event, no notification job)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.notify.models import Notification
from loket.payments.models import PaymentRequest, PaymentRequestEvent
from loket.payments.services import payment_request_create
from loket.people.models import Organisation
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

UNKNOWN_NUMBER = "85073003328"


def _integration(municipality: Municipality) -> Client:
    _, token = api_client_create(
        name="Billing", region=municipality.region, municipality=municipality
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


def _create(client: Client, municipality: Municipality, **payer: int) -> tuple[int, Any]:
    response = client.post(
        "/api/v1/payment-requests",
        {
            "municipality_nis_code": municipality.nis_code,
            "subject_type": "reservation",
            "subject_id": "R-1",
            "description": "Zaal",
            "amount_cents": 1000,
            "due_date": "2026-04-30",
            **payer,
        },
        content_type="application/json",
    )
    return response.status_code, response.json()


def _nothing_written() -> None:
    assert PaymentRequest.objects.count() == 0
    assert PaymentRequestEvent.objects.count() == 0
    assert ProcrastinateJob.objects.count() == 0
    assert Notification.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def _organisation(municipality: Municipality, number: str) -> Organisation:
    organisation: Organisation = Organisation.objects.create(
        region=municipality.region,
        municipality=municipality,
        enterprise_number=number,
        name="Foreign bvba",
    )
    return organisation


def test_the_api_bills_no_resident_of_another_municipality(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    victim = PersonFactory(municipality=other_municipality)
    missing_id = victim.pk + 1000
    client = _integration(municipality)
    foreign = _create(client, municipality, payer_person_id=victim.pk)
    unknown = _create(client, municipality, payer_person_id=missing_id)
    assert foreign == unknown
    assert foreign[0] == 422
    _nothing_written()


def test_the_api_bills_no_organisation_of_another_municipality(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    organisation = _organisation(other_municipality, "0403170701")
    client = _integration(municipality)
    foreign = _create(client, municipality, payer_organisation_id=organisation.pk)
    unknown = _create(client, municipality, payer_organisation_id=organisation.pk + 1000)
    assert foreign == unknown
    assert foreign[0] == 422
    _nothing_written()


def test_the_back_office_bills_no_resident_of_another_municipality(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    victim = PersonFactory(municipality=other_municipality)
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en"))

    def post(number: str) -> tuple[int, list[str]]:
        response = client.post(
            reverse("payments:backoffice-create"),
            {
                "municipality": municipality.pk,
                "payer_number": number,
                "description": "Kopie trouwboekje",
                "amount": "7,50",
                "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            },
        )
        return response.status_code, response.context["form"].errors["payer_number"]

    assert post(victim.national_number) == post(UNKNOWN_NUMBER)
    assert post(victim.national_number)[1] == ["No resident or organisation has this number."]
    _nothing_written()


def test_the_service_refuses_a_payer_the_actor_may_not_see(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    victim = PersonFactory(municipality=other_municipality)
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    with pytest.raises(ValidationError) as refused:
        payment_request_create(
            actor=actor,
            municipality=municipality,
            payer=victim,
            subject_type="reservation",
            subject_id="R-1",
            description="Zaal",
            amount_cents=1000,
            due_date=dt.date(2026, 4, 30),
        )
    assert refused.value.message_dict == {
        "payer_person_id": ["Give one existing payer: a person or an organisation."]
    }
    _nothing_written()
