"""Acting for others in a real browser: a parent signs in, requests a Kids-ID for her minor
child, and the child's page shows the request made on her behalf; a neighbour with a
mandate for the criminal record extract requests one for the mandator and is refused the
parking card (403, nothing written). axe-core finds no WCAG 2.1 AA violation on the way."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from loket.audit.models import AccessLogEntry
from loket.cases.models import Case
from loket.catalog.loading import catalog_load
from loket.mandates.services import mandate_create
from loket.people.models import HouseholdRelation
from loket.people.services import household_link_add
from loket.tenancy.access import actor_for_resident
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations
from tests.factories import PersonFactory


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
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


def _sign_in(page: Any, name: str, next_path: str) -> None:
    # The first page of a fresh server can be slow on a busy machine.
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={next_path}", timeout=60_000)
    page.get_by_role("button", name=re.compile(name)).click()
    page.wait_for_url(f"**{next_path}")


def _act_as(page: Any, person: Any) -> None:
    page.locator("#acting-as-subject").select_option(value=str(person.pk))
    page.locator("form.acting-as button[type=submit]").click()


def test_a_parent_requests_a_kids_id_for_her_child(page: Any, kortrijk: Any) -> None:
    sofie = PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Vandenbroucke",
        birth_date=dt.date(1986, 3, 14),
    )
    lotte = PersonFactory(
        municipality=kortrijk,
        first_names="Lotte",
        last_name="Desmet",
        birth_date=timezone.localdate().replace(year=timezone.localdate().year - 9),
    )
    household_link_add(person=sofie, relative=lotte, relation=HouseholdRelation.PARENT)
    form_path = "/kortrijk/producten/kids-id/aanvragen/"

    _sign_in(page, "Sofie Vandenbroucke", form_path)
    _act_as(page, lotte)
    page.wait_for_url(f"**{form_path}")
    assert "Lotte Desmet" in page.locator(".page-header").inner_text()
    assert "Lotte Desmet" in page.locator("section.prefill").inner_text()
    assert_no_axe_violations(page)
    page.locator("#f-details").fill("Voor een reis naar Spanje in de zomer.")
    page.locator("#f-declaration").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url("**/mijn/aanvragen/KORTRIJK-*/")

    case = Case.objects.get()
    assert (case.applicant, case.submitted_by_person) == (lotte, sofie)
    assert "Sofie Vandenbroucke" in page.locator(".timeline").inner_text()
    page.goto(f"/mijn/kind/{lotte.pk}/")
    requests = page.locator("#requests").inner_text()
    assert case.number in requests
    assert "Sofie Vandenbroucke" in requests
    assert_no_axe_violations(page)
    entry = AccessLogEntry.objects.get(person=lotte)
    assert entry.acted_by_person == sofie


def test_a_mandated_neighbour_acts_within_the_mandate_only(page: Any, kortrijk: Any) -> None:
    godelieve = PersonFactory(
        municipality=kortrijk,
        first_names="Godelieve",
        last_name="Vanhoutte",
        birth_date=dt.date(1941, 11, 3),
    )
    nele = PersonFactory(
        municipality=kortrijk,
        first_names="Nele",
        last_name="Naastbuur",
        birth_date=dt.date(1980, 1, 1),
    )
    mandate_create(
        actor=actor_for_resident(godelieve.pk),
        mandatee_national_number=nele.national_number,
        product_codes=["criminal-record-extract"],
        valid_until=timezone.localdate() + dt.timedelta(days=60),
    )
    _sign_in(page, "Nele Naastbuur", "/mijn/machtigingen/")
    assert "Godelieve Vanhoutte" in page.locator("#received").inner_text()
    assert_no_axe_violations(page)
    _act_as(page, godelieve)
    page.wait_for_url("**/mijn/machtigingen/")
    assert "Godelieve Vanhoutte" in page.locator("#acting").inner_text()

    # Outside the mandate: refused, and nothing is written.
    before = AccessLogEntry.objects.count()
    refused = page.goto("/kortrijk/producten/resident-parking-card/aanvragen/")
    assert refused is not None
    assert refused.status == 403
    assert (Case.objects.count(), AccessLogEntry.objects.count()) == (0, before)

    # Within it: the request is Godelieve's, made by Nele.
    page.goto("/kortrijk/producten/criminal-record-extract/aanvragen/")
    assert "Godelieve Vanhoutte" in page.locator(".page-header").inner_text()
    assert_no_axe_violations(page)
    page.locator("#f-details").fill("Een uittreksel voor vrijwilligerswerk.")
    page.locator("#f-declaration").check()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url("**/mijn/aanvragen/KORTRIJK-*/")
    case = Case.objects.get()
    assert (case.applicant, case.submitted_by_person) == (godelieve, nele)
