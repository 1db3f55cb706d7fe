"""The tables of the appointments domain (offices in `offices.py`, bookings in `bookings.py`)."""

from __future__ import annotations

from loket.appointments.models.offices import (
    Closure,
    Desk,
    DeskShift,
    Office,
    OfficeProduct,
    OpeningHours,
    SpecialHours,
    Weekday,
)

__all__ = [
    "Closure",
    "Desk",
    "DeskShift",
    "Office",
    "OfficeProduct",
    "OpeningHours",
    "SpecialHours",
    "Weekday",
]
