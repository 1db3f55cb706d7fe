"""The waste demo data: every demo street in a zone, and the residual-waste collection of the
weeks of Christmas 2026 and New Year 2027 moved one day later."""

from __future__ import annotations

import datetime as dt

import pytest

from loket.tenancy.models import Municipality
from loket.waste.demo import waste_demo_load
from loket.waste.models import Round, RoundException
from tests.factories import PersonFactory


@pytest.mark.django_db
def test_the_demo_moves_the_holiday_weeks_collections(municipality: Municipality) -> None:
    PersonFactory(municipality=municipality)

    result = waste_demo_load()

    residual = list(Round.objects.filter(fraction="residual"))
    assert residual
    assert result.exceptions == 2 * len(residual)
    for exception in RoundException.objects.select_related("round"):
        assert exception.round.fraction == "residual"
        assert exception.moved_to == exception.date + dt.timedelta(days=1)
        assert (exception.date - exception.round.first_date).days % 7 == 0
        assert exception.date.isocalendar()[:2] in {(2026, 52), (2026, 53)}
    assert waste_demo_load().exceptions == 0  # a second run adds nothing
