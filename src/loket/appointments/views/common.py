"""What the appointment pages share: the slot picker (two weeks of days with their free
slots, then the free times of the chosen day), all in links and a form, so it works
without JavaScript."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from loket.appointments.availability import Slot, local_date, slots_for
from loket.appointments.models import OfficeProduct

DAYS_SHOWN = 14


@dataclass(frozen=True)
class PickerDay:
    day: dt.date
    free: int
    is_chosen: bool


def _date_param(request: HttpRequest, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


def slot_picker(
    request: HttpRequest,
    office_product: OfficeProduct,
    *,
    ignore_appointment_id: int | None = None,
) -> dict[str, Any]:
    """The context of `appointments/_slot_picker.html`: the days from ?van= (default
    today) with their number of free slots, and the free slots of ?datum= (default: the
    first day with one)."""
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=office_product.office.booking_days_ahead)
    first = _date_param(request, "van") or today
    first = min(max(first, today), horizon)
    last = min(first + dt.timedelta(days=DAYS_SHOWN - 1), horizon)
    free_by_day: dict[dt.date, list[Slot]] = {}
    for slot in slots_for(office_product, first, last, ignore_appointment_id=ignore_appointment_id):
        if slot.free:
            free_by_day.setdefault(local_date(slot.starts_at), []).append(slot)
    chosen = _date_param(request, "datum")
    if chosen is None or not first <= chosen <= last:
        chosen = min(free_by_day, default=None)
    days = []
    day = first
    while day <= last:
        days.append(PickerDay(day, len(free_by_day.get(day, [])), day == chosen))
        day += dt.timedelta(days=1)
    chosen_slots = free_by_day.get(chosen, []) if chosen is not None else []
    return {
        "picker_days": days,
        "picker_chosen": chosen,
        "picker_first": first,
        "picker_slots": [
            {"value": timezone.localtime(s.starts_at).strftime("%Y-%m-%dT%H:%M"), "slot": s}
            for s in chosen_slots
        ],
        "picker_earlier": max(today, first - dt.timedelta(days=DAYS_SHOWN))
        if first > today
        else None,
        "picker_later": last + dt.timedelta(days=1) if last < horizon else None,
    }
