"""The appointments part of the isolation matrix's world: an office of the victim
municipality with a desk, a closure, special hours and the victim's appointment (its
manage token is a secret), and an office of the attacker's own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loket.appointments.models import Closure, SpecialHours
from loket.appointments.services import Holder, appointment_book
from loket.people.models import Person
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from tests.appointments.helpers import at, next_open_day, office_with_desks


@dataclass
class AppointmentsWorld:
    victim: dict[str, str] = field(default_factory=dict)
    own: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def appointments_world(
    *, kortrijk: Municipality, menen: Municipality, victim: Person
) -> AppointmentsWorld:
    office, office_product, [desk] = office_with_desks(municipality=kortrijk)
    closure = Closure.objects.create(
        office=office, first_day=dt.date(2030, 5, 2), last_day=dt.date(2030, 5, 3)
    )
    special = SpecialHours.objects.create(
        office=office, date=dt.date(2030, 6, 4), opens_at=dt.time(17), closes_at=dt.time(19)
    )
    booked = appointment_book(
        actor=actor_for_resident(victim.pk),
        office_product=office_product,
        starts_at=at(next_open_day(), 10),
        holder=Holder(person=victim),
    )
    own_office, _own_product, _own_desks = office_with_desks(municipality=menen)
    return AppointmentsWorld(
        victim={
            "office": str(office.pk),
            "desk": str(desk.pk),
            "appointment": str(booked.appointment.pk),
            "closure": str(closure.pk),
            "special_hours": str(special.pk),
        },
        own={"office": str(own_office.pk)},
        secrets=[booked.token, booked.appointment.reference],
    )
