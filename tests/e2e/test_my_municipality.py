""" "My municipality" in a real browser: a signed-in resident sees the waste calendar of
their street, the works nearby on the map and in the list, and their own section; a visitor
types an address and gets the same page without it; staff place a work with a click on the
map. axe-core finds no WCAG 2.1 AA
violation on either."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from loket.tenancy.permissions import Role
from loket.tenancy.selectors import municipality_at_point
from loket.tenancy.services import municipality_create_from_nis, region_create
from loket.works.models import PlannedWork, WorkKind
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member
from tests.waste.helpers import HEADER, rounds_load

PASSWORD = "correct-horse-battery"


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    rounds_load(municipality, HEADER + f"Zone A,8500,Doorniksestraat,residual,{monday},1\n")
    today = timezone.localdate()
    PlannedWork.objects.create(
        municipality=municipality,
        kind=WorkKind.WORKS,
        title="Nieuwe riolering",
        place="Doorniksestraat",
        latitude=50.8205,
        longitude=3.2650,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )
    return municipality


def test_a_signed_in_resident_sees_their_municipality(kortrijk: Any, page: Any) -> None:
    resident = PersonFactory(
        municipality=kortrijk,
        first_names="Sofie",
        last_name="Straatmans",
        address__street="Doorniksestraat",
    )
    address = resident.addresses.get()
    address.latitude, address.longitude = 50.8200, 3.2640
    address.save()
    page.goto("/aanmelden/demo/?municipality=kortrijk&next=/mijn/gemeente/")
    page.get_by_role("button", name=re.compile("Sofie")).click()
    page.wait_for_url("**/mijn/gemeente/")

    assert page.get_by_role("heading", name="Mijn gemeente", level=1).is_visible()
    calendar = page.get_by_role("table", name="Ophalingen in de komende weken")
    assert calendar.get_by_text("Restafval").count() >= 8
    assert page.get_by_text("Nieuwe riolering").is_visible()
    page.locator("#nearby-map.leaflet-container").wait_for()
    assert page.get_by_role("heading", name="Wat ik open heb staan").is_visible()
    assert_no_axe_violations(page)


def test_a_visitor_types_an_address(kortrijk: Any, page: Any) -> None:
    page.goto("/mijn/gemeente/")
    page.get_by_label("Adres").fill("Onbekendestraat 1, 8500 Kortrijk")
    page.get_by_role("button", name="Tonen").click()
    assert page.get_by_text("We kennen het adres").first.is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Adres").fill("Doorniksestraat 12, 8500 Kortrijk")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("table", name="Ophalingen in de komende weken").wait_for()
    assert page.get_by_text("Rond Doorniksestraat 12, 8500 Kortrijk.").is_visible()
    assert page.get_by_role("heading", name="Wat ik open heb staan").count() == 0
    assert_no_axe_violations(page)


def test_staff_place_a_work_with_a_click_on_the_map(kortrijk: Any, page: Any) -> None:
    admin = staff_member(kortrijk, Role.MUNICIPAL_ADMIN)
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(admin.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, admin.username)

    page.goto("/backoffice/werken/")
    assert page.get_by_role("link", name="Nieuwe riolering").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Werk toevoegen").click()
    page.get_by_label("Soort").select_option("occupation")
    page.get_by_label("Titel").fill("Container voor verbouwing")
    page.get_by_label("Plaats", exact=True).fill("Grote Markt 5")
    # A click in the middle of the map (Kortrijk's boundary) drops the pin.
    picker = page.locator("#work-picker.leaflet-container")
    picker.wait_for()
    picker.click()
    assert page.locator("#id_latitude").input_value() != ""
    today = timezone.localdate()
    page.get_by_label("Van", exact=True).fill(str(today))
    page.get_by_label("Tot", exact=True).fill(str(today + dt.timedelta(days=7)))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Bewaren").click()

    page.wait_for_url("**/backoffice/werken/")
    assert page.get_by_role("link", name="Container voor verbouwing").is_visible()
    work = PlannedWork.objects.get(title="Container voor verbouwing")
    assert work.kind == WorkKind.OCCUPATION
    assert municipality_at_point(latitude=work.latitude, longitude=work.longitude) == kortrijk
