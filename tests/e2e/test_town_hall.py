"""The town hall in a real browser: its contact details and opening hours on the
municipality's page, kept by its administrator in the back office; the assistant without
JavaScript keeps the conversation when the municipality is chosen and asks a handed-over
visitor how to answer. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loket.assistant.documents import shipped_phrasings
from loket.assistant.models import ContactQuestion
from loket.assistant.teaching import shipped_phrasings_load
from loket.catalog.loading import catalog_load
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations
from tests.factories import DepartmentFactory, staff_member

PASSWORD = "correct-horse-battery"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    return municipality_create_from_nis(region=region, nis_code="34022", slug="kortrijk")


def test_the_administrator_sets_the_hours_and_the_page_shows_them(page: Any, kortrijk: Any) -> None:
    admin = staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kortrijk.admin")
    page.goto("/backoffice/aanmelden/")
    page.locator("input[name=username]").fill(admin.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    page.wait_for_url("**/backoffice/")

    page.get_by_role("link", name="Gemeenten").first.click()
    page.get_by_role("link", name="Kortrijk").click()
    page.locator("#id_address_street").fill("Grote Markt 54")
    page.locator("#id_address_postal_code").fill("8500")
    page.locator("#id_address_locality").fill("Kortrijk")
    page.locator("#id_phone").fill("bel ons")
    page.locator("#id_hours_mon").fill("08:30-12:00, 13:30-16:00")
    page.locator("#id_hours_tue").fill("'s morgens")
    page.get_by_role("button", name="Bewaren").click()
    # Both errors at once, and what was typed stays.
    summary = page.locator(".error-summary")
    assert summary.locator("li").count() == 2
    assert page.locator("#id_hours_mon").input_value() == "08:30-12:00, 13:30-16:00"
    assert_no_axe_violations(page)

    page.locator("#id_phone").fill("056 27 80 00")
    page.locator("#id_hours_tue").fill("08:30-12:00")
    page.locator("#id_note_tue").fill("namiddag op afspraak")
    page.get_by_role("button", name="Bewaren").click()
    page.wait_for_url("**/backoffice/gemeenten/")

    page.goto("/kortrijk/")
    town_hall = page.locator("#contact")
    assert "Grote Markt 54" in town_hall.inner_text()
    rows = town_hall.locator("table.opening-hours tr")
    assert rows.count() == 7
    assert rows.nth(0).inner_text().split("\t") == ["Maandag", "08:30\u201312:00, 13:30\u201316:00"]
    assert "(namiddag op afspraak)" in rows.nth(1).inner_text()
    assert rows.nth(6).inner_text().split("\t") == ["Zondag", "gesloten"]
    assert town_hall.get_by_role("link", name="056 27 80 00").get_attribute("href") == (
        "tel:056278000"
    )
    assert_no_axe_violations(page)


def test_without_javascript_the_assistant_keeps_the_conversation_and_asks_how_to_answer(
    browser: Any, live_server: Any, kortrijk: Any
) -> None:
    catalog_load()
    shipped_phrasings_load(phrasings=shipped_phrasings())
    DepartmentFactory(
        municipality=kortrijk,
        code="contact-centre",
        name_nl="Contactcenter",
        name_fr="Centre de contact",
        email="contact@kortrijk.example.be",
    )
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        page.goto("/assistent/")
        page.locator("#id_question").fill("wie wint de koers morgen")
        page.get_by_role("button", name="Vraag stellen", exact=True).click()
        page.locator("#assistant-answer").get_by_role("link", name="Kies uw gemeente").click()
        assert re.search(r"/assistent/#assistant-municipality$", page.url)
        # The link stays on this page: its municipality choice is right here.
        assert page.locator("#assistant-municipality").is_visible()
        assert_no_axe_violations(page)

        page.locator("#assistant-municipality").select_option("kortrijk")
        page.get_by_role("button", name="Kiezen").click()
        assert "wie wint de koers morgen" in page.locator(".assistant-history").inner_text()
        page.locator("#id_question").fill("wie wint de koers morgen")
        page.get_by_role("button", name="Vraag stellen", exact=True).click()

        answer = page.locator("#assistant-answer")
        assert "Laat hieronder uw e-mailadres of telefoonnummer achter" in answer.inner_text()
        assert_no_axe_violations(page)
        answer.locator("#reach-email").fill("an@example.org")
        answer.get_by_role("button", name="Versturen").click()
        assert "Een medewerker zal u antwoorden" in page.locator("body").inner_text()
        contact = ContactQuestion.objects.get()
        assert (contact.municipality_id, contact.reply_email) == (kortrijk.pk, "an@example.org")
        assert [turn["question"] for turn in contact.transcript] == [
            "wie wint de koers morgen",
            "wie wint de koers morgen",
        ]
    finally:
        context.close()
