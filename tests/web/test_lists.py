"""The municipality filter of back-office lists: only the actor's municipalities count."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from loket.appointments.models import Office
from loket.tenancy.models import Municipality
from loket.web.lists import municipality_filter
from tests.factories import MunicipalityFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_a_chosen_municipality_narrows_the_list(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    OfficeFactory(municipality=municipality)
    there = OfficeFactory(municipality=other_municipality)
    request = RequestFactory().get(f"/?municipality={other_municipality.pk}")

    chosen = municipality_filter(request, municipality_ids={municipality.pk, other_municipality.pk})

    assert [m.pk for m in chosen.municipalities] == sorted(
        [municipality.pk, other_municipality.pk],
        key=lambda pk: Municipality.objects.get(pk=pk).name_nl,
    )
    assert chosen.chosen == other_municipality.pk
    assert list(chosen.apply(Office.objects.all())) == [there]


@pytest.mark.parametrize("wanted", ["foreign", "abc", ""])
def test_a_municipality_out_of_reach_or_nonsense_filters_nothing(
    municipality: Municipality, wanted: str
) -> None:
    foreign = MunicipalityFactory()
    OfficeFactory(municipality=municipality)
    value = str(foreign.pk) if wanted == "foreign" else wanted
    request = RequestFactory().get(f"/?municipality={value}")

    chosen = municipality_filter(request, municipality_ids={municipality.pk})

    assert chosen.chosen is None
    assert [m.pk for m in chosen.municipalities] == [municipality.pk]
    assert chosen.apply(Office.objects.all()).count() == 1
