"""Payments in a real browser: a resident pays a fee with the demo provider and the thing
it is for moves on; a staff member imports a bank statement and sees the transfer
reconciled - with no WCAG 2.1 AA violation found by axe-core on the way."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from loket.payments.handlers import (
    payment_completed_handler_register,
    payment_completed_handler_unregister,
)
from loket.payments.models import MunicipalityPaymentSettings, PaymentRequest
from loket.payments.services import payment_request_create
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

FILES = Path(__file__).parents[1] / "payments" / "files"
SUBJECT = "e2e_permit"


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name="Stad Kortrijk",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix="1234",
    )
    return municipality


@pytest.fixture
def permits() -> Any:
    """A stand-in for the domain a fee belongs to: paying issues the permit."""
    issued: list[str] = []
    payment_completed_handler_register(SUBJECT, lambda request: issued.append(request.subject_id))
    yield issued
    payment_completed_handler_unregister(SUBJECT)


def _fee(municipality: Any, payer: Any, cents: int, subject_id: str) -> PaymentRequest:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    return payment_request_create(
        actor=actor_for_user(admin),
        municipality=municipality,
        payer=payer,
        subject_type=SUBJECT,
        subject_id=subject_id,
        description="Bewonerskaart parkeren",
        amount_cents=cents,
        due_date=dt.date.today() + dt.timedelta(days=30),
    )


def test_a_resident_pays_a_fee_online_and_the_permit_is_issued(
    page: Any, kortrijk: Any, permits: Any
) -> None:
    sofie = PersonFactory(municipality=kortrijk, first_names="Sofie", last_name="Vandenbroucke")
    fee = _fee(kortrijk, sofie, 2500, "permit-7")

    page.goto(f"/betalingen/{fee.pk}/")
    assert "/aanmelden/" in page.url
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next=/betalingen/{fee.pk}/")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url(f"**/betalingen/{fee.pk}/")

    main = page.locator("main")
    assert "+++123/4000/00148+++" in main.inner_text()
    assert "BE68 5390 0754 7034" in main.inner_text()
    assert page.locator("svg.epc-qr").is_visible()
    assert page.locator("[data-testid=payment-status]").get_attribute("data-status") == "open"
    assert_no_axe_violations(page)

    page.locator(f"form[action='/betalingen/{fee.pk}/online/'] button[type=submit]").click()
    page.wait_for_url("**/betalingen/demo-bank/**")
    assert page.locator(".demo-banner").first.is_visible()
    assert_no_axe_violations(page)
    page.locator("button[name=decision][value=approve]").click()

    page.wait_for_url(f"**/betalingen/{fee.pk}/")
    assert page.locator("[data-testid=payment-status]").get_attribute("data-status") == "paid"
    assert page.locator("svg.epc-qr").count() == 0  # nothing left to transfer
    assert_no_axe_violations(page)
    fee.refresh_from_db()
    assert (fee.status, fee.paid_cents) == (PaymentStatus.PAID, 2500)
    assert permits == ["permit-7"]


def test_staff_import_a_statement_and_see_the_transfer_reconciled(
    page: Any, kortrijk: Any, permits: Any
) -> None:
    jan = PersonFactory(municipality=kortrijk, first_names="Jan", last_name="Peeters")
    fee = _fee(kortrijk, jan, 2500, "permit-8")  # +++123/4000/00148+++, paid in the CODA file
    staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kortrijk.finance")

    page.goto("/backoffice/")
    page.locator("input[name=username]").fill("kortrijk.finance")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, "kortrijk.finance")
    page.wait_for_url("**/backoffice/")

    page.goto("/backoffice/betalingen/uittreksels/")
    assert_no_axe_violations(page)
    page.locator("input[name=statement]").set_input_files(str(FILES / "coda_2_6.cod"))
    page.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_url("**/backoffice/betalingen/uittreksels/")
    assert page.locator(".message--success").count() == 1
    assert_no_axe_violations(page)

    page.goto(f"/backoffice/betalingen/{fee.pk}/")
    assert page.locator("[data-testid=payment-status]").get_attribute("data-status") == "paid"
    ledger = page.locator("#ledger-heading + .table-wrapper tbody tr")
    assert ledger.count() == 1
    assert "BE71 0961 2345 6769" in ledger.first.inner_text()
    assert_no_axe_violations(page)
    assert permits == ["permit-8"]

    page.goto("/backoffice/betalingen/afstemming/")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 5  # the other credits of the file wait for a person
    assert_no_axe_violations(page)
