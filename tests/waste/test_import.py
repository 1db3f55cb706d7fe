"""The CSV import: all rows or nothing, each bad row named in a translated message."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from loket.waste.models import Round, Zone, ZoneStreet
from loket.waste.services import waste_csv_import
from tests.waste.helpers import HEADER, KERKSTRAAT, manager_of, rounds_load


@pytest.mark.django_db
def test_import_makes_zones_streets_and_rounds(municipality):
    result = waste_csv_import(
        actor=manager_of(municipality), municipality_id=municipality.pk, content=KERKSTRAAT
    )
    assert (result.zones, result.streets, result.rounds) == (2, 2, 3)
    assert sorted(Zone.objects.values_list("name", flat=True)) == ["Zone A", "Zone B"]
    assert set(Round.objects.values_list("fraction", "interval_weeks")) == {
        ("residual", 1),
        ("pmd", 2),
        ("paper", 4),
    }


@pytest.mark.django_db
def test_importing_again_updates_instead_of_adding(municipality):
    rounds_load(municipality)
    rounds_load(municipality, HEADER + "Zone A,8500,Kerkstraat,residual,2026-01-07,2\n")
    assert Round.objects.count() == 3
    residual = Round.objects.get(fraction="residual")
    assert (str(residual.first_date), residual.interval_weeks) == ("2026-01-07", 2)


@pytest.mark.django_db
def test_one_bad_row_saves_nothing_and_every_bad_row_is_named(municipality):
    content = (
        HEADER
        + "Zone A,8500,Kerkstraat,residual,2026-01-05,1\n"
        + "Zone A,85,Kerkstraat,plastic,5 januari,9\n"
        + "Zone B,8500,Kerkstraat,pmd,2026-01-06,2\n"
    )
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        waste_csv_import(
            actor=manager_of(municipality), municipality_id=municipality.pk, content=content
        )
    assert raised.value.messages == [
        "Row 3: “85” is not a postal code (four digits).",
        "Row 3: “plastic” is not a fraction; use one of "
        "residual, organic, pmd, paper, glass, garden.",
        "Row 3: “5 januari” is not a date (write it as 2026-01-05).",
        "Row 3: the interval must be a number of weeks from 1 to 8, not “9”.",
        "Row 4: Kerkstraat is already in zone “Zone A” (row 2); a street lies in one zone.",
    ]
    assert (Zone.objects.count(), ZoneStreet.objects.count(), Round.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_the_messages_are_in_the_staff_members_language(municipality):
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        waste_csv_import(
            actor=manager_of(municipality),
            municipality_id=municipality.pk,
            content=HEADER + "Zone A,8500,Kerkstraat,residual,,1\n",
        )
    assert raised.value.messages == ["Rij 2: de kolom “first_date” is leeg."]


@pytest.mark.django_db
def test_a_file_without_the_columns_is_refused(municipality):
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        waste_csv_import(
            actor=manager_of(municipality), municipality_id=municipality.pk, content="a;b\n1;2\n"
        )
    assert raised.value.messages[0].startswith("The file has no column zone, postal_code")
    assert Zone.objects.count() == 0


@pytest.mark.django_db
def test_staff_of_another_municipality_may_not_import(municipality, other_municipality):
    with pytest.raises(PermissionDenied):
        waste_csv_import(
            actor=manager_of(other_municipality),
            municipality_id=municipality.pk,
            content=KERKSTRAAT,
        )
    assert Zone.objects.count() == 0
