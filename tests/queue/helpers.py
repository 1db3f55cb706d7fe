"""Offices, desks and queues for the queue tests (offices and desks are appointments')."""

from __future__ import annotations

import datetime as dt

from loket.appointments.models import Desk, Office, OpeningHours
from loket.queue.models import Queue
from loket.tenancy.models import Municipality


def office_make(
    municipality: Municipality, *, name: str = "Stadhuis", open_all_day: bool = True
) -> Office:
    office = Office.objects.create(
        municipality=municipality,
        name_nl=name,
        name_fr=name,
        name_en=name,
        address_street="Grote Markt 1",
        address_postal_code="8500",
        address_locality="Kortrijk",
        closed_on_public_holidays=False,
    )
    if open_all_day:
        for weekday in range(7):
            OpeningHours.objects.create(
                office=office,
                weekday=weekday,
                opens_at=dt.time(0, 0),
                closes_at=dt.time(23, 59, 59),
            )
    return office


def desk_make(office: Office, name: str) -> Desk:
    return Desk.objects.create(municipality=office.municipality, office=office, name=name)


def queue_make(office: Office, letter: str = "A", name: str = "Identiteitskaarten") -> Queue:
    return Queue.objects.create(
        municipality=office.municipality, office=office, letter=letter, name_nl=name, name_fr=name
    )
