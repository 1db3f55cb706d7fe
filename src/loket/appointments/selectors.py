"""Reads of the appointments domain, always through the actor.

Offices, their products and free slots are public (a municipality's website shows them).
Staff see the appointments, desks and settings of the municipalities where they hold the
permission; a resident sees their own appointments; someone with a manage link sees that
one appointment. Anything out of reach answers 404, exactly like something that does not
exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from loket.appointments.models import (
    Appointment,
    AppointmentEvent,
    Closure,
    Desk,
    ManageLink,
    Office,
    OfficeProduct,
)
from loket.appointments.workflow import AppointmentStatus
from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record, access_log_record_each
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def offices_public(*, municipality: Municipality) -> QuerySet[Office]:
    """The offices of a municipality that take appointments (anyone may see them)."""
    return Office.objects.filter(municipality=municipality, is_active=True).order_by(
        "name_nl", "id"
    )


def office_get_public(*, office_id: int, municipality: Municipality | None = None) -> Office:
    office = Office.objects.filter(pk=office_id, is_active=True).select_related("municipality")
    if municipality is not None:
        office = office.filter(municipality=municipality)
    found = office.first()
    if found is None:
        raise Http404
    return found


def office_products_public(
    *, municipality: Municipality, product_id: int | None = None
) -> QuerySet[OfficeProduct]:
    """What can be booked in a municipality (optionally: one product), office by office."""
    rows = OfficeProduct.objects.filter(
        municipality=municipality, is_active=True, office__is_active=True
    ).select_related("office", "product")
    if product_id is not None:
        rows = rows.filter(product_id=product_id)
    return rows.order_by("product__code", "office__name_nl", "office_id")


def office_product_get_public(*, office_id: int, product_id: int) -> OfficeProduct:
    found = (
        OfficeProduct.objects.filter(
            office_id=office_id, product_id=product_id, is_active=True, office__is_active=True
        )
        .select_related("office__municipality", "product")
        .first()
    )
    if found is None:
        raise Http404
    return found


def offices_visible_to(
    *, actor: Actor, permission: Permission = Permission.APPOINTMENTS_VIEW
) -> QuerySet[Office]:
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return Office.objects.none()
    return Office.objects.filter(municipality_id__in=actor.municipality_ids(permission))


def office_get_visible(
    *, actor: Actor, office_id: int, permission: Permission = Permission.APPOINTMENTS_VIEW
) -> Office:
    office = (
        offices_visible_to(actor=actor, permission=permission)
        .select_related("municipality")
        .filter(pk=office_id)
        .first()
    )
    if office is None:
        raise Http404
    return office


def desk_get_visible(
    *, actor: Actor, desk_id: int, permission: Permission = Permission.APPOINTMENTS_VIEW
) -> Desk:
    desk = (
        Desk.objects.filter(municipality_id__in=_staff_municipalities(actor, permission))
        .select_related("office")
        .filter(pk=desk_id)
        .first()
    )
    if desk is None:
        raise Http404
    return desk


def office_product_get_visible(
    *, actor: Actor, office_product_id: int, permission: Permission
) -> OfficeProduct:
    row = (
        OfficeProduct.objects.filter(
            municipality_id__in=_staff_municipalities(actor, permission), pk=office_product_id
        )
        .select_related("office", "product")
        .first()
    )
    if row is None:
        raise Http404
    return row


def _staff_municipalities(actor: Actor, permission: Permission) -> frozenset[int]:
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return frozenset()
    return actor.municipality_ids(permission)


_RELATED = ("office", "desk", "product", "municipality", "person")


def appointments_visible_to(
    *, actor: Actor, permission: Permission = Permission.APPOINTMENTS_VIEW
) -> QuerySet[Appointment]:
    if actor.is_resident and actor.person_id is not None:
        return Appointment.objects.filter(person_id=actor.person_id).select_related(*_RELATED)
    return Appointment.objects.filter(
        municipality_id__in=_staff_municipalities(actor, permission)
    ).select_related(*_RELATED)


def appointment_get_visible(
    *, actor: Actor, appointment_id: int, permission: Permission = Permission.APPOINTMENTS_VIEW
) -> Appointment:
    found = appointments_visible_to(actor=actor, permission=permission).filter(pk=appointment_id)
    appointment = found.first()
    if appointment is None:
        raise Http404
    return appointment


# What the access log says was read (translated when shown).
APPOINTMENT_READ = gettext_noop("appointment details")
CALENDAR_READ = gettext_noop("appointment calendar")


def appointment_read_for_purpose(
    *,
    actor: Actor,
    appointment_id: int,
    purpose: AccessPurpose | str,
    channel: AccessChannel,
    permission: Permission = Permission.APPOINTMENTS_VIEW,
) -> Appointment:
    """One appointment with the resident's name and contact details (404 when out of
    reach). A staff member's or integration's read is written to the resident's access
    log, on behalf of the appointment's municipality (a guest outside the register leaves
    no row)."""
    appointment = appointment_get_visible(
        actor=actor, appointment_id=appointment_id, permission=permission
    )
    if appointment.person is not None:
        access_log_record(
            actor=actor,
            person=appointment.person,
            purpose=purpose,
            what=APPOINTMENT_READ,
            channel=channel,
            municipality_id=appointment.municipality_id,
        )
    return appointment


def appointments_of_resident(*, actor: Actor, upcoming_only: bool = False) -> list[Appointment]:
    """The signed-in resident's own appointments (soonest first), for their portal page and
    for any domain that shows a resident what is coming up."""
    if not actor.is_resident or actor.person_id is None:
        return []
    rows = Appointment.objects.filter(person_id=actor.person_id).select_related(*_RELATED)
    if upcoming_only:
        rows = rows.filter(status=AppointmentStatus.BOOKED, starts_at__gt=timezone.now())
    return list(rows.order_by("-starts_at", "-id"))


def appointments_of_office(
    *, actor: Actor, office: Office, first: dt.date, last: dt.date, desk_id: int | None = None
) -> list[Appointment]:
    """A staff calendar: the office's appointments from `first` to `last` (inclusive)."""
    office_get_visible(actor=actor, office_id=office.pk)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    rows = Appointment.objects.filter(
        office=office, starts_at__gte=start, starts_at__lt=end
    ).select_related(*_RELATED)
    if desk_id is not None:
        rows = rows.filter(desk_id=desk_id)
    return list(rows.order_by("starts_at", "desk__name", "id"))


def office_calendar_read_for_purpose(
    *,
    actor: Actor,
    office: Office,
    first: dt.date,
    last: dt.date,
    purpose: AccessPurpose | str,
    channel: AccessChannel,
    desk_id: int | None = None,
    what: str = CALENDAR_READ,
) -> list[Appointment]:
    """`appointments_of_office`, with a row in the access log of every resident of the
    register it names, on behalf of the office's municipality."""
    appointments = appointments_of_office(
        actor=actor, office=office, first=first, last=last, desk_id=desk_id
    )
    access_log_record_each(
        actor=actor,
        persons=[appointment.person for appointment in appointments],
        purpose=purpose,
        what=what,
        channel=channel,
        municipality_id=office.municipality_id,
    )
    return appointments


def _local_day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def appointments_booked_between(
    *, office: Office, first_day: dt.date, last_day: dt.date, since: dt.datetime
) -> list[Appointment]:
    """The office's booked appointments on the days `first_day`..`last_day` (local time)
    that start at `since` or later, soonest first (what a new closure of those days hits)."""
    start = max(_local_day_start(first_day), since)
    end = _local_day_start(last_day + dt.timedelta(days=1))
    return list(
        Appointment.objects.filter(
            office=office,
            status=AppointmentStatus.BOOKED,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related(*_RELATED)
        .order_by("starts_at", "id")
    )


def closures_with_cancellations(*, office: Office) -> list[tuple[Closure, int]]:
    """The office's closures, each with the number of appointments it cancelled (from
    the appointments' history)."""
    closures = list(office.closures.order_by("first_day"))
    counts = dict(
        AppointmentEvent.objects.filter(
            appointment__office=office,
            to_status=AppointmentStatus.CANCELLED,
            data__closure_id__in=[closure.pk for closure in closures],
        )
        .values_list("data__closure_id")
        .annotate(n=Count("id"))
        .values_list("data__closure_id", "n")
    )
    return [(closure, counts.get(closure.pk, 0)) for closure in closures]


def appointment_by_manage_token(*, token: str) -> Appointment:
    """The appointment a manage link is for. A link that is unknown answers a translated
    "not valid" error, one past its time "expired"; neither says anything else."""
    link = (
        ManageLink.objects.filter(token_hash=token_hash(token))
        .select_related(*(f"appointment__{name}" for name in _RELATED))
        .first()
        if token
        else None
    )
    if link is None:
        raise ValidationError(
            gettext("This link is not valid. Use the link from your most recent message."),
            code="link_invalid",
        )
    if link.expires_at <= timezone.now():
        raise ValidationError(
            gettext("This link has expired: the appointment has passed or was replaced."),
            code="link_expired",
        )
    return link.appointment


def office_lock_shared(*, office_id: int) -> None:
    """Lock the office row FOR SHARE until the end of the transaction (see `_slot_find`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {Office._meta.db_table} WHERE id = %s FOR SHARE",
            [office_id],
        )


def office_lock_exclusive(*, office_id: int) -> None:
    """Lock the office row FOR UPDATE: waits for the bookings in flight (see `_slot_find`)."""
    Office.objects.select_for_update().filter(pk=office_id).exists()


def desk_by_feed_token(*, desk_id: int, token: str) -> Desk:
    desk = Desk.objects.filter(pk=desk_id).select_related("office").first()
    if desk is None or not desk.feed_token_hash or desk.feed_token_hash != token_hash(token):
        raise Http404
    if desk.feed_token_expires_at is None or desk.feed_token_expires_at <= timezone.now():
        raise Http404
    return desk


def desk_feed_appointments(*, desk: Desk) -> list[Appointment]:
    since = timezone.now() - dt.timedelta(days=30)
    return list(
        Appointment.objects.filter(desk=desk, starts_at__gte=since)
        .exclude(status=AppointmentStatus.CANCELLED)
        .select_related(*_RELATED)
        .order_by("starts_at")[:2000]
    )


def appointment_history(*, appointment: Appointment) -> list[AppointmentEvent]:
    return list(appointment.events.select_related("actor_user").order_by("created_at", "id"))


def visit_booking_offered(*, municipality_id: int, product_id: int) -> bool:
    """Whether an office of the municipality takes appointments for the product online
    (the e-counter offers "book an appointment" after the online part of a request)."""
    return OfficeProduct.objects.filter(
        municipality_id=municipality_id,
        product_id=product_id,
        is_active=True,
        office__is_active=True,
    ).exists()
