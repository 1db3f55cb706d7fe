"""Routing: the location decides the municipality, the category decides the department.

Points are placed with the in-memory boundary index (`loket.tenancy.geometry`), so
routing costs microseconds per report. A pin up to `BORDER_TOLERANCE_M` outside the
region's simplified outer border still counts for the nearest municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loket.reports.locators import AddressNotPlaced, address_locator
from loket.reports.models import Category, CategoryMapping, Visibility
from loket.tenancy.geometry import boundary_index
from loket.tenancy.models import Department, Municipality, Region

BORDER_TOLERANCE_M = 25.0


class LocationError(ValidationError):
    """The location cannot be placed in a municipality of the region."""


@dataclass(frozen=True)
class PlacedLocation:
    municipality: Municipality
    latitude: float | None
    longitude: float | None
    postal_code: str = ""
    is_approximate: bool = False
    address: str = ""  # the typed address written out in full, when it could be read


@dataclass(frozen=True)
class Routing:
    department: Department | None
    target_days: int
    is_public: bool
    is_active: bool


def coordinates_check(latitude: float, longitude: float) -> None:
    if not (-90.0 <= latitude <= 90.0) or not (-180.0 <= longitude <= 180.0):
        raise LocationError(
            _(
                "The coordinates are not valid: latitude lies between -90 and 90, longitude "
                "between -180 and 180."
            ),
            code="coordinates_invalid",
        )


def municipality_at(*, region: Region, latitude: float, longitude: float) -> Municipality:
    """The municipality of `region` containing the point; LocationError outside the region."""
    coordinates_check(latitude, longitude)
    municipality_id = boundary_index().municipality_id_nearest(
        longitude=longitude, latitude=latitude, max_distance_m=BORDER_TOLERANCE_M
    )
    municipality = (
        Municipality.objects.filter(pk=municipality_id, region=region).first()
        if municipality_id is not None
        else None
    )
    if municipality is None:
        raise LocationError(
            _(
                "This place lies outside %(region)s. Reports can only be made for places in "
                "the municipalities of %(region)s; for other places, contact that "
                "municipality."
            )
            % {"region": region.name},
            code="outside_region",
        )
    return municipality


def location_place(
    *,
    region: Region,
    latitude: float | None,
    longitude: float | None,
    address: str = "",
    municipality: Municipality | None = None,
) -> PlacedLocation:
    """Where a report lies. A point wins; else the typed address; else the municipality the
    caller named (an Open311 jurisdiction or the portal's municipality choice)."""
    if (latitude is None) != (longitude is None):
        raise LocationError(_("Give both latitude and longitude."), code="coordinates_incomplete")
    if latitude is not None and longitude is not None:
        found = municipality_at(region=region, latitude=latitude, longitude=longitude)
        if municipality is not None and found.pk != municipality.pk:
            raise LocationError(
                _("This place lies in %(found)s, not in %(named)s.")
                % {"found": found.name, "named": municipality.name},
                code="other_municipality",
            )
        return PlacedLocation(municipality=found, latitude=latitude, longitude=longitude)
    if address.strip():
        try:
            located = address_locator().locate(text=address, region=region)
        except AddressNotPlaced as error:
            raise LocationError(error.messages[0], code=error.code) from None
        if located is not None and (
            municipality is None or located.municipality_id == municipality.pk
        ):
            return PlacedLocation(
                municipality=Municipality.objects.get(pk=located.municipality_id),
                latitude=located.latitude,
                longitude=located.longitude,
                postal_code=located.postal_code,
                is_approximate=located.latitude is not None,
                address=located.address,
            )
        if municipality is not None:
            return PlacedLocation(municipality=municipality, latitude=None, longitude=None)
        raise LocationError(
            _(
                "We could not tell in which municipality this address lies. Add the postal code "
                "or the municipality, or drop a pin on the map."
            ),
            code="address_unknown",
        )
    if municipality is not None:
        return PlacedLocation(municipality=municipality, latitude=None, longitude=None)
    raise LocationError(
        _("Tell us where the problem is: drop a pin on the map or type an address."),
        code="location_missing",
    )


def routing_for(*, category: Category, municipality: Municipality) -> Routing:
    """Department, target time and visibility of a category in one municipality.

    Without a mapping the category's defaults apply: its regional body, if it has one,
    or no department (the report then waits for the regional reporting point)."""
    mapping = (
        CategoryMapping.objects.select_related("department")
        .filter(category=category, municipality=municipality)
        .first()
    )
    if mapping is not None:
        return Routing(
            department=mapping.department,
            target_days=mapping.target_days,
            is_public=mapping.visibility == Visibility.PUBLIC,
            is_active=mapping.is_active,
        )
    return Routing(
        department=category.regional_department,
        target_days=category.default_target_days,
        is_public=category.default_visibility == Visibility.PUBLIC,
        is_active=True,
    )
