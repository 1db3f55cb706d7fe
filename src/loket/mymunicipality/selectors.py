"""Reads of the "My municipality" page, each through the selector of the domain that owns
the data: an address placed, then what lies around it and what the resident has open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.appointments.selectors import appointments_of_resident
from loket.appointments.workflow import AppointmentStatus
from loket.cases.selectors import occupations_current, requests_of_resident
from loket.cases.workflow import OPEN_STATUSES as CASE_OPEN_STATUSES
from loket.council.selectors import meetings_public
from loket.people.selectors import address_current, person_get_visible
from loket.reports.addresses import address_parse, street_index
from loket.reports.selectors import PUBLIC_REPORT_FIELDS, distance_m, reports_public
from loket.reports.workflow import OPEN_STATUSES as REPORT_OPEN_STATUSES
from loket.resources.selectors import bookings_of_resident
from loket.resources.workflow import BookingStatus
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.waste.selectors import Collection, collections_for_address
from loket.works.selectors import NearbyWork, works_nearby

CALENDAR_WEEKS = 8


@dataclass(frozen=True)
class Place:
    """An address placed: its municipality, street, postal code and (when known) a point."""

    municipality: Municipality
    street: str
    postal_code: str
    label: str
    latitude: float | None = None
    longitude: float | None = None


def place_of_resident(*, actor: Actor) -> Place | None:
    """The signed-in resident's current address, or None (no address in the register)."""
    if not actor.is_resident or actor.person_id is None:
        return None
    person = person_get_visible(actor=actor, person_id=actor.person_id)
    address = address_current(person=person)
    if address is None:
        return None
    latitude, longitude = address.latitude, address.longitude
    if latitude is None or longitude is None:
        found = street_index().find(address.street, postal_code=address.postal_code)
        if found is not None:
            latitude, longitude = found[0].latitude, found[0].longitude
    return Place(
        municipality=address.municipality,
        street=address.street,
        postal_code=address.postal_code,
        label=address.one_line,
        latitude=latitude,
        longitude=longitude,
    )


def place_of_text(*, text: str, language: str) -> Place:
    """A typed address ("Grote Markt 54, 8500 Kortrijk") placed at a street Loket knows in
    a municipality it serves; a translated ValidationError otherwise."""
    parsed = address_parse(text)
    if not parsed.street:
        raise ValidationError(
            _(
                "Type a street, a house number and a postal code, for example "
                "“Grote Markt 54, 8500 Kortrijk”."
            ),
            code="empty",
        )
    found = street_index().find(parsed.street, postal_code=parsed.postal_code)
    municipality = (
        Municipality.objects.filter(nis_code=found[0].nis_code).first() if found else None
    )
    if found is None or municipality is None:
        raise ValidationError(
            _(
                "We do not know the address “%(text)s”. Check the street name and add the "
                "postal code, for example “Grote Markt 54, 8500 Kortrijk”."
            )
            % {"text": text},
            code="unknown",
        )
    known, matched = found
    street = known.name_in(matched)
    number = f" {parsed.number}" if parsed.number else ""
    return Place(
        municipality=municipality,
        street=street,
        postal_code=known.postal_code,
        label=f"{street}{number}, {known.postal_code} {municipality.name}",
        latitude=known.latitude,
        longitude=known.longitude,
    )


@dataclass(frozen=True)
class NearbyReport:
    report: Any
    distance_m: float


def reports_open_nearby(*, place: Place, radius_m: float, limit: int = 20) -> list[NearbyReport]:
    """Open public reports within `radius_m` of the place, nearest first."""
    if place.latitude is None or place.longitude is None:
        return []
    delta = radius_m / 111_320
    candidates = (
        reports_public(municipality=None)
        .filter(
            status__in=REPORT_OPEN_STATUSES,
            latitude__range=(place.latitude - delta, place.latitude + delta),
            longitude__range=(place.longitude - 2 * delta, place.longitude + 2 * delta),
        )
        .select_related("category")
        # Public fields only: never the reporter.
        .only(*PUBLIC_REPORT_FIELDS, "category__name_nl", "category__name_fr", "category__name_en")[
            :200
        ]
    )
    nearby = []
    for report in candidates:
        if report.latitude is None or report.longitude is None:
            continue
        distance = distance_m(place.latitude, place.longitude, report.latitude, report.longitude)
        if distance <= radius_m:
            nearby.append(NearbyReport(report, distance))
    nearby.sort(key=lambda item: item.distance_m)
    return nearby[:limit]


@dataclass(frozen=True)
class NearbyOccupation:
    """A permitted occupation of the public domain, placed at its street's point."""

    street: str
    postal_code: str
    starts_on: dt.date
    ends_on: dt.date
    latitude: float
    longitude: float
    distance_m: float


def occupations_nearby(*, place: Place, radius_m: float, on: dt.date) -> list[NearbyOccupation]:
    """Occupations of the public domain permitted for a period including `on`, placed with
    the same street locator as a typed address, within `radius_m` of the place."""
    if place.latitude is None or place.longitude is None:
        return []
    index = street_index()
    nearby = []
    for item in occupations_current(municipality_id=place.municipality.pk, on=on):
        found = index.find(item.street, postal_code=item.postal_code)
        if found is None:
            continue
        known, matched = found
        latitude, longitude = known.latitude, known.longitude
        if latitude is None or longitude is None:
            continue
        distance = distance_m(place.latitude, place.longitude, latitude, longitude)
        if distance <= radius_m:
            nearby.append(
                NearbyOccupation(
                    street=known.name_in(matched),
                    postal_code=known.postal_code,
                    starts_on=item.starts_on,
                    ends_on=item.ends_on,
                    latitude=latitude,
                    longitude=longitude,
                    distance_m=distance,
                )
            )
    nearby.sort(key=lambda item: item.distance_m)
    return nearby


@dataclass
class MyMunicipality:
    place: Place
    collections: list[Collection] | None
    works: list[NearbyWork]
    reports: list[NearbyReport]
    meetings: list[Any]
    occupations: list[NearbyOccupation] = field(default_factory=list)
    requests: list[Any] = field(default_factory=list)
    appointments: list[Any] = field(default_factory=list)
    bookings: list[Any] = field(default_factory=list)


def waste_calendar(
    *, place: Place, start: dt.date, weeks: int = CALENDAR_WEEKS
) -> list[Collection] | None:
    return collections_for_address(
        municipality_id=place.municipality.pk,
        postal_code=place.postal_code,
        street=place.street,
        start=start,
        end=start + dt.timedelta(weeks=weeks),
    )


def my_municipality(*, actor: Actor, place: Place, own_items: bool) -> MyMunicipality:
    """Everything the page shows for `place`; the resident's own items only when
    `own_items` (their own address) and only their own (the domains' resident selectors)."""
    today = timezone.localdate()
    radius = settings.LOKET_NEARBY_RADIUS_M
    page = MyMunicipality(
        place=place,
        collections=waste_calendar(place=place, start=today),
        works=(
            works_nearby(
                latitude=place.latitude, longitude=place.longitude, radius_m=radius, on=today
            )
            if place.latitude is not None and place.longitude is not None
            else []
        ),
        reports=reports_open_nearby(place=place, radius_m=radius),
        occupations=occupations_nearby(place=place, radius_m=radius, on=today),
        meetings=list(
            meetings_public(municipality=place.municipality)
            .filter(planned_start__gte=timezone.now())
            .order_by("planned_start")[:5]
        ),
    )
    if own_items and actor.is_resident:
        page.requests = list(
            requests_of_resident(actor=actor).filter(status__in=CASE_OPEN_STATUSES)[:20]
        )
        page.appointments = [
            item
            for item in appointments_of_resident(actor=actor, upcoming_only=True)
            if item.status == AppointmentStatus.BOOKED
        ][::-1]
        page.bookings = list(
            bookings_of_resident(actor=actor)
            .filter(ends_at__gte=timezone.now())
            .filter(status__in=[BookingStatus.REQUESTED, BookingStatus.APPROVED])
            .order_by("starts_at")[:20]
        )
    return page
