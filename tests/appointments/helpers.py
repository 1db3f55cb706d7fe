"""Offices for the appointments tests: open on working days 09:00-12:00 and 13:00-16:00,
with desks on duty all those hours, and the next day they take appointments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loket.appointments.models import Desk, DeskShift, Office, OfficeProduct, OpeningHours
from loket.catalog.models import Product
from loket.core.holidays import is_public_holiday
from tests.catalog.helpers import catalog_product
from tests.factories import DeskFactory, OfficeFactory

MORNING = (dt.time(9), dt.time(12))
AFTERNOON = (dt.time(13), dt.time(16))


def office_with_desks(
    *, desks: int = 1, product: Product | None = None, **office_fields: Any
) -> tuple[Office, OfficeProduct, list[Desk]]:
    office: Office = OfficeFactory(**office_fields)
    for weekday in range(5):
        for opens_at, closes_at in (MORNING, AFTERNOON):
            OpeningHours.objects.create(
                office=office, weekday=weekday, opens_at=opens_at, closes_at=closes_at
            )
    made: list[Desk] = []
    for _ in range(desks):
        desk: Desk = DeskFactory(office=office)
        for weekday in range(5):
            DeskShift.objects.create(
                desk=desk, weekday=weekday, starts_at=dt.time(9), ends_at=dt.time(16)
            )
        made.append(desk)
    product = product or catalog_product("eid-card")
    office_product = OfficeProduct.objects.create(
        municipality=office.municipality,
        office=office,
        product=product,
        duration_minutes=15,
        bring_nl="Uw oude kaart",
        bring_fr="Votre ancienne carte",
        bring_en="Your old card",
    )
    return office, office_product, made


def next_open_day(after_days: int = 2) -> dt.date:
    """A working day (not a holiday) at least `after_days` days from today."""
    day = timezone.localdate() + dt.timedelta(days=after_days)
    while day.weekday() >= 5 or is_public_holiday(day):
        day += dt.timedelta(days=1)
    return day


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
