"""The e-counter in a real browser: a resident of Kortrijk requests a resident parking card
online and pays it, a clerk reads the decision letter and approves it, the resident
downloads the signed decision and the verification page accepts it (and rejects it with one
byte changed); and a clerk registers an address change for a resident at the counter.
axe-core finds no WCAG 2.1 AA violation on the pages on the way."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from loket.cases.models import Case, CaseChannel
from loket.cases.workflow import CaseStatus
from loket.catalog.loading import catalog_load
from loket.decisions.pki import demo_certificate_ensure
from loket.payments.models import MunicipalityPaymentSettings
from loket.people.models import HouseholdRelation
from loket.people.services import household_link_add
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

PASSWORD = "correct-horse-battery"


def _png() -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (40, 30), "lightblue").save(stream, format="PNG")
    return stream.getvalue()


@pytest.fixture
def kortrijk(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    settings.LOKET_SIGNING_DIR = tmp_path / "signing"
    settings.LOKET_SIGNING_TRUST_ROOTS = []
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    department_create(
        region=region,
        municipality=municipality,
        code="population",
        name_nl="Burgerzaken",
        name_fr="Population",
        name_en="Civil affairs",
    )
    MunicipalityPaymentSettings.objects.create(
        municipality=municipality,
        beneficiary_name="Stad Kortrijk",
        iban="BE68539007547034",
        bic="GEBABEBB",
        online_provider="demo",
        communication_prefix="1234",
    )
    catalog_load()
    demo_certificate_ensure(municipality)
    return municipality


@pytest.fixture
def sofie(kortrijk: Any) -> Any:
    sofie = PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        birth_date=dt.date(1986, 3, 14),
        address__street="Doorniksestraat",
        address__number="112",
    )
    child = PersonFactory(
        municipality=kortrijk,
        first_names="Lotte",
        last_name="Desmet",
        birth_date=dt.date(2014, 5, 21),
    )
    household_link_add(person=sofie, relative=child, relation=HouseholdRelation.PARENT)
    return sofie


def _staff_sign_in(page: Any, username: str) -> None:
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, username)
    page.wait_for_url("**/backoffice/")


def test_a_resident_requests_a_parking_card_and_gets_a_signed_decision(
    page: Any, live_server: Any, kortrijk: Any, sofie: Any
) -> None:
    staff_member(
        kortrijk,
        Role.CLERK,
        username="kortrijk.clerk",
        first_name="Els",
        last_name="Lagae",
        job_title_nl="Deskundige mobiliteit",
    )
    form_path = "/kortrijk/producten/resident-parking-card/aanvragen/"

    # The resident finds the product in the catalogue of Kortrijk.
    page.goto("/kortrijk/producten/")
    assert_no_axe_violations(page)
    page.locator("#catalog-q").fill("bewonerskaart")
    page.locator("form[role=search] button[type=submit]").click()
    page.locator("a[href='/kortrijk/producten/resident-parking-card/']").first.click()
    page.wait_for_url("**/producten/resident-parking-card/")
    assert_no_axe_violations(page)
    page.locator(f"a[href='{form_path}']").click()
    assert "/aanmelden/" in page.url

    # Signs in with the demo e-ID and lands on the form, pre-filled from the register.
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={form_path}")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url(f"**{form_path}")
    prefill = page.locator("section.prefill").inner_text()
    assert "Sofie Vandenbroucke" in prefill
    assert "Doorniksestraat 112" in prefill
    assert page.locator("input[name=national_number]").count() == 0
    assert_no_axe_violations(page)

    # Conditional fields appear when their answer is given.
    employer = page.locator("#f-employer_statement-group")
    assert employer.is_hidden()
    page.locator("#f-ownership-1").check()  # a company car
    assert employer.is_visible()
    page.locator("#f-ownership-0").check()  # my own car
    assert employer.is_hidden()

    page.locator("#f-licence_plate").fill("1-ABC-234")
    page.locator("#f-registration_certificate").set_input_files(
        files=[{"name": "inschrijvingsbewijs.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.locator("#f-start_date").fill(dt.date.today().isoformat())
    page.locator("#f-declaration").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url("**/mijn/aanvragen/KORTRIJK-*/")
    case = Case.objects.get()
    assert case.channel == CaseChannel.PORTAL
    assert case.number == f"KORTRIJK-{dt.date.today().year}-000001"
    assert page.locator("#case-status").get_attribute("class") == "tag status status--submitted"
    assert_no_axe_violations(page)

    # Pays the fee with the demo provider.
    page.locator(f"a[href='/betalingen/{case.payment_request_id}/']").click()
    page.locator(
        f"form[action='/betalingen/{case.payment_request_id}/online/'] button[type=submit]"
    ).click()
    page.wait_for_url("**/betalingen/demo-bank/**")
    page.locator("button[name=decision][value=approve]").click()
    page.wait_for_url(f"**/betalingen/{case.payment_request_id}/")
    case.refresh_from_db()
    assert case.paid_at is not None

    # A clerk of Kortrijk approves it.
    clerk_context = page.context.browser.new_context(locale="nl-BE", base_url=live_server.url)
    clerk = clerk_context.new_page()
    clerk.set_default_timeout(15_000)
    _staff_sign_in(clerk, "kortrijk.clerk")
    clerk.goto("/backoffice/dossiers/?view=all")
    assert_no_axe_violations(clerk)
    clerk.locator(f"a[href='/backoffice/dossiers/{case.pk}/']").click()
    clerk.wait_for_url(f"**/backoffice/dossiers/{case.pk}/")
    assert_no_axe_violations(clerk)
    clerk.locator("#to-in_treatment").check()
    clerk.locator(f"form[action='/backoffice/dossiers/{case.pk}/status/'] button").click()
    clerk.wait_for_url(f"**/backoffice/dossiers/{case.pk}/")
    assert clerk.locator("#decide-hint").count() == 1
    clerk.locator("#to-approved").check()
    clerk.locator("#transition-reason").fill("U woont in de blauwe zone.")
    clerk.locator(f"form[action='/backoffice/dossiers/{case.pk}/status/'] button").click()

    # Before anything is decided, the clerk reads the letter as it will be signed.
    clerk.wait_for_url(f"**/backoffice/dossiers/{case.pk}/status/")
    preview = clerk.locator("#letter-preview")
    assert "U woont in de blauwe zone." in preview.inner_text()
    start = dt.date.today()
    facts = clerk.locator("#letter-facts dd").all_inner_texts()
    assert facts[0] == "1-ABC-234"
    assert facts[2].startswith(f"van {start.day} ")
    assert clerk.locator("#letter-signatory").inner_text() == ("Els Lagae\nDeskundige mobiliteit")
    case.refresh_from_db()
    assert (case.status, case.decided_at) == (CaseStatus.IN_TREATMENT, None)
    assert case.events.filter(kind="decision_issued").count() == 0
    assert_no_axe_violations(clerk)
    clerk.locator("#decision-confirm button[type=submit]").click()
    clerk.wait_for_url(f"**/backoffice/dossiers/{case.pk}/")
    assert clerk.locator("#case-status").get_attribute("class") == "tag status status--approved"
    clerk_context.close()

    # The resident downloads the signed decision from their request page.
    page.goto(f"/mijn/aanvragen/{case.number}/")
    assert page.locator("#case-status").get_attribute("class") == "tag status status--approved"
    assert_no_axe_violations(page)
    decision = page.locator("main li", has_text=f"{case.number}.pdf").get_by_role("link")
    with page.expect_download() as download_info:
        decision.click()
    signed = Path(download_info.value.path()).read_bytes()
    assert signed.startswith(b"%PDF")

    # The verification page accepts the letter, and refuses it with one byte changed.
    page.goto("/verificatie/")
    page.locator("input[name=document]").set_input_files(
        files=[{"name": "beslissing.pdf", "mimeType": "application/pdf", "buffer": signed}]
    )
    page.locator("main form button[type=submit]").click()
    assert page.locator("section.verification--valid").count() == 1
    assert "Kortrijk" in page.locator("section.verification").inner_text()
    tampered = bytearray(signed)
    index = signed.index(b"stream") + 20  # inside the first content stream
    tampered[index] = (tampered[index] + 1) % 256
    page.locator("input[name=document]").set_input_files(
        files=[{"name": "beslissing.pdf", "mimeType": "application/pdf", "buffer": bytes(tampered)}]
    )
    page.locator("main form button[type=submit]").click()
    assert page.locator("section.verification--valid").count() == 0
    assert page.locator("section.verification").count() == 1


def test_a_clerk_registers_an_address_change_at_the_counter(
    page: Any, kortrijk: Any, sofie: Any
) -> None:
    clerk = staff_member(
        kortrijk, Role.CLERK, username="kortrijk.clerk", first_name="Els", last_name="Vandamme"
    )
    _staff_sign_in(page, "kortrijk.clerk")
    page.goto("/backoffice/dossiers/nieuw/")
    assert_no_axe_violations(page)
    page.locator("#counter-q").fill("sofie vandenbrouke")  # a typo
    page.locator("form[role=search] button[type=submit]").click()
    page.locator(f"a[href*='person={sofie.pk}']").click()
    page.locator("#counter-product").select_option("address-change")
    page.locator("#channel-counter").check()
    assert_no_axe_violations(page)
    page.locator("#counter-product-form button[type=submit]").click()
    page.wait_for_url("**/backoffice/dossiers/nieuw/**/address-change/**")
    assert "Sofie Vandenbroucke" in page.locator("section.prefill").inner_text()
    assert_no_axe_violations(page)

    page.locator("#f-new_address-street").fill("Grote Markt")
    page.locator("#f-new_address-number").fill("54")
    page.locator("#f-new_address-postal_code").fill("8500")
    page.locator("#f-new_address-municipality").fill("Kortrijk")
    page.locator("#f-moving_date").fill(dt.date.today().isoformat())
    page.locator("#f-moving_with-2").check()  # me and some household members
    page.get_by_label("Lotte Desmet").check()
    page.locator("#f-visit_moment-2").check()  # evening
    page.locator("#f-owner_or_tenant-0").check()
    page.locator("#f-declaration").check()
    page.locator("#field-consent").check()  # the resident agrees, recorded with the time
    page.locator("main form.request-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/backoffice/dossiers/\d+/$"))

    case = Case.objects.get()
    assert (case.channel, case.submitted_by_user) == (CaseChannel.COUNTER, clerk)
    assert case.counter_consent is not None
    assert (case.counter_consent.user, case.counter_consent.person) == (clerk, sofie)
    assert case.status == CaseStatus.SUBMITTED
    assert case.answers["co_movers"] == [
        {
            "national_number": case.register_snapshot["household"][0]["national_number"],
            "name": "Lotte Desmet",
        }
    ]
    assert page.locator("#case-channel").inner_text() == "Aan het loket"
    assert page.locator("#case-assisted-by").inner_text() == "Els Vandamme"
    assert_no_axe_violations(page)
