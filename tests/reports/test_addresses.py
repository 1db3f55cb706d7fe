"""Typed addresses: read in Dutch and French, placed at the known street or the postal
code's municipality, refused with a clear message only when they cannot be placed."""

from __future__ import annotations

import csv

import pytest

from loket.demo.data.streets import STREETS
from loket.reports.addresses import STREETS_FILE, ParsedAddress, address_parse, street_index
from loket.reports.routing import LocationError, location_place
from loket.tenancy.models import Municipality, Region
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.reports.conftest import ReportsRegion


@pytest.fixture
def brussels(db: None) -> Region:
    region = region_create(
        slug="brussel",
        name_nl="Brussels Hoofdstedelijk Gewest",
        name_fr="Région de Bruxelles-Capitale",
        name_en="Brussels-Capital Region",
    )
    for nis_code in ("21009", "21001", "21004"):
        municipality_create_from_nis(region=region, nis_code=nis_code)
    return region


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        (
            "Place Flagey 1, 1050 Ixelles",
            ParsedAddress("Place Flagey", "1", "", "1050", "Ixelles"),
        ),
        ("Flageyplein 1 1050 Elsene", ParsedAddress("Flageyplein", "1", "", "1050", "Elsene")),
        (
            "Place Flagey 1 boîte 4, 1050 Ixelles",
            ParsedAddress("Place Flagey", "1", "4", "1050", "Ixelles"),
        ),
        (
            "Doorniksestraat 12 bus 3, 8500 Kortrijk",
            ParsedAddress("Doorniksestraat", "12", "3", "8500", "Kortrijk"),
        ),
        ("Straat 12, 8500 Kortrijk", ParsedAddress("Straat", "12", "", "8500", "Kortrijk")),
        ("1, place Flagey, 1050", ParsedAddress("place Flagey", "1", "", "1050", "")),
        ("Rue Gray 12A 1050", ParsedAddress("Rue Gray", "12A", "", "1050", "")),
        # A four-digit house number without a postal code is not taken for one.
        ("Kortrijksesteenweg 1234", ParsedAddress("Kortrijksesteenweg", "1234", "", "", "")),
        ("Flageyplein 1, Elsene", ParsedAddress("Flageyplein", "1", "", "", "Elsene")),
        # A foreign five-digit postal code is not read as a Belgian one.
        ("Rue de Paris 1, 75001 Paris", ParsedAddress("Rue de Paris", "1", "", "", "75001 Paris")),
    ],
)
def test_addresses_are_read_in_dutch_and_french(text: str, parsed: ParsedAddress) -> None:
    assert address_parse(text) == parsed


def test_every_demo_street_is_a_known_street() -> None:
    with STREETS_FILE.open(encoding="utf-8") as handle:
        shipped = {
            (row["nis_code"], row["postal_code"], row["name_fr"]) for row in csv.DictReader(handle)
        }
    demo = {
        (nis_code, postal_code, street.split(" - ")[0])
        for nis_code, codes in STREETS.items()
        for postal_code, streets in codes.items()
        for street in streets
    }
    assert demo - shipped == set()
    assert street_index().find("Flageyplein", postal_code="1050") is not None


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Place Flagey 1, 1050 Ixelles", "Place Flagey 1, 1050 Ixelles"),
        ("place flagey 1 1050 ixelles", "Place Flagey 1, 1050 Ixelles"),
        ("Flageyplein 1 1050 Elsene", "Flageyplein 1, 1050 Elsene"),
        ("Place Flagey 1 bte 4, 1050", "Place Flagey 1 boîte 4, 1050 Ixelles"),
        ("Flageyplein 1 bus 4", "Flageyplein 1 bus 4, 1050 Elsene"),
        ("Onbekende Straat 7, 1050 Elsene", "Onbekende Straat 7, 1050 Elsene"),
    ],
)
def test_a_brussels_address_is_placed_in_its_commune(
    brussels: Region, text: str, address: str
) -> None:
    placed = location_place(region=brussels, latitude=None, longitude=None, address=text)
    assert placed.municipality == Municipality.objects.get(nis_code="21009")
    assert (placed.postal_code, placed.address) == ("1050", address)


def test_the_known_street_decides_between_communes_sharing_a_postal_code(
    brussels: Region,
) -> None:
    # 1070 is shared by Anderlecht and the City of Brussels.
    placed = location_place(
        region=brussels, latitude=None, longitude=None, address="Rue Wayez 20, 1070 Anderlecht"
    )
    assert placed.municipality.nis_code == "21001"
    assert placed.address == "Rue Wayez 20, 1070 Anderlecht"


def test_a_flemish_address_is_placed(zwvl: ReportsRegion) -> None:
    placed = location_place(
        region=zwvl.region, latitude=None, longitude=None, address="Doorniksestraat 12, 8500"
    )
    assert placed.municipality == zwvl.kortrijk
    assert (placed.postal_code, placed.address) == ("8500", "Doorniksestraat 12, 8500 Kortrijk")


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "Doorniksestraat 12, 8500 Kortrijk",
            "postal_code_other_region",
            "8500 is a postal code of Kortrijk, in South-West Flanders, not in Brussels-Capital "
            "Region. Report it on the form of South-West Flanders, or check the postal code.",
        ),
        (
            "Veldstraat 1, 9000 Gent",
            "postal_code_outside_region",
            "Postal code 9000 lies outside Brussels-Capital Region. Reports can only be made for "
            "places in the municipalities of Brussels-Capital Region; check the postal code.",
        ),
        (
            "Place Flagey 1, 1099 Ixelles",
            "postal_code_unknown",
            "1099 is not a Belgian postal code. Check the postal code, or drop a pin on the map.",
        ),
    ],
)
def test_an_address_that_cannot_be_placed_is_explained(
    brussels: Region, zwvl: ReportsRegion, text: str, code: str, message: str
) -> None:
    with pytest.raises(LocationError) as raised:
        location_place(region=brussels, latitude=None, longitude=None, address=text)
    assert (raised.value.code, raised.value.messages) == (code, [message])
