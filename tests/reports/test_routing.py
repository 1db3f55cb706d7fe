"""Routing: the location decides the municipality, the category the department."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from loket.reports.locators import LocalAddressLocator
from loket.reports.routing import LocationError, location_place, municipality_at, routing_for
from loket.tenancy.geometry import boundary_index
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.reports.conftest import KORTRIJK_POINT, LILLE_POINT, MENEN_POINT, ReportsRegion

BRUSSELS_STREETS = Path("/work/shared/data/brussels-streets/brussels-street-ways.geojson")


def test_a_point_is_routed_to_the_municipality_that_contains_it(zwvl: ReportsRegion) -> None:
    assert (
        municipality_at(region=zwvl.region, latitude=MENEN_POINT[0], longitude=MENEN_POINT[1])
        == zwvl.menen
    )
    assert (
        municipality_at(region=zwvl.region, latitude=KORTRIJK_POINT[0], longitude=KORTRIJK_POINT[1])
        == zwvl.kortrijk
    )


def test_a_point_outside_the_region_gets_a_clear_message(zwvl: ReportsRegion) -> None:
    with pytest.raises(LocationError) as error:
        municipality_at(region=zwvl.region, latitude=LILLE_POINT[0], longitude=LILLE_POINT[1])
    assert error.value.code == "outside_region"
    assert error.value.messages == [
        "This place lies outside South-West Flanders. Reports can only be made for places in "
        "the municipalities of South-West Flanders; for other places, contact that municipality."
    ]


def test_a_point_in_a_municipality_of_another_region_is_outside(zwvl: ReportsRegion) -> None:
    other = region_create(slug="other", name_nl="Ander", name_fr="Autre")
    municipality_create_from_nis(region=other, nis_code="41048")  # Ninove
    with pytest.raises(LocationError):
        municipality_at(region=zwvl.region, latitude=50.8285, longitude=4.0251)


def test_invalid_coordinates_are_refused(zwvl: ReportsRegion) -> None:
    with pytest.raises(LocationError) as error:
        municipality_at(region=zwvl.region, latitude=95.0, longitude=3.1)
    assert error.value.code == "coordinates_invalid"


def test_a_pin_a_few_metres_outside_the_outer_border_still_counts(zwvl: ReportsRegion) -> None:
    index = boundary_index()
    geometry = index.geometries[index.ids.index(zwvl.menen.pk)]
    # A point 10 m west of Menen's westernmost vertex, beyond every boundary of the region.
    min_x = geometry.bounds[0]
    parts = getattr(geometry, "geoms", [geometry])
    x, y = next((px, py) for part in parts for px, py in part.exterior.coords if px == min_x)
    outside_x = x - 10 / 70_000
    assert index.municipality_id_at(longitude=outside_x, latitude=y) is None
    assert municipality_at(region=zwvl.region, latitude=y, longitude=outside_x) == zwvl.menen
    with pytest.raises(LocationError):
        municipality_at(region=zwvl.region, latitude=y, longitude=x - 200 / 70_000)


def test_the_vectorised_lookup_agrees_with_the_one_by_one_lookup(zwvl: ReportsRegion) -> None:
    """Its speed is measured by bench/reports_routing.py, not here."""
    rng = np.random.default_rng(7)
    latitudes = rng.uniform(50.75, 50.87, 20_000)
    longitudes = rng.uniform(3.05, 3.35, 20_000)
    index = boundary_index()
    found = index.municipality_ids_at(longitudes, latitudes)
    one_by_one = [
        index.municipality_id_at(longitude=x, latitude=y)
        for x, y in zip(longitudes[:500], latitudes[:500], strict=True)
    ]
    assert found[:500] == one_by_one
    assert {zwvl.menen.pk, zwvl.kortrijk.pk, zwvl.wevelgem.pk} <= set(found)


def test_a_typed_address_is_placed_by_its_postal_code(zwvl: ReportsRegion) -> None:
    placed = location_place(
        region=zwvl.region, latitude=None, longitude=None, address="Kerkstraat 12, 8930 Menen"
    )
    assert placed.municipality == zwvl.menen
    assert placed.postal_code == "8930"
    assert placed.latitude is None


def test_a_typed_address_is_placed_by_the_municipality_name(zwvl: ReportsRegion) -> None:
    located = LocalAddressLocator().locate(text="Stationsplein, Kortrijk", region=zwvl.region)
    assert located is not None
    assert located.municipality_id == zwvl.kortrijk.pk


def test_an_address_that_cannot_be_placed_gets_a_clear_message(zwvl: ReportsRegion) -> None:
    with pytest.raises(LocationError) as error:
        location_place(
            region=zwvl.region, latitude=None, longitude=None, address="Rue de Paris 1, 75001 Paris"
        )
    assert error.value.code == "address_unknown"


def test_a_point_in_another_municipality_than_the_one_named_is_refused(zwvl: ReportsRegion) -> None:
    with pytest.raises(LocationError) as error:
        location_place(
            region=zwvl.region,
            latitude=KORTRIJK_POINT[0],
            longitude=KORTRIJK_POINT[1],
            municipality=zwvl.menen,
        )
    assert error.value.code == "other_municipality"


def test_the_category_decides_the_department(zwvl: ReportsRegion) -> None:
    dumping = routing_for(category=zwvl.categories["illegal-dumping"], municipality=zwvl.menen)
    assert dumping.department == zwvl.department(zwvl.menen, "cleanliness")
    assert dumping.target_days == 5
    assert dumping.is_public is True
    pothole = routing_for(category=zwvl.categories["pothole"], municipality=zwvl.menen)
    assert pothole.department == zwvl.department(zwvl.menen, "public-works")


def test_a_category_can_route_to_a_regional_body(zwvl: ReportsRegion) -> None:
    routing = routing_for(category=zwvl.categories["regional-road"], municipality=zwvl.kortrijk)
    assert routing.department is not None
    assert routing.department.municipality_id is None
    assert routing.department.code == "awv"


def test_sensitive_categories_are_private(zwvl: ReportsRegion) -> None:
    assert (
        routing_for(
            category=zwvl.categories["abandoned-vehicle"], municipality=zwvl.menen
        ).is_public
        is False
    )


def test_without_a_mapping_the_report_waits_for_the_regional_reporting_point(
    zwvl: ReportsRegion,
) -> None:
    zwvl.categories["pothole"].mappings.filter(municipality=zwvl.menen).delete()
    routing = routing_for(category=zwvl.categories["pothole"], municipality=zwvl.menen)
    assert routing.department is None
    assert routing.target_days == 10


@pytest.mark.skipif(
    not BRUSSELS_STREETS.exists(), reason="the Brussels street oracle (../shared) is absent"
)
def test_brussels_street_midpoints_are_routed_to_their_commune(db: None) -> None:
    """Oracle: OpenStreetMap street ways with the commune of their middle vertex
    (computed on the official UrbIS borders). Loket's bundled borders are simplified, so
    a few ways right on a border may differ."""
    region = region_create(slug="brussels", name_nl="Brussel", name_fr="Bruxelles")
    ids = {}
    for nis in [f"210{n:02d}" for n in range(1, 20)]:
        ids[municipality_create_from_nis(region=region, nis_code=nis).pk] = nis
    ways = [
        feature
        for feature in json.loads(BRUSSELS_STREETS.read_text())["features"]
        if feature["properties"].get("nis_at_midpoint")
    ]
    points = [
        feature["geometry"]["coordinates"][len(feature["geometry"]["coordinates"]) // 2]
        for feature in ways
    ]
    found = boundary_index().municipality_ids_at([p[0] for p in points], [p[1] for p in points])
    agree = sum(
        ids.get(municipality_id) == feature["properties"]["nis_at_midpoint"]  # type: ignore[arg-type]
        for municipality_id, feature in zip(found, ways, strict=True)
    )
    assert len(ways) > 3000
    print(f"{agree} of {len(ways)} street midpoints agree")  # noqa: T201
    assert agree / len(ways) >= 0.98
