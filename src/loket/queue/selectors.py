"""Reads of the walk-in queue, always through the actor where they are not public.

Staff see the offices, desks and tickets of the municipalities where they hold the
permission; a desk or ticket of another municipality answers 404. The public pages (kiosk,
phone page, hall display) read an active office by id and a ticket by its secret token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, BooleanField, Case, Count, F, Max, Q, QuerySet, Value, When
from django.db.models.functions import ExtractHour
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop

from loket.appointments.availability import office_days
from loket.appointments.models import (
    Appointment,
    Desk,
    Office,
)
from loket.appointments.selectors import appointments_of_office
from loket.appointments.workflow import AppointmentStatus
from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record_each
from loket.queue.estimate import DeskLoad, ServiceHistory, wait_estimate
from loket.queue.links import LinkExpired, LinkInvalid, legacy_token_hash, ticket_id_of
from loket.queue.models import DeskSession, Queue, Ticket
from loket.queue.workflow import AT_DESK_STATUSES, TicketStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

# Services of the last hour make the estimate; fewer than this many: the whole day, then
# the last fortnight.
HISTORY_WINDOW = dt.timedelta(hours=1)
HISTORY_MIN_SERVICES = 8
HISTORY_FALLBACK = dt.timedelta(days=14)
# An appointment is "due" (called before the walk-ins) from this long before its time.
APPOINTMENT_EARLY = dt.timedelta(minutes=5)
DISPLAY_RECENT = 6
# Appointments the reception lists for check-in: this long before and after their time.
APPOINTMENT_SOON = dt.timedelta(minutes=15)
APPOINTMENT_LATE = dt.timedelta(minutes=30)


def offices_visible_to(
    *, actor: Actor, permission: Permission = Permission.QUEUE_VIEW
) -> QuerySet[Office]:
    return Office.objects.filter(municipality_id__in=actor.municipality_ids(permission))


def office_get_visible(
    *, actor: Actor, office_id: int, permission: Permission = Permission.QUEUE_VIEW
) -> Office:
    office = offices_visible_to(actor=actor, permission=permission).filter(pk=office_id).first()
    if office is None:
        raise Http404
    return office


def office_public_get(*, office_id: int) -> Office:
    """An active office for the public pages (kiosk, phone page, display), or 404."""
    office = (
        Office.objects.filter(pk=office_id, is_active=True).select_related("municipality").first()
    )
    if office is None:
        raise Http404
    return office


def desk_get_visible(
    *, actor: Actor, desk_id: int, permission: Permission = Permission.QUEUE_SERVE
) -> Desk:
    desk = (
        Desk.objects.filter(
            pk=desk_id, is_active=True, municipality_id__in=actor.municipality_ids(permission)
        )
        .select_related("office")
        .first()
    )
    if desk is None:
        raise Http404
    return desk


def desks_of_office(*, office: Office) -> QuerySet[Desk]:
    return Desk.objects.filter(office=office, is_active=True).order_by("name", "id")


def queues_of_office(*, office: Office, active_only: bool = True) -> QuerySet[Queue]:
    queues = Queue.objects.filter(office=office)
    return queues.filter(is_active=True) if active_only else queues


def queue_of_office(*, office: Office, queue_id: int | None) -> Queue | None:
    if queue_id is None:
        return None
    return queues_of_office(office=office).filter(pk=queue_id).first()


def tickets_visible_to(
    *, actor: Actor, permission: Permission = Permission.QUEUE_VIEW
) -> QuerySet[Ticket]:
    return Ticket.objects.filter(municipality_id__in=actor.municipality_ids(permission))


def ticket_get_visible(
    *, actor: Actor, ticket_id: int, permission: Permission = Permission.QUEUE_VIEW
) -> Ticket:
    ticket = (
        tickets_visible_to(actor=actor, permission=permission)
        .select_related("queue", "office", "desk", "person")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


class TicketExpired(Http404):
    """The link is a real ticket's, but of an earlier day (or older than a day): it no
    longer opens anything."""


def ticket_by_token(*, token: str, now: dt.datetime | None = None) -> Ticket:
    """The ticket behind a phone page's secret address (a signed link, see
    `loket.queue.links`), or 404; `TicketExpired` (a 404) once the ticket's day is over
    or the link is older than a day."""
    legacy = legacy_token_hash(str(token))
    tickets = Ticket.objects.select_related("queue", "office", "desk")
    if legacy is not None:
        ticket = tickets.filter(legacy_token_hash=legacy).first()
    else:
        try:
            ticket_id = ticket_id_of(token=str(token))
        except LinkExpired:
            raise TicketExpired from None
        except LinkInvalid:  # not a link Loket made: answered like an unknown one
            raise Http404 from None
        ticket = tickets.filter(pk=ticket_id).first()
    if ticket is None:
        raise Http404
    if ticket.day < timezone.localdate(now or timezone.now()):
        raise TicketExpired
    return ticket


def ticket_at_desk(*, desk: Desk) -> Ticket | None:
    """The ticket called to or served at the desk now."""
    return (
        Ticket.objects.filter(desk=desk, status__in=AT_DESK_STATUSES)
        .select_related("queue", "person")
        .order_by("-called_at")
        .first()
    )


def office_is_open(*, office: Office, moment: dt.datetime | None = None) -> bool:
    """Whether the office is open at `moment` (now), by the same day plan as appointments
    (`office_days`): a closure or (if it closes on them) a public holiday closes the day,
    else its special hours of the day, else its weekday's hours."""
    local = timezone.localtime(moment or timezone.now())
    day, time = local.date(), local.time()
    (plan,) = office_days(office, day, day)
    return any(opens_at <= time < closes_at for opens_at, closes_at in plan.periods)


def desks_open(*, office: Office) -> QuerySet[DeskSession]:
    return DeskSession.objects.filter(desk__office=office, closed_at__isnull=True)


def waiting_in_calling_order(*, office: Office, now: dt.datetime | None = None) -> QuerySet[Ticket]:
    """The waiting tickets of the office in the order desks call them: appointments that
    are due, then priority tickets, then everyone else in order of arrival."""
    due_before = (now or timezone.now()) + APPOINTMENT_EARLY
    return (
        Ticket.objects.filter(office=office, status=TicketStatus.WAITING)
        .annotate(
            due=Case(
                When(Q(appointment_at__lte=due_before), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-due", F("appointment_at").asc(nulls_last=True), "-priority", "taken_at", "id")
    )


def service_history(*, office: Office, now: dt.datetime | None = None) -> ServiceHistory:
    """Recent service times (serving → done, minutes) per queue of the office."""
    now = now or timezone.now()
    done = Ticket.objects.filter(
        office=office,
        status=TicketStatus.DONE,
        serving_at__isnull=False,
        finished_at__isnull=False,
    )
    rows: list[tuple[int, dt.datetime | None, dt.datetime | None]] = []
    for since in (now - HISTORY_WINDOW, now - dt.timedelta(hours=12), now - HISTORY_FALLBACK):
        rows = list(
            done.filter(finished_at__gte=since, finished_at__lte=now)
            .order_by("-finished_at")
            .values_list("queue_id", "serving_at", "finished_at")[:500]
        )
        if len(rows) >= HISTORY_MIN_SERVICES:
            break
    durations: dict[str, list[float]] = {}
    for queue_id, start, end in rows:
        if start is None or end is None:
            continue
        durations.setdefault(str(queue_id), []).append((end - start).total_seconds() / 60)
    return ServiceHistory(durations=durations)


@dataclass(frozen=True)
class Estimate:
    ahead: int
    minutes: int | None  # None: no desk is open


def ticket_estimate(*, ticket: Ticket, now: dt.datetime | None = None) -> Estimate:
    """How many are called before this waiting ticket, and in about how many minutes."""
    now = now or timezone.now()
    if ticket.status != TicketStatus.WAITING:
        return Estimate(ahead=0, minutes=0)
    order = list(
        waiting_in_calling_order(office=ticket.office, now=now).values_list("pk", "queue_id")
    )
    position = next((i for i, (pk, _) in enumerate(order) if pk == ticket.pk), len(order))
    ahead = [str(queue_id) for _, queue_id in order[:position]]
    loads = []
    at_desks = {
        t.desk_id: t
        for t in Ticket.objects.filter(office=ticket.office, status__in=AT_DESK_STATUSES)
    }
    for session in desks_open(office=ticket.office):
        current = at_desks.get(session.desk_id)
        if current is None:
            loads.append(DeskLoad())
        else:
            started = current.serving_at or current.called_at or now
            loads.append(DeskLoad(str(current.queue_id), (now - started).total_seconds() / 60))
    minutes = wait_estimate(
        ahead=ahead, desks=loads, history=service_history(office=ticket.office, now=now)
    )
    return Estimate(ahead=len(ahead), minutes=None if minutes is None else round(minutes))


def appointments_due(
    *, actor: Actor, office: Office, now: dt.datetime | None = None
) -> list[Appointment]:
    """The office's booked appointments of about now (from half an hour ago to a quarter
    of an hour ahead) whose resident has not been checked in yet, for the reception."""
    if not actor.has(Permission.APPOINTMENTS_VIEW, office.municipality_id):
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    checked_in = set(
        Ticket.objects.filter(office=office, appointment__isnull=False).values_list(
            "appointment_id", flat=True
        )
    )
    return [
        appointment
        for appointment in appointments_of_office(
            actor=actor, office=office, first=today, last=today
        )
        if appointment.status == AppointmentStatus.BOOKED
        and now - APPOINTMENT_LATE <= appointment.starts_at <= now + APPOINTMENT_SOON
        and appointment.pk not in checked_in
    ]


# What the access log says was read (translated when shown).
DESK_APPOINTMENTS_READ = gettext_noop("appointments due at a desk")


def appointments_due_read_for_purpose(
    *,
    actor: Actor,
    office: Office,
    purpose: AccessPurpose | str,
    channel: AccessChannel,
    now: dt.datetime | None = None,
) -> list[Appointment]:
    """`appointments_due` as a desk page shows them (the residents' names), with a row in
    the access log of every resident of the register among them, on behalf of the office's
    municipality."""
    due = appointments_due(actor=actor, office=office, now=now)
    access_log_record_each(
        actor=actor,
        persons=[appointment.person for appointment in due],
        purpose=purpose,
        what=DESK_APPOINTMENTS_READ,
        channel=channel,
        municipality_id=office.municipality_id,
    )
    return due


@dataclass(frozen=True)
class DisplayState:
    office: Office
    called: list[Ticket]
    waiting: dict[int, int]  # queue id -> tickets waiting


def display_state(*, office: Office, now: dt.datetime | None = None) -> DisplayState:
    """What the screen in the hall shows: the last numbers called (newest first, with
    their desk) and how many wait per queue."""
    now = now or timezone.now()
    called = list(
        Ticket.objects.filter(office=office, day=timezone.localdate(now), called_at__isnull=False)
        .exclude(status=TicketStatus.WAITING)
        .select_related("desk", "queue")
        .order_by("-called_at", "-id")[:DISPLAY_RECENT]
    )
    waiting = dict(
        Ticket.objects.filter(office=office, status=TicketStatus.WAITING)
        .values("queue_id")
        .annotate(n=Count("id"))
        .values_list("queue_id", "n")
    )
    return DisplayState(office=office, called=called, waiting=waiting)


@dataclass(frozen=True)
class WaitAchieved:
    office_id: int
    queue_id: int
    day: dt.date
    hour: int
    tickets: int
    mean_wait_minutes: float
    max_wait_minutes: float


def waits_achieved(
    *, actor: Actor, first_day: dt.date, last_day: dt.date, office_id: int | None = None
) -> list[WaitAchieved]:
    """The waits actually achieved (taken → called), per office, queue, day and hour of
    taking, for dashboards. Tickets never called (cancelled) are left out."""
    tickets = tickets_visible_to(actor=actor).filter(
        day__gte=first_day, day__lte=last_day, called_at__isnull=False
    )
    if office_id is not None:
        tickets = tickets.filter(office_id=office_id)
    rows = (
        tickets.annotate(hour=ExtractHour("taken_at"), wait=F("called_at") - F("taken_at"))
        .values("office_id", "queue_id", "day", "hour")
        .annotate(n=Count("id"), mean=Avg("wait"), longest=Max("wait"))
        .order_by("office_id", "queue_id", "day", "hour")
    )
    return [
        WaitAchieved(
            office_id=row["office_id"],
            queue_id=row["queue_id"],
            day=row["day"],
            hour=row["hour"],
            tickets=row["n"],
            mean_wait_minutes=round(row["mean"].total_seconds() / 60, 1),
            max_wait_minutes=round(row["longest"].total_seconds() / 60, 1),
        )
        for row in rows
    ]
