"""The tables of the appointments domain (offices in `offices.py`, bookings in `bookings.py`)."""

from __future__ import annotations

from loket.appointments.models.bookings import (
    Appointment,
    AppointmentEvent,
    GuestMessage,
    ManageLink,
)
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
    "Appointment",
    "AppointmentEvent",
    "Closure",
    "Desk",
    "DeskShift",
    "GuestMessage",
    "ManageLink",
    "Office",
    "OfficeProduct",
    "OpeningHours",
    "SpecialHours",
    "Weekday",
]
