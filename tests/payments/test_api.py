"""The payments API: /api/v1/payment-requests and /api/v1/bank-statements."""

import pytest
from django.test import Client

from loket.accounts.services import api_client_create
from loket.payments.models import BankStatementLine, PaymentRequest
from loket.payments.workflow import PaymentStatus
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.payments.conftest import FILES, person, request_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan(municipality):
    return person(municipality, "Jan", "Peeters")


@pytest.fixture
def fee(municipality, payment_settings, manager_actor, jan):
    return request_for(manager_actor, municipality, jan, 2500, description="Bewonerskaart")


@pytest.fixture
def integration(municipality):
    _client, token = api_client_create(
        name="Case system", region=municipality.region, municipality=municipality
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_list_and_detail_with_transfer_details(integration, fee):
    listing = integration.get("/api/v1/payment-requests?status=open").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert (item["id"], item["amount_cents"], item["structured_communication"]) == (
        fee.pk,
        2500,
        "+++123/4000/00148+++",
    )
    detail = integration.get(f"/api/v1/payment-requests/{fee.pk}").json()
    assert detail["transfer"] == {
        "beneficiary_name": "Gemeente Testdorp",
        "iban": "BE68539007547034",
        "bic": "GEBABEBB",
        "amount_cents": 2500,
        "communication": "+++123/4000/00148+++",
        "epc_qr_payload": "BCD\n002\n1\nSCT\nGEBABEBB\nGemeente Testdorp\nBE68539007547034\n"
        "EUR25.00\n\n\n+++123/4000/00148+++",
    }


def test_create_and_cancel(integration, municipality, payment_settings, jan):
    created = integration.post(
        "/api/v1/payment-requests",
        {
            "municipality_nis_code": municipality.nis_code,
            "payer_person_id": jan.pk,
            "subject_type": "reservation",
            "subject_id": "R-17",
            "description": "Zaal De Kring",
            "amount_cents": 12000,
            "due_date": "2026-04-30",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["amount_cents"], body["subject_id"]) == ("open", 12000, "R-17")
    cancelled = integration.post(
        f"/api/v1/payment-requests/{body['id']}/cancel",
        {"reason": "reservatie geannuleerd"},
        content_type="application/json",
    )
    assert cancelled.json()["status"] == "cancelled"


def test_amounts_must_be_integer_cents(integration, municipality, payment_settings, jan):
    for amount in (12.5, "12,50", 0, -100):
        response = integration.post(
            "/api/v1/payment-requests",
            {
                "municipality_nis_code": municipality.nis_code,
                "payer_person_id": jan.pk,
                "subject_type": "reservation",
                "subject_id": "1",
                "description": "Zaal",
                "amount_cents": amount,
                "due_date": "2026-04-30",
            },
            content_type="application/json",
        )
        assert response.status_code == 422, amount
    assert PaymentRequest.objects.count() == 0


def test_another_municipality_answers_404(fee, other_municipality, jan):
    _client, token = api_client_create(
        name="Other", region=other_municipality.region, municipality=other_municipality
    )
    other = Client(headers={"Authorization": f"Bearer {token}"})
    assert other.get(f"/api/v1/payment-requests/{fee.pk}").status_code == 404
    assert other.get("/api/v1/payment-requests").json()["count"] == 0
    response = other.post(
        f"/api/v1/payment-requests/{fee.pk}/cancel",
        {"reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    created = other.post(
        "/api/v1/payment-requests",
        {
            "municipality_nis_code": fee.municipality.nis_code,
            "payer_person_id": jan.pk,
            "subject_type": "reservation",
            "subject_id": "1",
            "description": "Zaal",
            "amount_cents": 100,
            "due_date": "2026-04-30",
        },
        content_type="application/json",
    )
    assert created.status_code == 404
    fee.refresh_from_db()
    assert fee.status == PaymentStatus.OPEN
    assert PaymentRequest.objects.count() == 1


def test_statement_upload_needs_the_reconcile_permission(integration, four_requests, municipality):
    with (FILES / "coda_2_6.cod").open("rb") as handle:
        refused = integration.post("/api/v1/bank-statements", {"file": handle})
    assert refused.status_code == 403
    assert BankStatementLine.objects.count() == 0
    admin = Client()
    admin.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    with (FILES / "camt053_v02.xml").open("rb") as handle:
        response = admin.post("/api/v1/bank-statements", {"file": handle})
    assert response.status_code == 201
    assert response.json() == {"statements": 1, "matched": 4, "queued": 2, "duplicates": 0}


def test_anonymous_callers_get_401(fee):
    assert Client().get("/api/v1/payment-requests").status_code == 401
