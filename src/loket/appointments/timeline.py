"""The one function that appends to an appointment's history (append-only table)."""

from __future__ import annotations

from typing import Any

from loket.accounts.models import User
from loket.appointments.models import Appointment, AppointmentEvent


def appointment_event_append(
    *,
    appointment: Appointment,
    kind: str,
    actor_user: User | None = None,
    message: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> AppointmentEvent:
    """Append one history row, inside the caller's transaction."""
    return AppointmentEvent.objects.create(
        appointment=appointment,
        kind=kind,
        actor_user=actor_user,
        message=message,
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )
