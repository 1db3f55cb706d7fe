"""Every write of the appointments domain: import from here."""

from __future__ import annotations

from loket.appointments.services.booking import (
    Booked,
    Holder,
    appointment_book,
    appointment_reschedule,
    appointment_transition,
)
from loket.appointments.services.offices import (
    ClosureAdded,
    closure_add,
    closure_remove,
    desk_create,
    desk_feed_stop,
    desk_feed_token_renew,
    desk_shifts_set,
    desk_update,
    office_create,
    office_product_set,
    office_update,
    opening_hours_set,
    special_hours_add,
    special_hours_remove,
)
from loket.appointments.services.reminders import appointments_remind

__all__ = [
    "Booked",
    "ClosureAdded",
    "Holder",
    "appointment_book",
    "appointment_reschedule",
    "appointment_transition",
    "appointments_remind",
    "closure_add",
    "closure_remove",
    "desk_create",
    "desk_feed_stop",
    "desk_feed_token_renew",
    "desk_shifts_set",
    "desk_update",
    "office_create",
    "office_product_set",
    "office_update",
    "opening_hours_set",
    "special_hours_add",
    "special_hours_remove",
]
