"""The demo activities load twice without adding anything the second time."""

from __future__ import annotations

import pytest

from loket.activities.demo import DEMO_ACTIVITIES, activities_demo_load
from loket.activities.models import Activity, Period, Seat
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent() -> None:
    MunicipalityFactory(slug="kortrijk")
    MunicipalityFactory(slug="menen")
    MunicipalityFactory(slug="ixelles")  # not one of the demo's activity municipalities

    first = activities_demo_load()
    second = activities_demo_load()

    assert (first, second) == (2 * len(DEMO_ACTIVITIES), 0)
    assert Activity.objects.filter(is_published=True).count() == 6
    assert Period.objects.count() == 2 * (2 + 1 + 3)
    assert Seat.objects.count() == 2 * (2 * 24 + 12 + 3 * 40)
