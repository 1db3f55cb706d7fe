"""The demo: offices, desks and products in Zuid-West-Vlaanderen and Brussels, and a week
of appointments; a second run adds nothing."""

from __future__ import annotations

import pytest

from loket.appointments.demo import DEMO_OFFICES, appointments_demo_load
from loket.appointments.models import Appointment, Desk, Office, OfficeProduct
from loket.demo.services import featured_national_numbers
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import MunicipalityFactory, PersonFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world() -> dict[str, Municipality]:
    for code in ("eid-card", "kids-id", "passport", "driving-licence"):
        catalog_product(code)
    places = {}
    for nis_code in sorted({spec.nis_code for spec in DEMO_OFFICES}):
        places[nis_code] = MunicipalityFactory(nis_code=nis_code)
    staff_member(places["34022"], Role.CLERK)
    sofie = featured_national_numbers()["sofie"]
    PersonFactory(municipality=places["34022"], national_number=sofie)
    return places


def test_the_demo_loads_offices_and_a_week_of_appointments_once(
    demo_world: dict[str, Municipality],
) -> None:
    first = appointments_demo_load(residents=featured_national_numbers())
    assert first.offices == len(DEMO_OFFICES) == 6
    assert Office.objects.count() == 6
    assert Desk.objects.count() == sum(spec.desks for spec in DEMO_OFFICES)
    assert OfficeProduct.objects.count() == sum(len(spec.products) for spec in DEMO_OFFICES)
    assert set(Office.objects.values_list("municipality__nis_code", flat=True)) == {
        "34022",
        "34027",
        "34041",
        "21004",
        "21009",
    }
    assert first.appointments == Appointment.objects.count()
    assert first.appointments > 30
    assert Appointment.objects.filter(person__isnull=False).exists()
    assert set(Appointment.objects.values_list("channel", flat=True)) == {
        "online",
        "phone",
        "counter",
    }
    second = appointments_demo_load(residents=featured_national_numbers())
    assert (second.offices, second.appointments) == (0, 0)
    assert Appointment.objects.count() == first.appointments
