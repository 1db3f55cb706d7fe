"""Taking a ticket (kiosk, phone page, clerk, integration) and cancelling it on the phone."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.appointments.models import Appointment, Office
from loket.core.lifecycle import transition_apply
from loket.notify.channels.sms import phone_normalise
from loket.people.models import Person
from loket.queue.history import ticket_event_append
from loket.queue.models import Queue, QueueCounter, Ticket, TicketChannel, TicketEvent
from loket.queue.notifications import SOON_MINUTES
from loket.queue.selectors import office_is_open, queue_of_office, ticket_by_token, ticket_estimate
from loket.queue.workflow import LIFECYCLE, Party, TicketStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

LANGUAGES = ("nl", "fr", "en")
STAFF_CHANNELS = frozenset({TicketChannel.CLERK, TicketChannel.API})
# Tickets a day that may ask for a message to one mobile number or one e-mail address, so
# nobody makes Loket send messages to a stranger's number over and over.
ALERTS_PER_ADDRESS_PER_DAY = 3


def _number(queue: Queue, day: dt.date) -> int:
    """The queue's next number of the day, inside the caller's transaction (the counter row
    stays locked until it commits, so two tickets never share a number)."""
    QueueCounter.objects.bulk_create(
        [QueueCounter(queue=queue, day=day, last_number=0)], ignore_conflicts=True
    )
    counter = QueueCounter.objects.select_for_update().get(queue=queue, day=day)
    QueueCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return counter.last_number + 1


def _alerts_capped(phone: str, email: str, day: dt.date) -> None:
    errors: dict[str, list[str]] = {}
    for field, address in (("phone", phone), ("email", email)):
        if address and (
            Ticket.objects.filter(day=day, **{field: address}).count() >= ALERTS_PER_ADDRESS_PER_DAY
        ):
            errors[field] = [
                _(
                    "This address already receives messages for %(count)d tickets today. "
                    "Follow your ticket on its page instead."
                )
                % {"count": ALERTS_PER_ADDRESS_PER_DAY}
            ]
    if errors:
        raise ValidationError(errors, code="alerts_capped")


def _contact(phone: str, email: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    phone = phone.strip()
    normalised = phone_normalise(phone) if phone else ""
    if phone and not (9 <= len(normalised) - 1 <= 15):
        errors["phone"] = [_("Enter a mobile number such as 0470 12 34 56.")]
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    if errors:
        raise ValidationError(errors)
    return normalised, email


@transaction.atomic
def ticket_take(
    *,
    actor: Actor,
    office: Office,
    queue_id: int | None,
    channel: TicketChannel,
    language: str = "nl",
    priority: bool = False,
    phone: str = "",
    email: str = "",
    person: Person | None = None,
    appointment_at: dt.datetime | None = None,
    appointment: Appointment | None = None,
    now: dt.datetime | None = None,
) -> Ticket:
    """A new waiting ticket in one of the office's queues, numbered per queue and day, with
    its first estimate. Anyone may take one at the kiosk or on the phone page; a clerk or
    an integration needs queue.serve in the office's municipality (and only they may name
    the resident or an appointment)."""
    now = now or timezone.now()
    if channel in STAFF_CHANNELS:
        if not actor.has(Permission.QUEUE_SERVE, office.municipality_id):
            raise PermissionDenied
    else:
        person, appointment_at, appointment = None, None, None
    if channel is TicketChannel.PHONE:  # priority is granted where staff see who asks
        priority = False
    if appointment is not None:
        appointment_at = appointment.starts_at
    queue = queue_of_office(office=office, queue_id=queue_id)
    if queue is None:
        raise ValidationError(
            {"queue": [_("Choose one of the queues of this office.")]}, code="queue_unknown"
        )
    if not office_is_open(office=office, moment=now):
        raise ValidationError(
            _("The office is closed now. Come back during its opening hours."),
            code="office_closed",
        )
    phone, email = _contact(phone, email)
    day = timezone.localdate(now)
    if channel not in STAFF_CHANNELS:
        _alerts_capped(phone, email, day)
    sequence = _number(queue, day)
    ticket = Ticket.objects.create(
        municipality_id=office.municipality_id,
        office=office,
        queue=queue,
        day=day,
        sequence=sequence,
        code=f"{queue.letter}-{sequence:03d}",
        channel=channel,
        priority=priority,
        appointment_at=appointment_at,
        appointment=appointment,
        language=language if language in LANGUAGES else "nl",
        person=person,
        phone=phone,
        email=email,
        taken_at=now,
    )
    ticket_event_append(ticket=ticket, actor=actor, to_status=TicketStatus.WAITING)
    estimate = ticket_estimate(ticket=ticket, now=now)
    if estimate.minutes is not None:
        changes: dict[str, object] = {"estimate_minutes": estimate.minutes}
        if estimate.minutes <= SOON_MINUTES:  # they see it on the screen: no message
            changes["soon_alert_at"] = now
        Ticket.objects.filter(pk=ticket.pk).update(**changes)
        ticket.estimate_minutes = estimate.minutes
    return ticket


@transaction.atomic
def ticket_cancel_by_holder(*, token: str) -> Ticket:
    """The resident gives up their place from the phone page (only while waiting)."""
    ticket = ticket_by_token(token=token)

    def history(transition: object, source: str) -> TicketEvent:
        return ticket_event_append(
            ticket=ticket, actor=None, from_status=source, to_status=TicketStatus.CANCELLED
        )

    transition_apply(
        LIFECYCLE,
        instance=ticket,
        target=TicketStatus.CANCELLED,
        party=Party.HOLDER,
        history=history,
        changes={"finished_at": timezone.now()},
    )
    return ticket
