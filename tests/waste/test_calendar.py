"""The collection calendar of an address: rounds every n weeks, exceptions applied."""

from __future__ import annotations

import datetime as dt

import pytest

from loket.waste.models import Round
from loket.waste.selectors import collections_for_address
from loket.waste.services import round_exception_set
from tests.waste.helpers import manager_of, rounds_load

D = dt.date


MARCH_2 = D(2026, 3, 2)
MARCH_15 = D(2026, 3, 15)


def _calendar(municipality, street="Kerkstraat", start=MARCH_2, end=MARCH_15):
    return collections_for_address(
        municipality_id=municipality.pk, postal_code="8500", street=street, start=start, end=end
    )


@pytest.mark.django_db
def test_rounds_give_the_dates_of_each_fraction(municipality):
    rounds_load(municipality)
    calendar = _calendar(municipality)
    assert [(item.date, item.fraction) for item in calendar] == [
        (D(2026, 3, 2), "residual"),
        (D(2026, 3, 9), "residual"),
        (D(2026, 3, 10), "pmd"),
    ]


@pytest.mark.django_db
def test_the_street_is_found_whatever_its_accents_and_case(municipality):
    rounds_load(municipality)
    assert len(_calendar(municipality, street="  KERKSTRAAT ")) == 3


@pytest.mark.django_db
def test_a_street_in_no_zone_has_no_calendar(municipality, other_municipality):
    rounds_load(municipality)
    assert _calendar(municipality, street="Stationsstraat") is None
    # The same street in another municipality is another street.
    assert _calendar(other_municipality) is None


@pytest.mark.django_db
def test_an_exception_moves_or_cancels_a_collection(municipality):
    rounds_load(municipality)
    residual = Round.objects.get(fraction="residual")
    actor = manager_of(municipality)
    round_exception_set(
        actor=actor, round_id=residual.pk, date=D(2026, 3, 2), moved_to=D(2026, 3, 3)
    )
    round_exception_set(actor=actor, round_id=residual.pk, date=D(2026, 3, 9), moved_to=None)
    calendar = _calendar(municipality)
    assert [(item.date, item.fraction, item.moved_from) for item in calendar] == [
        (D(2026, 3, 3), "residual", D(2026, 3, 2)),
        (D(2026, 3, 10), "pmd", None),
    ]


@pytest.mark.django_db
def test_a_collection_moved_into_the_period_from_outside_is_shown(municipality):
    rounds_load(municipality)
    residual = Round.objects.get(fraction="residual")
    round_exception_set(
        actor=manager_of(municipality),
        round_id=residual.pk,
        date=D(2026, 2, 23),
        moved_to=D(2026, 3, 4),
    )
    dates = [item.date for item in _calendar(municipality) if item.fraction == "residual"]
    assert dates == [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9)]
