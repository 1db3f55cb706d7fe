"""The town hall in a real browser: its contact details and opening hours on the
municipality's page, kept by its administrator in the back office; the assistant without
JavaScript keeps the conversation when the municipality is chosen and asks a handed-over
visitor how to answer. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

from typing import Any

import pytest

from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import staff_member

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
    staff_second_step(page, admin.username)
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
    page.locator("#id_note_tue_nl").fill("namiddag op afspraak")
    page.locator("#id_note_tue_fr").fill("l'après-midi sur rendez-vous")
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

    # The French page shows the note in French; the English one, without an English
    # note, the one in Kortrijk's official language (Dutch).
    page.locator("form.language-switch button[value=fr]").click()
    page.wait_for_function("document.documentElement.lang === 'fr'")
    rows = page.locator("#contact table.opening-hours tr")
    assert rows.nth(1).inner_text().split("\t") == [
        "Mardi",
        "08:30\u201312:00 (l'après-midi sur rendez-vous)",
    ]
    assert "afspraak" not in page.locator("#contact").inner_text()
    page.locator("form.language-switch button[value=en]").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    rows = page.locator("#contact table.opening-hours tr")
    assert "(namiddag op afspraak)" in rows.nth(1).inner_text()
    assert "rendez-vous" not in page.locator("#contact").inner_text()
