"""Every write of the walk-in queue: import from here."""

from loket.queue.services.appointments import ticket_for_appointment
from loket.queue.services.desks import (
    desk_session_close,
    desk_session_open,
    ticket_call_next,
    ticket_transition,
)
from loket.queue.services.setup import queue_save
from loket.queue.services.tickets import ticket_cancel_by_holder, ticket_take

__all__ = [
    "desk_session_close",
    "desk_session_open",
    "queue_save",
    "ticket_call_next",
    "ticket_cancel_by_holder",
    "ticket_for_appointment",
    "ticket_take",
    "ticket_transition",
]
