"""Occupations of the public domain on "My municipality": approved cases of the
public-domain-occupation product whose period includes today, placed at their street with
the same street locator as a typed address, within the radius; only the street, the period
and a neutral label are shown, never the applicant."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.cases.models import Case
from loket.cases.services import case_submit
from loket.cases.workflow import CaseStatus
from loket.tenancy.access import actor_for_resident
from tests.catalog.helpers import catalog_product
from tests.factories import MunicipalityFactory, PersonFactory

PAGE = reverse("mymunicipality:my-municipality")
STREETS = (
    "nis_code,postal_code,name_nl,name_fr,latitude,longitude\n"
    "34022,8500,Doorniksestraat,Doorniksestraat,50.8200,3.2640\n"
    "34022,8500,Groeningestraat,Groeningestraat,50.8210,3.2655\n"
    "34022,8500,Kapucijnenstraat,Kapucijnenstraat,50.8600,3.3300\n"
)


@pytest.fixture
def kortrijk(db: None, settings: Any, tmp_path: Path) -> Any:
    streets = tmp_path / "streets.csv"
    streets.write_text(STREETS, encoding="utf-8")
    settings.LOKET_REPORTS_STREETS_FILE = str(streets)
    settings.LOKET_NEARBY_RADIUS_M = 1000
    catalog_product("public-domain-occupation")
    return MunicipalityFactory(nis_code="34022", name_nl="Kortrijk", slug="kortrijk")


def _occupation(
    municipality: Any, *, street: str, starts: int, ends: int, status: str, last_name: str
) -> Case:
    applicant = PersonFactory(municipality=municipality, last_name=last_name)
    today = timezone.localdate()
    case = case_submit(
        actor=actor_for_resident(applicant.pk),
        municipality=municipality,
        product_code="public-domain-occupation",
        applicant=applicant,
        answers={
            "purpose": "container",
            "location": {
                "street": street,
                "number": "117",
                "postal_code": "8500",
                "municipality": "Kortrijk",
            },
            "length_m": "6",
            "parking_ban": "yes",
            # A request is made ahead of its period; the period is set below.
            "start_date": (today + dt.timedelta(days=20)).isoformat(),
            "end_date": (today + dt.timedelta(days=22)).isoformat(),
            "declaration": "on",
        },
        idempotency_key=str(uuid.uuid4()),
    ).case
    # The decision is the cases domain's concern (tests/cases); here only its outcome, and
    # the period moved as though the request had been made weeks ago.
    answers = {
        **case.answers,
        "start_date": (today + dt.timedelta(days=starts)).isoformat(),
        "end_date": (today + dt.timedelta(days=ends)).isoformat(),
    }
    Case.objects.filter(pk=case.pk).update(status=status, answers=answers)
    return case


def _map_names(html: str) -> list[str]:
    start = html.index('id="nearby-map-data"')
    start = html.index(">", start) + 1
    data = json.loads(html[start : html.index("</script>", start)])
    return [feature["properties"].get("name", "") for feature in data["features"]]


def test_an_approved_current_occupation_nearby_is_shown_without_its_applicant(
    client: Any, kortrijk: Any
) -> None:
    _occupation(
        kortrijk,
        street="Groeningestraat",
        starts=-2,
        ends=3,
        status=CaseStatus.APPROVED,
        last_name="Containerman",
    )

    html = client.get(PAGE, {"adres": "Doorniksestraat 12, 8500 Kortrijk"}).content.decode()

    assert "Inname van het openbaar domein" in html
    assert "Groeningestraat, 8500" in html
    assert "Inname van het openbaar domein (Groeningestraat)" in _map_names(html)
    assert "Containerman" not in html
    assert "Groeningestraat 117" not in html


@pytest.mark.parametrize(
    ("street", "starts", "ends", "status"),
    [
        ("Groeningestraat", -2, 3, CaseStatus.SUBMITTED),  # not decided
        ("Groeningestraat", -2, 3, CaseStatus.REJECTED),
        ("Groeningestraat", -9, -1, CaseStatus.APPROVED),  # over
        ("Groeningestraat", 1, 5, CaseStatus.APPROVED),  # not begun
        ("Kapucijnenstraat", -2, 3, CaseStatus.APPROVED),  # beyond the radius
        ("Onbekendestraat", -2, 3, CaseStatus.APPROVED),  # a street the locator cannot place
    ],
)
def test_other_occupations_are_not_shown(
    client: Any, kortrijk: Any, street: str, starts: int, ends: int, status: str
) -> None:
    _occupation(kortrijk, street=street, starts=starts, ends=ends, status=status, last_name="X")

    html = client.get(PAGE, {"adres": "Doorniksestraat 12, 8500 Kortrijk"}).content.decode()

    assert "Doorniksestraat 12, 8500 Kortrijk" in html
    assert "Inname van het openbaar domein" not in html


def test_another_municipalitys_occupation_is_not_shown(client: Any, kortrijk: Any) -> None:
    other = MunicipalityFactory(region=kortrijk.region)
    _occupation(
        other,
        street="Groeningestraat",
        starts=-2,
        ends=3,
        status=CaseStatus.APPROVED,
        last_name="X",
    )

    html = client.get(PAGE, {"adres": "Doorniksestraat 12, 8500 Kortrijk"}).content.decode()

    assert "Inname van het openbaar domein" not in html
