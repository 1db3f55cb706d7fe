"""The shared page furniture in a real browser: error pages in the visitor's language, the
navigation and tables on a 390 px phone, enhancements that stay out of sight without
JavaScript, and the inbox as one readable list. axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from loket.catalog.loading import catalog_load
from loket.decisions.pki import demo_certificate_ensure
from loket.notify.delivery import notification_deliver
from loket.notify.services import notification_send
from loket.tenancy.access import actor_for_resident
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.cases.helpers import certificate_request
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

PHONE = {"width": 390, "height": 844}


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
    return municipality_create_from_nis(region=region, nis_code="34022")


@pytest.fixture
def sofie(kortrijk: Any) -> Any:
    return PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        birth_date=dt.date(1986, 3, 14),
        preferred_channels=["portal"],
        preferred_language="nl",
    )


def _resident_sign_in(page: Any) -> None:
    page.goto("/aanmelden/demo/?municipality=kortrijk")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url("**/mijn/")


def test_error_pages_speak_the_visitor_s_language_and_lead_on(
    page: Any, live_server: Any, kortrijk: Any
) -> None:
    page.context.add_cookies([{"name": "loket_language", "value": "fr", "url": live_server.url}])

    response = page.goto("/pagina/bestaat-niet/")

    assert response is not None
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert page.locator("nav.site-nav").count() == 1
    assert page.get_by_role("link", name="Accueil").first.is_visible()
    assert_no_axe_violations(page)

    response = page.goto("/backoffice/bestaat-niet/")

    assert response is not None
    assert response.status == 404
    assert page.locator("body.backoffice nav.site-nav--backoffice").count() == 1
    assert page.get_by_role("link", name="Se connecter").first.is_visible()
    assert_no_axe_violations(page)


def test_on_a_phone_the_menu_is_one_button_and_tables_stack(
    page: Any, kortrijk: Any, sofie: Any
) -> None:
    catalog_load()
    demo_certificate_ensure(kortrijk)
    certificate_request(actor=actor_for_resident(sofie.pk), municipality=kortrijk, applicant=sofie)
    page.set_viewport_size(PHONE)
    _resident_sign_in(page)

    page.goto("/mijn/aanvragen/")

    nav = page.locator("nav.site-nav").bounding_box()
    assert nav["height"] <= 60  # one row: the menu button
    status = page.locator("main td .status").first
    assert status.is_visible()
    box = status.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    assert page.locator("html").evaluate("element => element.scrollWidth") <= PHONE["width"]
    assert page.locator("main td:has(.status)").first.get_attribute("data-label") == "Status"
    assert_no_axe_violations(page)

    page.locator("nav.site-nav summary").click()

    assert page.get_by_role("link", name="Mijn berichten").is_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_map_box_and_the_locate_button_stay_away(
    browser: Any, live_server: Any, kortrijk: Any
) -> None:
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        page.goto("/meldingen/nieuw/?region=zuid-west-vlaanderen")

        assert page.locator("[data-locate]").is_visible() is False
        picker = page.locator("#report-picker")
        background = picker.evaluate("element => getComputedStyle(element).backgroundColor")
        assert background == "rgba(0, 0, 0, 0)"
        assert picker.bounding_box()["height"] < 100
        assert page.locator("#report-picker .map-fallback").is_visible()
        # Nor is the resident told to tap the map or to use their location.
        assert page.locator("#location-hint").is_visible() is False
        assert page.get_by_text("The map needs JavaScript", exact=False).count() == 0
        assert page.locator("#report-picker .map-fallback").inner_text() == (
            "De kaart heeft JavaScript nodig. Typ in de plaats daarvan hieronder het adres "
            "of de coördinaten."
        )

        # The phone menu opens without JavaScript too.
        assert page.get_by_role("link", name="Een probleem melden").is_visible() is False
        page.locator("nav.site-nav summary").click()
        assert page.get_by_role("link", name="Een probleem melden").is_visible()
    finally:
        context.close()


def test_the_inbox_is_one_list_in_one_column(page: Any, kortrijk: Any, sofie: Any) -> None:
    for number in (1, 2, 3):
        notification = notification_send(
            recipient=sofie,
            event="decision.made",
            context={
                "case_reference": f"R-{number}",
                "case_title": "Premie",
                "decision": "Goedgekeurd.",
                "case_url": "https://loket.test/r/1/",
            },
            municipality=kortrijk,
            idempotency_key=f"k{number}",
        )
        notification_deliver(notification_id=notification.pk)
    _resident_sign_in(page)

    page.goto("/mijn/berichten/")

    main = page.locator("main").inner_text()
    for number in (1, 2, 3):
        assert main.count(f"R-{number}") == 1
    items = page.locator("main .message-list > li")
    assert items.count() == 3
    lefts = {round(items.nth(index).bounding_box()["x"]) for index in range(3)}
    assert len(lefts) == 1
    assert_no_axe_violations(page)


_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_on_a_phone_no_main_page_scrolls_sideways(page: Any, kortrijk: Any, sofie: Any) -> None:
    catalog_load()
    demo_certificate_ensure(kortrijk)
    case = certificate_request(
        actor=actor_for_resident(sofie.pk), municipality=kortrijk, applicant=sofie
    )
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    page.set_viewport_size(PHONE)
    wide: dict[str, int] = {}

    def visit(path: str) -> None:
        page.goto(path)
        overflow = page.evaluate(_OVERFLOW)
        if overflow > 0:
            wide[path] = overflow

    for path in (
        "/",
        "/kortrijk/",
        "/kortrijk/producten/",
        "/kortrijk/producten/resident-parking-card/",
        "/meldingen/",
        "/meldingen/nieuw/?municipality=kortrijk",
        "/assistent/",
        "/aanmelden/",
        "/pagina/bestaat-niet/",
    ):
        visit(path)
    _resident_sign_in(page)
    for path in (
        "/mijn/",
        "/mijn/aanvragen/",
        f"/mijn/aanvragen/{case.number}/",
        "/kortrijk/producten/resident-parking-card/aanvragen/",
        "/betalingen/",
        "/mijn/berichten/",
    ):
        visit(path)
    page.goto("/backoffice/aanmelden/")
    page.locator("input[name=username]").fill("kortrijk.clerk")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    staff_second_step(page, "kortrijk.clerk")
    page.wait_for_url("**/backoffice/")
    for path in (
        "/backoffice/",
        "/backoffice/inwoners/?q=vandenbrouke",
        "/backoffice/dossiers/",
        f"/backoffice/dossiers/{case.pk}/",
        "/backoffice/meldingen/",
    ):
        visit(path)

    assert wide == {}
