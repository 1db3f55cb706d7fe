"""When an office takes appointments for a product, and how many desks are still free.

A day's periods are the office's opening hours for that weekday, replaced by its special
hours for that date, and none on a closure or (unless the office says otherwise) a Belgian
public holiday. Slots start every `Office.slot_minutes` from the opening of a period and
last the product's duration; a slot's capacity is the number of desks on duty for the
whole slot that handle the product, and it is free while one of them holds no appointment
overlapping it. This module only reads: the booking service relies on the database's
exclusion constraint, not on these counts, to never book a desk twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from loket.appointments.models import (
    Appointment,
    Closure,
    Desk,
    DeskShift,
    Office,
    OfficeProduct,
    OpeningHours,
    SpecialHours,
)
from loket.appointments.workflow import ACTIVE_STATUSES
from loket.core.holidays import is_public_holiday

Period = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    free_desk_ids: tuple[int, ...]

    @property
    def free(self) -> int:
        return len(self.free_desk_ids)


@dataclass(frozen=True)
class DayPlan:
    """An office's day: why it is closed (empty when open) and its opening periods."""

    day: dt.date
    closed_reason: str
    periods: tuple[Period, ...]


def _aware(day: dt.date, moment: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, moment))


def office_days(office: Office, first: dt.date, last: dt.date) -> list[DayPlan]:
    """The office's days from `first` to `last` (inclusive)."""
    weekly: dict[int, list[Period]] = defaultdict(list)
    for hours in OpeningHours.objects.filter(office=office):
        weekly[hours.weekday].append((hours.opens_at, hours.closes_at))
    special: dict[dt.date, list[Period]] = defaultdict(list)
    for extra in SpecialHours.objects.filter(office=office, date__range=(first, last)):
        special[extra.date].append((extra.opens_at, extra.closes_at))
    closures = list(Closure.objects.filter(office=office, first_day__lte=last, last_day__gte=first))
    days = []
    day = first
    while day <= last:
        closure = next((c for c in closures if c.first_day <= day <= c.last_day), None)
        if closure is not None:
            days.append(DayPlan(day, "closure", ()))
        elif office.closed_on_public_holidays and is_public_holiday(day):
            days.append(DayPlan(day, "holiday", ()))
        else:
            periods = special.get(day) or weekly.get(day.weekday(), [])
            days.append(DayPlan(day, "" if periods else "closed", tuple(sorted(periods))))
        day += dt.timedelta(days=1)
    return days


def desks_for(office_product: OfficeProduct) -> list[Desk]:
    """The desks in use at the office that handle the product (no products listed: all)."""
    return list(
        Desk.objects.filter(office_id=office_product.office_id, is_active=True)
        .filter(Q(products=None) | Q(products=office_product.product_id))
        .distinct()
        .order_by("name", "id")
    )


def slots_for(
    office_product: OfficeProduct,
    first: dt.date,
    last: dt.date,
    *,
    ignore_appointment_id: int | None = None,
    include_past: bool = False,
) -> list[Slot]:
    """Every slot of the product at its office from `first` to `last`, free or not."""
    office = office_product.office
    duration = dt.timedelta(minutes=office_product.duration_minutes)
    step = dt.timedelta(minutes=office.slot_minutes)
    desks = desks_for(office_product)
    desk_ids = [desk.pk for desk in desks]
    shifts: dict[int, list[tuple[int, dt.time, dt.time]]] = defaultdict(list)
    for shift in DeskShift.objects.filter(desk_id__in=desk_ids):
        shifts[shift.desk_id].append((shift.weekday, shift.starts_at, shift.ends_at))
    window_start = _aware(first, dt.time.min)
    window_end = _aware(last + dt.timedelta(days=1), dt.time.min)
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    taken = Appointment.objects.filter(
        desk_id__in=desk_ids,
        status__in=ACTIVE_STATUSES,
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    )
    if ignore_appointment_id is not None:
        taken = taken.exclude(pk=ignore_appointment_id)
    for desk_id, starts_at, ends_at in taken.values_list("desk_id", "starts_at", "ends_at"):
        busy[desk_id].append((starts_at, ends_at))
    now = timezone.now()
    slots: list[Slot] = []
    for plan in office_days(office, first, last):
        for opens_at, closes_at in plan.periods:
            start = _aware(plan.day, opens_at)
            close = _aware(plan.day, closes_at)
            while start + duration <= close:
                end = start + duration
                if include_past or start > now:
                    on_duty = [
                        desk_id
                        for desk_id in desk_ids
                        if _on_duty(shifts[desk_id], plan.day, start, end)
                    ]
                    if on_duty:
                        free = tuple(
                            desk_id
                            for desk_id in on_duty
                            if not any(s < end and start < e for s, e in busy[desk_id])
                        )
                        slots.append(Slot(start, end, len(on_duty), free))
                start += step
    return slots


def _on_duty(
    shifts: list[tuple[int, dt.time, dt.time]], day: dt.date, start: dt.datetime, end: dt.datetime
) -> bool:
    return any(
        weekday == day.weekday() and _aware(day, begins) <= start and end <= _aware(day, ends)
        for weekday, begins, ends in shifts
    )


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
