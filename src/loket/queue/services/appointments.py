"""Residents with an appointment in the queue: checking them in at the reception gives a
ticket that desks call before the walk-ins once the appointment is due; what happens to
the ticket at the desk is recorded on the appointment too (held, did not come)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from loket.appointments.selectors import appointment_get_visible
from loket.appointments.services import appointment_transition
from loket.appointments.workflow import AppointmentStatus
from loket.queue.models import Queue, Ticket, TicketChannel
from loket.queue.selectors import queues_of_office
from loket.queue.services.tickets import ticket_take
from loket.queue.workflow import TicketStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

# What a ticket's move means for its appointment.
APPOINTMENT_OUTCOME = {
    TicketStatus.SERVING: AppointmentStatus.HELD,
    TicketStatus.NO_SHOW: AppointmentStatus.NO_SHOW,
}


@transaction.atomic
def ticket_for_appointment(*, actor: Actor, appointment_id: int) -> Ticket:
    """The resident of a booked appointment arrived: their ticket (made once) in the queue
    of the appointment's product at its office (the office's first queue if none has it)."""
    appointment = appointment_get_visible(
        actor=actor, appointment_id=appointment_id, permission=Permission.APPOINTMENTS_VIEW
    )
    if not actor.has(Permission.QUEUE_SERVE, appointment.municipality_id):
        raise PermissionDenied
    existing = Ticket.objects.filter(appointment=appointment).first()
    if existing is not None:
        return existing
    if appointment.status != AppointmentStatus.BOOKED:
        raise ValidationError(
            _("Only a booked appointment can be checked in."), code="appointment_not_booked"
        )
    queues = queues_of_office(office=appointment.office)
    queue: Queue | None = (
        queues.filter(products=appointment.product_id).first()
        or queues.order_by("position").first()
    )
    try:
        with transaction.atomic():  # a savepoint: a simultaneous check-in may win the race
            return ticket_take(
                actor=actor,
                office=appointment.office,
                queue_id=queue.pk if queue is not None else None,
                channel=TicketChannel.CLERK,
                language=appointment.language,
                phone=appointment.phone,
                email=appointment.email,
                person=appointment.person,
                appointment=appointment,
            )
    except IntegrityError:
        # one_ticket_per_appointment: the other check-in committed first; give its ticket.
        return Ticket.objects.get(appointment=appointment)


def appointment_outcome_record(*, actor: Actor, ticket: Ticket, to_status: str) -> None:
    """Record on the ticket's appointment that the resident came or did not (when the
    actor may; inside the caller's transaction)."""
    outcome = (
        APPOINTMENT_OUTCOME.get(TicketStatus(to_status))
        if to_status in TicketStatus.values
        else None
    )
    appointment = ticket.appointment
    if outcome is None or appointment is None or appointment.status != AppointmentStatus.BOOKED:
        return
    if not actor.has(Permission.APPOINTMENTS_BOOK, appointment.municipality_id):
        return
    appointment_transition(actor=actor, appointment=appointment, to_status=outcome)
