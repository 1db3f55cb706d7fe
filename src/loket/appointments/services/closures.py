"""What closing an office does to the appointments already booked in its days: each one
still to come is cancelled, the cancellation is in its history (naming the closure), and
the resident is told on their channel why and where to book another."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext

from loket.appointments.models import AppointmentEvent, Closure, ManageLink
from loket.appointments.notifications import appointment_office_closed_notify
from loket.appointments.selectors import appointments_booked_between
from loket.appointments.timeline import appointment_event_append
from loket.appointments.workflow import LIFECYCLE, AppointmentStatus, Party
from loket.core import lifecycle
from loket.core.lifecycle import Transition
from loket.tenancy.access import Actor


def closure_message(closure: Closure) -> str:
    """What the history says, in the staff member's language."""
    reason = closure.reason_in()
    message = gettext("Cancelled: the office is closed on this day.")
    return f"{message} {reason}" if reason else message


def appointments_cancel_for_closure(*, actor: Actor, closure: Closure) -> int:
    """Cancel every booked appointment of the closure's office that starts from now on in
    the closure's days, inside the caller's transaction; returns how many. The actor needs
    appointments.book (every role with appointments.configure has it)."""
    now = timezone.now()
    user = actor.user if actor.is_staff else None
    message = closure_message(closure)
    cancelled = 0
    for appointment in appointments_booked_between(
        office=closure.office, first_day=closure.first_day, last_day=closure.last_day, since=now
    ):

        def history(transition: Transition, source: str) -> AppointmentEvent:
            return appointment_event_append(
                appointment=appointment,  # noqa: B023 (called at once, inside the loop)
                kind=AppointmentEvent.Kind.STATUS_CHANGED,
                actor_user=user,
                from_status=source,
                to_status=transition.target,
                message=message,
                data={"closure_id": closure.pk},
            )

        event = lifecycle.transition_apply(
            LIFECYCLE,
            instance=appointment,
            target=AppointmentStatus.CANCELLED,
            history=history,
            party=Party.STAFF,
            actor=actor,
            reason=message,
            changes={"updated_at": now},
        )
        ManageLink.objects.filter(appointment=appointment).update(expires_at=now)
        appointment_office_closed_notify(
            appointment=appointment, event_id=event.pk, closure=closure
        )
        cancelled += 1
    return cancelled
