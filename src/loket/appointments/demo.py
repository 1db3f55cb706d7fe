"""Demo data of appointments: offices with desks in Kortrijk, Menen and Wevelgem
(Zuid-West-Vlaanderen) and in Brussels and Elsene/Ixelles, the products each takes
appointments for, and a week of appointments from tomorrow.

`appointments_demo_load()` runs after the tenants, the catalogue and the residents exist;
idempotent: an office that exists (same municipality and Dutch name) is left as an
administrator may have changed it, and a week of appointments is only booked for an office
that has none yet. Everything goes through the services, like a user would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from loket.appointments.availability import slots_for
from loket.appointments.models import Appointment, Office, OfficeProduct
from loket.appointments.services import (
    Holder,
    appointment_book,
    desk_create,
    desk_shifts_set,
    office_create,
    office_product_set,
    opening_hours_set,
)
from loket.appointments.workflow import AppointmentChannel
from loket.catalog.models import Product
from loket.people.models import Person
from loket.tenancy.access import ANONYMOUS, Actor, ActorKind, actor_for_resident, actor_for_user
from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import Permission, Role

_T = dt.time


@dataclass(frozen=True)
class DemoOffice:
    nis_code: str
    names: tuple[str, str, str]
    street: str
    postal_code: str
    locality: str
    latitude: float
    longitude: float
    desks: int
    products: tuple[str, ...]
    french: bool = False


ACCESSIBILITY = (
    "Toegankelijk met rolstoel: ingang zonder trappen, lift naar alle verdiepingen.",
    "Accessible en fauteuil roulant : entrée de plain-pied, ascenseur vers tous les étages.",
    "Wheelchair accessible: step-free entrance, lift to every floor.",
)
BRING = {
    "eid-card": (
        "Uw huidige identiteitskaart en een recente pasfoto.",
        "Votre carte d'identité actuelle et une photo récente.",
        "Your current identity card and a recent photo.",
    ),
    "kids-id": (
        "Het kind, een pasfoto en de huidige Kids-ID.",
        "L'enfant, une photo et la Kids-ID actuelle.",
        "The child, a photo and the current Kids-ID.",
    ),
    "passport": (
        "Uw identiteitskaart en een pasfoto.",
        "Votre carte d'identité et une photo.",
        "Your identity card and a photo.",
    ),
    "driving-licence": (
        "Uw identiteitskaart, een pasfoto en uw oude rijbewijs.",
        "Votre carte d'identité, une photo et votre ancien permis.",
        "Your identity card, a photo and your old licence.",
    ),
}
DURATIONS = {"eid-card": 15, "kids-id": 15, "passport": 20, "driving-licence": 15}

DEMO_OFFICES = (
    DemoOffice(
        "34022",
        ("Stadhuis Kortrijk", "Hôtel de ville de Courtrai", "Kortrijk town hall"),
        "Grote Markt 54",
        "8500",
        "Kortrijk",
        50.8280,
        3.2649,
        3,
        ("eid-card", "kids-id", "passport", "driving-licence"),
    ),
    DemoOffice(
        "34022",
        ("Dienstencentrum Heule", "Centre de services Heule", "Heule service centre"),
        "Heulsekasteelstraat 1",
        "8501",
        "Heule",
        50.8377,
        3.2367,
        1,
        ("eid-card", "kids-id"),
    ),
    DemoOffice(
        "34027",
        ("Stadhuis Menen", "Hôtel de ville de Menin", "Menen town hall"),
        "Grote Markt 1",
        "8930",
        "Menen",
        50.7966,
        3.1218,
        2,
        ("eid-card", "kids-id", "passport"),
    ),
    DemoOffice(
        "34041",
        ("Gemeentehuis Wevelgem", "Maison communale de Wevelgem", "Wevelgem town hall"),
        "Vanackerestraat 16",
        "8560",
        "Wevelgem",
        50.8097,
        3.1836,
        2,
        ("eid-card", "passport", "driving-licence"),
    ),
    DemoOffice(
        "21004",
        ("Stadhuis Brussel", "Hôtel de ville de Bruxelles", "Brussels city hall"),
        "Grote Markt 1",
        "1000",
        "Brussel",
        50.8467,
        4.3524,
        3,
        ("eid-card", "kids-id", "passport", "driving-licence"),
        french=True,
    ),
    DemoOffice(
        "21009",
        ("Gemeentehuis Elsene", "Maison communale d'Ixelles", "Ixelles town hall"),
        "Elsensesteenweg 168",
        "1050",
        "Elsene",
        50.8331,
        4.3662,
        2,
        ("eid-card", "kids-id", "passport"),
        french=True,
    ),
)

WEEKDAYS_OPEN = (
    [(d, _T(8, 30), _T(12)) for d in range(5)]
    + [(d, _T(13, 30), _T(16)) for d in (0, 2)]
    + [(1, _T(16, 30), _T(19))]
)
GUESTS = (
    ("Ann Desmet", "ann.desmet@example.test", "nl"),
    ("Pieter Vandamme", "pieter.vandamme@example.test", "nl"),
    ("Camille Dubois", "camille.dubois@example.test", "fr"),
    ("Youssef El Idrissi", "youssef@example.test", "fr"),
    ("Emma Wright", "emma.wright@example.test", "en"),
)


@dataclass
class AppointmentsDemoResult:
    offices: int = 0
    appointments: int = 0


def _loader(municipalities: list[Municipality]) -> Actor:
    ids = frozenset(m.pk for m in municipalities)
    return Actor(
        kind=ActorKind.STAFF,
        municipality_grants={
            Permission.APPOINTMENTS_MANAGE: ids,
            Permission.APPOINTMENTS_BOOK: ids,
            Permission.APPOINTMENTS_VIEW: ids,
        },
    )


def _office_ensure(actor: Actor, spec: DemoOffice, municipality: Municipality) -> Office | None:
    if Office.objects.filter(municipality=municipality, name_nl=spec.names[0]).exists():
        return None
    office = office_create(
        actor=actor,
        municipality=municipality,
        name_nl=spec.names[0],
        name_fr=spec.names[1],
        name_en=spec.names[2],
        address_street=spec.street,
        address_postal_code=spec.postal_code,
        address_locality=spec.locality,
        latitude=spec.latitude,
        longitude=spec.longitude,
        accessibility_nl=ACCESSIBILITY[0],
        accessibility_fr=ACCESSIBILITY[1],
        accessibility_en=ACCESSIBILITY[2],
    )
    opening_hours_set(actor=actor, office=office, periods=WEEKDAYS_OPEN)
    for code in spec.products:
        product = Product.objects.filter(code=code).first()
        if product is not None:
            office_product_set(
                actor=actor,
                office=office,
                product=product,
                duration_minutes=DURATIONS.get(code, 15),
                bring_nl=BRING.get(code, ("", "", ""))[0],
                bring_fr=BRING.get(code, ("", "", ""))[1],
                bring_en=BRING.get(code, ("", "", ""))[2],
            )
    word = "Guichet" if spec.french else "Loket"
    for number in range(1, spec.desks + 1):
        # The last desk of a large office does only identity cards.
        only = [p.pk for p in Product.objects.filter(code="eid-card")] if number == 3 else []
        desk = desk_create(actor=actor, office=office, name=f"{word} {number}", product_ids=only)
        desk_shifts_set(actor=actor, desk=desk, shifts=WEEKDAYS_OPEN)
    return office


def _clerk(municipality_id: int) -> Actor | None:
    """A demo clerk of the municipality, who books by phone and at the counter."""
    membership = (
        Membership.objects.filter(municipality_id=municipality_id, role=Role.CLERK)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return actor_for_user(membership.user) if membership is not None else None


def _week_book(office: Office, residents: list[Person]) -> int:
    """About a third of the free slots of the next seven days, spread over products."""
    clerk = _clerk(office.municipality_id)
    booked = 0
    today = timezone.localdate()
    rows = list(OfficeProduct.objects.filter(office=office).select_related("office", "product"))
    for index, row in enumerate(rows):
        slots = slots_for(row, today + dt.timedelta(days=1), today + dt.timedelta(days=7))
        for number, slot in enumerate(slots[index :: 3 * len(rows)]):
            guest = GUESTS[(number + index) % len(GUESTS)]
            resident = residents[number % len(residents)] if residents and number % 4 == 0 else None
            try:
                if resident is not None:
                    appointment_book(
                        actor=actor_for_resident(resident.pk),
                        office_product=row,
                        starts_at=slot.starts_at,
                        holder=Holder(person=resident),
                    )
                else:
                    channel = (AppointmentChannel.PHONE, AppointmentChannel.COUNTER)[number % 2]
                    if clerk is None or number % 3 == 0:
                        channel = AppointmentChannel.ONLINE
                    appointment_book(
                        actor=clerk if clerk is not None else ANONYMOUS,
                        office_product=row,
                        starts_at=slot.starts_at,
                        holder=Holder(name=guest[0], email=guest[1], language=guest[2]),
                        channel=channel,
                    )
            except ValidationError:
                continue  # the limit per person, or the slot overlaps another product's
            booked += 1
    return booked


def appointments_demo_load(*, residents: Mapping[str, str] | None = None) -> AppointmentsDemoResult:
    """Offices, desks, products and a week of appointments (idempotent)."""
    result = AppointmentsDemoResult()
    codes = {spec.nis_code for spec in DEMO_OFFICES}
    municipalities = {m.nis_code: m for m in Municipality.objects.filter(nis_code__in=codes)}
    actor = _loader(list(municipalities.values()))
    people = list(
        Person.objects.filter(national_number__in=list((residents or {}).values())).order_by("pk")
    )
    for spec in DEMO_OFFICES:
        municipality = municipalities.get(spec.nis_code)
        if municipality is None:
            continue
        if _office_ensure(actor, spec, municipality) is not None:
            result.offices += 1
        office = Office.objects.get(municipality=municipality, name_nl=spec.names[0])
        if not Appointment.objects.filter(office=office).exists():
            local = [p for p in people if p.municipality_id == municipality.pk]
            result.appointments += _week_book(office, local)
    return result
