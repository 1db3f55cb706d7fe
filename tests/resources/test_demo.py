"""The demo data of resources: made through the services, and a second run adds nothing."""

from __future__ import annotations

import pytest

from loket.payments.demo import payments_demo_load
from loket.resources.demo import resources_demo_load
from loket.resources.models import Booking, Resource
from loket.tenancy.models import Municipality
from tests.factories import MunicipalityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_demo_makes_resources_and_bookings_once() -> None:
    kortrijk: Municipality = MunicipalityFactory(nis_code="34022", slug="kortrijk")
    menen: Municipality = MunicipalityFactory(
        nis_code="34027", slug="menen", region=kortrijk.region
    )
    payments_demo_load()
    sofie = PersonFactory(municipality=kortrijk)
    thomas = PersonFactory(municipality=kortrijk)
    marie = PersonFactory(municipality=menen)
    residents = {
        "sofie": sofie.national_number,
        "thomas": thomas.national_number,
        "marie": marie.national_number,
    }

    first = resources_demo_load(residents=residents)
    second = resources_demo_load(residents=residents)

    assert (first.resources, first.bookings) == (7, 5)
    assert (second.resources, second.bookings) == (0, 0)
    assert Resource.objects.filter(municipality=kortrijk).count() == 5
    assert sorted(Booking.objects.values_list("resource__name_nl", "status")) == [
        ("Feestzaal De Kring", "approved"),
        ("Klapstoelen", "approved"),
        ("Vergaderzaal Broeltorens", "requested"),
        ("Verhuisborden", "approved"),
        ("Zaal Cultuurcentrum De Steiger", "requested"),
    ]
