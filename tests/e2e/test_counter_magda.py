"""The counter form in a real browser with MAGDA as authentic source: a clerk of Kortrijk
looks up a resident by national number and reads what MAGDA answers; when MAGDA is down
the form says so in the clerk's language and keeps what the clerk typed. axe-core finds no
WCAG 2.1 AA violation in either state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from loket.cases.models import Case
from loket.catalog.loading import catalog_load
from loket.people.models import Person
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member
from tests.people import magda_stub

PASSWORD = "correct-horse-battery"
FOUND = "00600099536"  # MAGDA-Mock persona: Hamid Daoud, Dorpsstraat 405, 3070 Kortenberg
DOWN = "De authentieke bron is op dit moment niet beschikbaar."


@pytest.fixture
def magda_services(settings: Any) -> Iterator[magda_stub.MagdaServices]:
    state = magda_stub.MagdaServices()
    server = magda_stub.start(state)
    magda_stub.configure(settings, state)
    cache.clear()
    yield state
    cache.clear()
    server.shutdown()
    server.server_close()


@pytest.fixture
def kortrijk(transactional_db: None) -> Municipality:
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
    catalog_load()
    return municipality


@pytest.fixture
def resident(kortrijk: Municipality) -> Person:
    # What Loket's own copy says differs from MAGDA, so the page shows MAGDA's answer.
    return PersonFactory(
        municipality=kortrijk,
        first_names="Jan",
        last_name="Janssens",
        birth_date=dt.date(2000, 6, 1),
        national_number=FOUND,
    )


def _open_counter_form(page: Any, resident: Person) -> None:
    page.goto("/backoffice/dossiers/nieuw/")
    page.locator("#counter-q").fill("00.60.00-995.36")
    page.locator("form[role=search] button[type=submit]").click()
    page.locator(f"a[href*='person={resident.pk}']").click()
    page.locator("#counter-product").select_option("residence-certificate")
    page.locator("#channel-counter").check()
    page.locator("#counter-product-form button[type=submit]").click()
    page.wait_for_url("**/backoffice/dossiers/nieuw/**/residence-certificate/**")


def test_a_clerk_reads_magda_at_the_counter_and_keeps_her_input_when_it_is_down(
    page: Any,
    kortrijk: Municipality,
    resident: Person,
    magda_services: magda_stub.MagdaServices,
) -> None:
    staff_member(kortrijk, Role.CLERK, username="kortrijk.clerk")
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill("kortrijk.clerk")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, "kortrijk.clerk")

    _open_counter_form(page, resident)
    prefill = page.locator("section.prefill").inner_text()
    assert "Hamid Daoud" in prefill
    assert "Dorpsstraat 405, 3070 Kortenberg" in prefill
    assert "Rijksregister (via MAGDA)" in prefill
    assert "Janssens" not in prefill
    assert page.locator("#source-error").count() == 0
    assert ("GeefPersoon", FOUND) in magda_services.requests
    assert_no_axe_violations(page)

    magda_services.failure = "down"
    cache.clear()
    _open_counter_form(page, resident)
    assert page.locator("#source-error").inner_text().startswith(DOWN)
    assert page.locator("section.prefill").count() == 0
    assert_no_axe_violations(page)

    page.locator("#manual_first_names").fill("")
    page.locator("#manual_last_name").fill("Daoud")
    page.locator("#manual_address").fill("Dorpsstraat 405, 3070 Kortenberg")
    page.locator("#f-purpose").fill("Voor mijn verhuurder")
    page.locator("main form.request-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#source-error").inner_text().startswith(DOWN)
    assert page.locator("#manual_last_name").input_value() == "Daoud"
    assert page.locator("#manual_address").input_value() == "Dorpsstraat 405, 3070 Kortenberg"
    assert page.locator("#f-purpose").input_value() == "Voor mijn verhuurder"
    assert "Vul de voornamen en de achternaam in vanaf het identiteitsdocument." in (
        page.locator("main").inner_text()
    )
    assert Case.objects.count() == 0
    assert_no_axe_violations(page)
