"""The foundation in a real browser: the portal in three languages, a resident's own page,
a staff search — and no WCAG 2.1 AA violation found by axe-core on any of them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from loket.people.models import HouseholdRelation
from loket.people.services import household_link_add
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member

HEADINGS = {
    "nl": "Uw digitaal gemeentehuis",
    "fr": "Votre maison communale numérique",
    "en": "Your digital town hall",
}


@pytest.fixture
def region(transactional_db):
    zwvl = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    kortrijk = municipality_create_from_nis(region=zwvl, nis_code="34022")
    menen = municipality_create_from_nis(region=zwvl, nis_code="34027")
    return kortrijk, menen


def test_portal_home_in_dutch_french_and_english(page, region):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == HEADINGS["nl"]
    assert page.get_by_role("link", name="Kortrijk").is_visible()
    assert_no_axe_violations(page)

    for language in ("fr", "en"):
        page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").inner_text() == HEADINGS[language]
        assert_no_axe_violations(page)

    page.goto("/kortrijk/")  # the choice is remembered across pages
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_map_draws_boundaries_without_a_tile_server(page, region):
    page.goto("/")
    page.wait_for_selector(".leaflet-overlay-pane path")
    assert page.locator(".leaflet-overlay-pane path").count() == 2


def test_a_resident_signs_in_with_the_demo_eid_and_sees_only_their_own_page(page, region):
    kortrijk, _ = region
    sofie = PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        birth_date=dt.date(1984, 4, 12),
    )
    child = PersonFactory(
        municipality=kortrijk,
        first_names="Lotte",
        last_name="Vandenbroucke",
        birth_date=dt.date(2016, 9, 1),
    )
    neighbour = PersonFactory(
        municipality=kortrijk,
        first_names="Jan",
        last_name="Peeters",
        birth_date=dt.date(1970, 1, 1),
    )
    household_link_add(person=sofie, relative=child, relation=HouseholdRelation.PARENT)

    page.goto("/mijn/")
    assert "/aanmelden/" in page.url
    page.goto("/aanmelden/demo/?municipality=kortrijk")
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url("**/mijn/")
    body = page.locator("main").inner_text()
    assert "Sofie Vandenbroucke" in body
    assert "Lotte" in body
    assert "Peeters" not in body
    assert_no_axe_violations(page)

    response = page.goto(f"/mijn/kind/{child.pk}/")
    assert response is not None
    assert response.status == 200
    response = page.goto(f"/mijn/kind/{neighbour.pk}/")
    assert response is not None
    assert response.status == 404


def test_staff_signs_in_and_finds_a_resident_despite_a_typo(page, region):
    kortrijk, menen = region
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    target = PersonFactory(municipality=kortrijk, first_names="Élodie", last_name="Vandenbroucke")
    PersonFactory(municipality=menen, first_names="Elodie", last_name="Vandenbroucke")

    page.goto("/backoffice/")
    assert_no_axe_violations(page)
    page.locator("input[name=username]").fill("kortrijk.clerk")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, "kortrijk.clerk")
    page.wait_for_url("**/backoffice/")

    page.goto("/backoffice/inwoners/")
    page.locator("#q").fill("elodie vandenbrouke")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_selector("#resident-results table")
    rows = page.locator("#resident-results tbody tr")
    assert rows.count() == 1  # Menen's Elodie is not visible to a Kortrijk clerk
    assert_no_axe_violations(page)

    rows.first.get_by_role("link").click()
    page.locator("input[name=purpose]").first.check()
    page.locator("main form button[type=submit]").click()
    assert target.national_number[:2] in page.locator("main").inner_text()
    assert_no_axe_violations(page)
