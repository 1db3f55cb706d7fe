"""Demo data of resources: halls, a meeting room, a swimming lane and lendable equipment in
several demo municipalities, with a few bookings of the well-known demo residents.

`resources_demo_load()` runs after the demo tenants, bank accounts and residents exist
(`loket demo_load`), through the services like an administrator and residents would; it is
idempotent: a resource is recognised by its municipality and Dutch name, a booking by its
resource and the resident who made it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from loket.people.models import Person
from loket.resources.models import Booking, Resource
from loket.resources.services import (
    ResourceSettings,
    TariffSetting,
    WindowSetting,
    booking_request,
    resource_create,
)
from loket.tenancy.access import Actor, ActorKind, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

_DAYTIME = tuple(WindowSetting(day, dt.time(8), dt.time(23)) for day in range(7))
_OFFICE = tuple(WindowSetting(day, dt.time(8), dt.time(18)) for day in range(5))
_POOL = tuple(WindowSetting(day, dt.time(7), dt.time(21)) for day in range(7))
_COUNTER = tuple(WindowSetting(day, dt.time(9), dt.time(12)) for day in range(6))


def _tariffs(
    resident: int, association: int, commercial: int | None, deposit: int
) -> dict[str, TariffSetting]:
    tariffs = {
        "resident": TariffSetting(resident, deposit),
        "association": TariffSetting(association, deposit),
    }
    if commercial is not None:
        tariffs["commercial"] = TariffSetting(commercial, deposit * 2)
    return tariffs


def _names(nl: str, fr: str, en: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr, "en": en}


RESOURCES: dict[str, tuple[ResourceSettings, ...]] = {
    "34022": (  # Kortrijk
        ResourceSettings(
            kind="hall",
            names=_names("Feestzaal De Kring", "Salle des fêtes De Kring", "De Kring party hall"),
            descriptions=_names(
                "Zaal met keuken en bar voor 150 personen.",
                "Salle avec cuisine et bar pour 150 personnes.",
                "Hall with kitchen and bar for 150 people.",
            ),
            location="Kringstraat 4, 8500 Kortrijk",
            capacity=150,
            maximum_minutes=15 * 60,
            windows=_DAYTIME,
            tariffs=_tariffs(2500, 1200, 6000, 15000),
        ),
        ResourceSettings(
            kind="meeting_room",
            names=_names(
                "Vergaderzaal Broeltorens",
                "Salle de réunion Broeltorens",
                "Broeltorens meeting room",
            ),
            location="Stadhuis, Grote Markt 54, 8500 Kortrijk",
            capacity=20,
            windows=_OFFICE,
            requires_approval=True,
            tariffs=_tariffs(1000, 0, 3000, 0),
        ),
        ResourceSettings(
            kind="swimming_lane",
            names=_names("Zwembad Lago, baan 1", "Piscine Lago, couloir 1", "Lago pool, lane 1"),
            location="Lago Kortrijk Weide",
            minimum_minutes=60,
            maximum_minutes=120,
            lead_minimum_hours=2,
            lead_maximum_days=30,
            windows=_POOL,
            tariffs=_tariffs(3500, 2000, None, 0),
        ),
        ResourceSettings(
            kind="equipment",
            names=_names("Klapstoelen", "Chaises pliantes", "Folding chairs"),
            location="Stedelijke uitleendienst, Magdalenastraat 2",
            quantity=200,
            price_unit="day",
            minimum_minutes=60,
            maximum_minutes=7 * 1440,
            windows=_COUNTER,
            tariffs=_tariffs(50, 0, 150, 100),
        ),
        ResourceSettings(
            kind="equipment",
            names=_names("Feesttafels", "Tables de fête", "Party tables"),
            location="Stedelijke uitleendienst, Magdalenastraat 2",
            quantity=30,
            price_unit="day",
            minimum_minutes=60,
            maximum_minutes=7 * 1440,
            windows=_COUNTER,
            tariffs=_tariffs(300, 0, 800, 500),
        ),
    ),
    "34027": (  # Menen
        ResourceSettings(
            kind="hall",
            names=_names(
                "Zaal Cultuurcentrum De Steiger",
                "Salle du centre culturel De Steiger",
                "De Steiger arts centre hall",
            ),
            location="Waalvest 1, 8930 Menen",
            capacity=300,
            maximum_minutes=15 * 60,
            windows=_DAYTIME,
            requires_approval=True,
            tariffs=_tariffs(4000, 2000, 9000, 25000),
        ),
        ResourceSettings(
            kind="equipment",
            names=_names("Verhuisborden", "Panneaux de déménagement", "Moving signs"),
            descriptions=_names(
                "Verkeersborden om parkeerplaats vrij te houden voor een verhuis.",
                "Panneaux pour réserver le stationnement lors d'un déménagement.",
                "Signs that keep parking space free for a move.",
            ),
            location="Technische dienst, Industrielaan 5, 8930 Menen",
            quantity=10,
            price_unit="day",
            minimum_minutes=60,
            maximum_minutes=3 * 1440,
            windows=_COUNTER,
            tariffs=_tariffs(500, 500, 1000, 0),
        ),
    ),
    "21004": (  # Brussels
        ResourceSettings(
            kind="hall",
            names=_names(
                "Polyvalente zaal Marollen",
                "Salle polyvalente des Marolles",
                "Marolles community hall",
            ),
            location="Rue Haute 200, 1000 Bruxelles",
            capacity=80,
            windows=_DAYTIME,
            tariffs=_tariffs(2000, 1000, 5000, 10000),
        ),
    ),
}

# Bookings of demo residents: (resident key, municipality, Dutch name, days ahead, start
# hour, hours or days, category, quantity).
BOOKINGS = (
    ("sofie", "34022", "Feestzaal De Kring", 12, 14, 6, "resident", 1),
    ("thomas", "34022", "Klapstoelen", 12, 10, 2, "resident", 60),
    ("thomas", "34022", "Vergaderzaal Broeltorens", 5, 19 - 9, 2, "association", 1),
    ("marie", "34027", "Zaal Cultuurcentrum De Steiger", 20, 18, 5, "association", 1),
    ("sofie", "34027", "Verhuisborden", 9, 10, 1, "resident", 4),
)


@dataclass
class ResourcesDemoResult:
    resources: int = 0
    bookings: int = 0


def _loader(municipalities: list[Municipality]) -> Actor:
    return Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.RESOURCES_MANAGE: frozenset(m.pk for m in municipalities)},
    )


def _start(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _book(resource: Resource, person: Person, spec: tuple[Any, ...]) -> bool:
    _key, _nis, _name, days, hour, length, category, quantity = spec
    if Booking.objects.filter(resource=resource, person=person).exists():
        return False
    span = dt.timedelta(days=length) if resource.is_equipment else dt.timedelta(hours=length)
    start = _start(days, hour)
    while start.weekday() >= 5 or (start + span).weekday() >= 5:  # every window is open
        start += dt.timedelta(days=1)
    end = start + span
    booking_request(
        actor=actor_for_resident(person.pk),
        resource_id=resource.pk,
        starts_at=start,
        ends_at=end,
        category=category,
        quantity=quantity,
        purpose="Demo",
    )
    return True


def resources_demo_load(*, residents: dict[str, str] | None = None) -> ResourcesDemoResult:
    """Create the demo resources that do not exist yet and the demo bookings of residents
    (`residents`: key → national number) that are not made yet."""
    result = ResourcesDemoResult()
    municipalities = list(Municipality.objects.filter(nis_code__in=RESOURCES))
    loader = _loader(municipalities)
    by_nis = {m.nis_code: m for m in municipalities}
    for nis_code, specs in RESOURCES.items():
        municipality = by_nis.get(nis_code)
        if municipality is None:
            continue
        for spec in specs:
            if Resource.objects.filter(
                municipality=municipality, name_nl=spec.names["nl"]
            ).exists():
                continue
            resource_create(actor=loader, municipality=municipality, settings=spec)
            result.resources += 1
    for booking in BOOKINGS:
        key, nis_code, name = booking[0], booking[1], booking[2]
        number = (residents or {}).get(key)
        person = Person.objects.filter(national_number=number).first() if number else None
        resource = Resource.objects.filter(municipality__nis_code=nis_code, name_nl=name).first()
        if person is not None and resource is not None and _book(resource, person, booking):
            result.bookings += 1
    return result
