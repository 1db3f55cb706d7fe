"""Resident pages of payments: what to pay, the QR code, paying online."""

import pytest
from django.urls import reverse

from loket.payments.models import (
    OnlinePayment,
    PaymentMovement,
)
from loket.payments.workflow import PaymentStatus
from tests.factories import PersonFactory
from tests.payments.conftest import person, request_for
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan(municipality):
    return person(municipality, "Jan", "Peeters", preferred_language="en")


@pytest.fixture
def fee(municipality, payment_settings, manager_actor, jan):
    return request_for(manager_actor, municipality, jan, 2500, description="Bewonerskaart")


def test_the_resident_sees_amount_communication_and_qr_code(client, fee, jan):
    sign_in_resident(client, jan)
    response = client.get(reverse("payments:pay", args=[fee.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "+++123/4000/00148+++" in page
    assert "BE68 5390 0754 7034" in page
    assert "€25.00" in page
    assert 'class="epc-qr"' in page
    assert reverse("payments:pay-online", args=[fee.pk]) in page
    png = client.get(reverse("payments:qr-png", args=[fee.pk]))
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    listing = client.get(reverse("payments:my-payments"))
    assert "Bewonerskaart" in listing.content.decode()


def test_another_residents_payment_answers_404(client, fee, municipality):
    stranger = PersonFactory(municipality=municipality)
    sign_in_resident(client, stranger)
    assert client.get(reverse("payments:pay", args=[fee.pk])).status_code == 404
    assert client.get(reverse("payments:qr-png", args=[fee.pk])).status_code == 404
    assert client.post(reverse("payments:pay-online", args=[fee.pk])).status_code == 404
    assert OnlinePayment.objects.count() == 0
    assert "Bewonerskaart" not in client.get(reverse("payments:my-payments")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, fee):
    response = client.get(reverse("payments:pay", args=[fee.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:resident-login"))


def test_pay_with_the_demo_bank_in_the_browser_flow(client, fee, jan):
    sign_in_resident(client, jan)
    start = client.post(reverse("payments:pay-online", args=[fee.pk]))
    online = OnlinePayment.objects.get()
    assert start["Location"] == reverse("payments:demo-bank", args=[online.provider_reference])
    bank_page = client.get(start["Location"]).content.decode()
    assert "no real money" in bank_page
    back = client.post(start["Location"], {"decision": "approve"})
    assert back["Location"] == reverse("payments:pay", args=[fee.pk])
    fee.refresh_from_db()
    assert fee.status == PaymentStatus.PAID
    # approving again (back button) books nothing twice
    client.post(start["Location"], {"decision": "approve"})
    assert PaymentMovement.objects.count() == 1


def test_the_demo_bank_is_not_there_in_production(client, fee, jan, settings):
    from loket.config.env import Mode

    sign_in_resident(client, jan)
    client.post(reverse("payments:pay-online", args=[fee.pk]))
    online = OnlinePayment.objects.get()
    settings.LOKET_MODE = Mode.PRODUCTION
    page = client.get(reverse("payments:pay", args=[fee.pk])).content.decode()
    assert reverse("payments:pay-online", args=[fee.pk]) not in page
    response = client.post(
        reverse("payments:demo-bank", args=[online.provider_reference]), {"decision": "approve"}
    )
    assert response.status_code == 404
    assert PaymentMovement.objects.count() == 0
