"""Booking a hall in a real browser: an overlap with an existing booking is refused with a
clear message, a free period goes through; the calendar, the form and the booking's page
have no WCAG 2.1 AA violation found by axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loket.payments.models import MunicipalityPaymentSettings
from loket.resources.models import Booking
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident
from loket.tenancy.permissions import Role
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import at, resource_make

OVERLAP = "Deze periode overlapt met een andere reservatie van Feestzaal De Linde."


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


def _local(moment: Any) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_an_overlapping_hall_booking_is_refused_and_a_free_one_goes_through(
    page: Any, kortrijk: Any
) -> None:
    hall = resource_make(kortrijk)
    neighbour = PersonFactory(municipality=kortrijk)
    booking_request(
        actor=actor_for_resident(neighbour.pk), resource_id=hall.pk, starts_at=at(10, 14),
        ends_at=at(10, 18), category="resident",
    )  # fmt: skip
    PersonFactory(municipality=kortrijk, first_names="Sofie", last_name="Vandenbroucke")

    page.goto(f"/{kortrijk.slug}/reserveren/{hall.pk}/?datum={at(10, 0).date().isoformat()}")
    taken = page.locator(f"[data-testid=busy-{at(10, 0).date().isoformat()}]")
    assert taken.inner_text() == "14:00\u201318:00"
    assert_no_axe_violations(page)

    book_url = f"/{kortrijk.slug}/reserveren/{hall.pk}/boeken/"
    page.goto(f"/aanmelden/demo/?municipality=kortrijk&next={book_url}")
    page.get_by_role("button", name=re.compile("Sofie Vandenbroucke")).click()
    page.wait_for_url(f"**{book_url}")
    assert_no_axe_violations(page)

    page.locator("input[name=starts_at]").fill(_local(at(10, 16)))
    page.locator("input[name=ends_at]").fill(_local(at(10, 20)))
    page.locator("select[name=category]").select_option("resident")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert OVERLAP in page.locator(".error-summary").inner_text()
    assert OVERLAP in page.locator(".field-error").first.inner_text()
    assert Booking.objects.count() == 1
    assert_no_axe_violations(page)

    page.locator("input[name=starts_at]").fill(_local(at(10, 18)))
    page.locator("input[name=ends_at]").fill(_local(at(10, 21)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/mijn/reservaties/*/")
    assert page.locator("[data-testid=booking-status]").inner_text() == "Bevestigd"
    assert_no_axe_violations(page)
    assert Booking.objects.count() == 2


def test_staff_approve_a_booking_and_configure_a_resource_without_axe_violations(
    page: Any, kortrijk: Any
) -> None:
    room = resource_make(
        kortrijk, names={"nl": "Raadzaal"}, kind="meeting_room", requires_approval=True
    )
    resident = PersonFactory(municipality=kortrijk)
    booking = booking_request(
        actor=actor_for_resident(resident.pk), resource_id=room.pk, starts_at=at(5, 9),
        ends_at=at(5, 11), category="resident",
    )  # fmt: skip
    staff_member(kortrijk, Role.MUNICIPAL_ADMIN, username="kortrijk.zalen")
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill("kortrijk.zalen")
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, "kortrijk.zalen")
    page.wait_for_url("**/backoffice/")

    page.goto("/backoffice/reservaties/")
    assert_no_axe_violations(page)
    page.locator(f"a[href='/backoffice/reservaties/{booking.pk}/']").first.click()
    page.wait_for_url(f"**/backoffice/reservaties/{booking.pk}/")
    assert_no_axe_violations(page)
    page.locator("button[name=to_status][value=approved]").click()
    page.wait_for_url(f"**/backoffice/reservaties/{booking.pk}/")
    assert page.locator("[data-testid=booking-status]").inner_text() == "Bevestigd"

    page.goto(f"/backoffice/reservaties/middelen/{room.pk}/")
    assert_no_axe_violations(page)
    page.locator("input[name=hours_mon]").fill("9 tot 5")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert (
        "Schrijf de uren als 08:00-12:00, 13:00-22:00."
        in page.locator(".error-summary").inner_text()
    )
    assert_no_axe_violations(page)
