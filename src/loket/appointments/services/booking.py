"""Booking, moving, cancelling and recording appointments.

The one rule that must hold under any concurrency, that a desk is never booked twice, is
the database's (the exclusion constraint on `Appointment`): the service picks a desk that
looked free and inserts; when another transaction took that desk in the meantime, the
insert fails inside a savepoint and the next free desk is tried; when none is left the
resident reads "this slot just filled up" and nothing was written.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from psycopg import errors as pg_errors

from loket.accounts.models import User
from loket.appointments.availability import Slot, local_date, office_days, slots_for
from loket.appointments.models import Appointment, AppointmentEvent, ManageLink, OfficeProduct
from loket.appointments.notifications import (
    appointment_booked_notify,
    appointment_cancelled_notify,
    appointment_rescheduled_notify,
)
from loket.appointments.selectors import appointment_by_manage_token, office_lock_shared, token_hash
from loket.appointments.timeline import appointment_event_append
from loket.appointments.workflow import (
    LIFECYCLE,
    AppointmentChannel,
    AppointmentStatus,
    Party,
)
from loket.core import lifecycle
from loket.notify.after_service import ServiceDone, ServiceKind, service_done
from loket.people.models import Person
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Holder:
    """Who the appointment is for: a resident of the register, or a name with an e-mail
    address and/or a mobile number."""

    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = "nl"
    person: Person | None = None

    @property
    def key(self) -> str:
        if self.person is not None:
            return f"person:{self.person.pk}"
        if self.email:
            return f"email:{self.email.strip().lower()}"
        return f"phone:{''.join(c for c in self.phone if c.isdigit() or c == '+')}"


@dataclass(frozen=True)
class Booked:
    appointment: Appointment
    # The manage link's token: given out once (in the message), stored only as a hash.
    token: str


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def slot_full_error() -> ValidationError:
    return _error(
        "starts_at",
        gettext("This slot just filled up. Please choose another time."),
        "slot_full",
    )


def _slot_find(
    office_product: OfficeProduct, starts_at: dt.datetime, *, ignore_appointment_id: int | None
) -> Slot:
    """The slot starting at `starts_at`, or the translated reason there is none. Inside the
    caller's transaction, the office row is locked FOR SHARE first: bookings do not wait
    for each other, but a closure being added (FOR UPDATE, `closure_add`) waits for the
    bookings in flight and they for it, so the closure either sees the appointment (and
    cancels it or is refused) or the booking sees the closure (and is refused)."""
    office_lock_shared(office_id=office_product.office_id)
    now = timezone.now()
    if starts_at <= now:
        raise _error("starts_at", gettext("This time has already passed."), "in_the_past")
    day = local_date(starts_at)
    horizon = local_date(now) + dt.timedelta(days=office_product.office.booking_days_ahead)
    if day > horizon:
        raise _error(
            "starts_at",
            gettext("Appointments can be booked at most %(days)s days ahead.")
            % {"days": office_product.office.booking_days_ahead},
            "too_far_ahead",
        )
    [plan] = office_days(office_product.office, day, day)
    if plan.closed_reason in {"closure", "holiday"}:
        raise _error(
            "starts_at",
            gettext("The office is closed on that day (a public holiday or a closure)."),
            "closed_day",
        )
    slot = next(
        (
            slot
            for slot in slots_for(
                office_product, day, day, ignore_appointment_id=ignore_appointment_id
            )
            if slot.starts_at == starts_at
        ),
        None,
    )
    if slot is None:
        raise _error(
            "starts_at",
            gettext("The office does not take appointments for this at that time."),
            "outside_opening_hours",
        )
    if not slot.free_desk_ids:
        raise slot_full_error()
    return slot


def _holder_check(holder: Holder) -> None:
    errors: dict[str, list[str]] = {}
    if holder.person is None:
        if not holder.name.strip():
            errors["name"] = [gettext("Give the name the appointment is for.")]
        if not holder.email.strip() and not holder.phone.strip():
            errors["email"] = [
                gettext("Give an e-mail address or a mobile number to receive the confirmation.")
            ]
    if holder.language not in {"nl", "fr", "en"}:
        errors["language"] = [gettext("Choose Dutch, French or English.")]
    if errors:
        raise ValidationError(errors)


def _limit_check(office_product: OfficeProduct, holder_key: str) -> None:
    """At most `max_open_per_person` open appointments per person and product in the
    municipality. The advisory lock serialises one person's bookings, so two tabs cannot
    both pass the count."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
            [f"appointments:{office_product.municipality_id}:{holder_key}"],
        )
    open_count = Appointment.objects.filter(
        municipality_id=office_product.municipality_id,
        product_id=office_product.product_id,
        holder_key=holder_key,
        status=AppointmentStatus.BOOKED,
        starts_at__gt=timezone.now(),
    ).count()
    if open_count >= office_product.max_open_per_person:
        raise _error(
            "product",
            gettext(
                "You already have %(count)s open appointment(s) for this; that is the limit. "
                "Change or cancel one first."
            )
            % {"count": open_count},
            "limit_reached",
        )


def _is_exclusion_violation(error: IntegrityError) -> bool:
    return isinstance(error.__cause__, pg_errors.ExclusionViolation)


# The unique constraint on `Appointment.reference` (PostgreSQL's name for `unique=True`).
_REFERENCE_CONSTRAINT = "appointments_appointment_reference_key"
# A new reference is drawn when one is taken; with 32**8 references a second clash in a row
# is practically impossible, so a few attempts are plenty.
_REFERENCE_ATTEMPTS = 5


def _is_reference_taken(error: IntegrityError) -> bool:
    cause = error.__cause__
    return (
        isinstance(cause, pg_errors.UniqueViolation)
        and cause.diag.constraint_name == _REFERENCE_CONSTRAINT
    )


def _appointment_insert(desk_id: int, fields: dict[str, object]) -> Appointment:
    """Insert on `desk_id` with a fresh random reference, drawing another one when the
    reference is taken (each attempt in its own savepoint). Any other integrity error,
    the desk's exclusion constraint among them, goes to the caller."""
    for attempt in range(_REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Appointment.objects.create(desk_id=desk_id, reference=_reference(), **fields)
        except IntegrityError as error:
            if not _is_reference_taken(error) or attempt == _REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _reference() -> str:
    return "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def _link_issue(appointment: Appointment) -> str:
    """A new manage link; every earlier link of the appointment stops working now, so only
    the link in the most recent message is valid."""
    now = timezone.now()
    ManageLink.objects.filter(appointment=appointment, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    ManageLink.objects.create(
        appointment=appointment, token_hash=token_hash(token), expires_at=appointment.starts_at
    )
    return token


def _channel_check(actor: Actor, channel: str, municipality_id: int) -> None:
    if channel not in AppointmentChannel.values:
        raise _error("channel", gettext("Unknown channel."), "channel_unknown")
    if channel == AppointmentChannel.ONLINE:
        return
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION} or not actor.has(
        Permission.APPOINTMENTS_BOOK, municipality_id
    ):
        raise PermissionDenied


def appointment_book(
    *,
    actor: Actor,
    office_product: OfficeProduct,
    starts_at: dt.datetime,
    holder: Holder,
    channel: str = AppointmentChannel.ONLINE,
) -> Booked:
    """Book a slot. Online: the signed-in resident for themselves (`holder.person` must be
    theirs) or anyone without an account; at the counter, by phone or through an
    integration: staff or a client with appointments.book in the municipality."""
    _channel_check(actor, channel, office_product.municipality_id)
    if (
        holder.person is not None
        and channel == AppointmentChannel.ONLINE
        and not (actor.is_resident and actor.person_id == holder.person.pk)
    ):
        raise PermissionDenied
    _holder_check(holder)
    with transaction.atomic():
        _limit_check(office_product, holder.key)
        slot = _slot_find(office_product, starts_at, ignore_appointment_id=None)
        person = holder.person
        fields = {
            "municipality_id": office_product.municipality_id,
            "office_id": office_product.office_id,
            "product_id": office_product.product_id,
            "starts_at": slot.starts_at,
            "ends_at": slot.ends_at,
            "channel": channel,
            "person": person,
            "name": person.full_name if person is not None else holder.name.strip(),
            "email": (person.email if person is not None else holder.email.strip()),
            "phone": (person.phone if person is not None else holder.phone.strip()),
            "language": person.preferred_language if person is not None else holder.language,
            "holder_key": holder.key,
            "booked_by_user": actor.user if actor.is_staff else None,
            "booked_by_api_client_id": actor.api_client_id,
        }
        appointment = None
        for desk_id in slot.free_desk_ids:
            try:
                appointment = _appointment_insert(desk_id, fields)
                break
            except IntegrityError as error:
                if not _is_exclusion_violation(error):
                    raise
        if appointment is None:
            raise slot_full_error()
        token = _link_issue(appointment)
        event = appointment_event_append(
            appointment=appointment,
            kind=AppointmentEvent.Kind.BOOKED,
            actor_user=actor.user if actor.is_staff else None,
            to_status=AppointmentStatus.BOOKED,
            data={"channel": channel, "desk_id": appointment.desk_id},
        )
        appointment_booked_notify(appointment=appointment, event_id=event.pk, token=token)
    return Booked(appointment=appointment, token=token)


def _may_manage(actor: Actor, appointment: Appointment) -> Party:
    """Who is acting on the appointment without a link: the resident (their own) or staff
    with appointments.book in its municipality."""
    if actor.is_resident and actor.person_id == appointment.person_id:
        return Party.RESIDENT
    if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION} and actor.has(
        Permission.APPOINTMENTS_BOOK, appointment.municipality_id
    ):
        return Party.STAFF
    raise PermissionDenied


def _managed(
    actor: Actor, appointment: Appointment | None, manage_token: str | None
) -> tuple[Appointment, Party]:
    """The appointment acted on and who acts: with a manage token, the appointment is the
    token's (resolved here, so no caller can skip the check: a wrong or expired token is
    the selector's translated `link_invalid` / `link_expired` error) and the actor is the
    resident; without one, the actor must be allowed to manage `appointment`."""
    if manage_token is not None:
        if appointment is not None:
            raise TypeError("Pass either an appointment or a manage token, not both.")
        return appointment_by_manage_token(token=manage_token), Party.RESIDENT
    if appointment is None:
        raise TypeError("Pass an appointment or a manage token.")
    return appointment, _may_manage(actor, appointment)


def appointment_reschedule(
    *,
    actor: Actor,
    starts_at: dt.datetime,
    appointment: Appointment | None = None,
    manage_token: str | None = None,
) -> Booked:
    """Move a booked, future appointment to another free slot of the same product and
    office: `appointment` for its resident or staff, or `manage_token` for whoever holds the
    link. Earlier manage links stop working now; a new one goes in the message."""
    managed, _party = _managed(actor, appointment, manage_token)
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=managed.pk)
        if locked.status != AppointmentStatus.BOOKED or locked.starts_at <= timezone.now():
            raise _error(
                "starts_at",
                gettext("Only an appointment that is still to come can be moved."),
                "not_movable",
            )
        office_product = OfficeProduct.objects.select_related("office").get(
            office_id=locked.office_id, product_id=locked.product_id
        )
        slot = _slot_find(office_product, starts_at, ignore_appointment_id=locked.pk)
        previous = {"starts_at": locked.starts_at.isoformat(), "desk_id": locked.desk_id}
        moved = False
        for desk_id in slot.free_desk_ids:
            try:
                with transaction.atomic():
                    Appointment.objects.filter(pk=locked.pk).update(
                        desk_id=desk_id,
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        updated_at=timezone.now(),
                        reminded_at=None,
                    )
                moved = True
                break
            except IntegrityError as error:
                if not _is_exclusion_violation(error):
                    raise
        if not moved:
            raise slot_full_error()
        locked.refresh_from_db()
        if locked.person_id is None:
            token = _link_issue(locked)
        else:
            ManageLink.objects.filter(appointment=locked, expires_at__gt=timezone.now()).update(
                expires_at=timezone.now()
            )
            token = ""
        event = appointment_event_append(
            appointment=locked,
            kind=AppointmentEvent.Kind.RESCHEDULED,
            actor_user=actor.user if actor.is_staff else None,
            data={"from": previous, "to": {"starts_at": locked.starts_at.isoformat()}},
        )
        appointment_rescheduled_notify(appointment=locked, event_id=event.pk, token=token)
    return Booked(appointment=locked, token=token)


def appointment_transition(
    *,
    actor: Actor,
    to_status: str,
    appointment: Appointment | None = None,
    manage_token: str | None = None,
    reason: str = "",
) -> Appointment:
    """Cancel (resident or staff), or record that the resident came or did not (staff).
    `appointment` for its resident or staff, or `manage_token` for whoever holds the link."""
    managed, party = _managed(actor, appointment, manage_token)
    user: User | None = actor.user if actor.is_staff else None

    def history(transition: lifecycle.Transition, source: str) -> AppointmentEvent:
        return appointment_event_append(
            appointment=managed,
            kind=AppointmentEvent.Kind.STATUS_CHANGED,
            actor_user=user,
            from_status=source,
            to_status=transition.target,
            message=reason,
        )

    with transaction.atomic():
        if (
            to_status == AppointmentStatus.CANCELLED
            and party == Party.RESIDENT
            and managed.starts_at <= timezone.now()
        ):
            raise _error(
                "to_status",
                gettext("An appointment that has started can no longer be cancelled online."),
                "too_late",
            )
        event = lifecycle.transition_apply(
            LIFECYCLE,
            instance=managed,
            target=to_status,
            history=history,
            party=party,
            actor=actor,
            reason=reason,
            changes={"updated_at": timezone.now()},
        )
        if to_status == AppointmentStatus.CANCELLED:
            ManageLink.objects.filter(appointment=managed).update(expires_at=timezone.now())
            appointment_cancelled_notify(appointment=managed, event_id=event.pk)
        if to_status == AppointmentStatus.HELD and managed.person_id is not None:
            service_done(
                done=ServiceDone(
                    kind=ServiceKind.APPOINTMENT,
                    reference=managed.reference,
                    municipality_id=managed.municipality_id,
                    person_id=managed.person_id,
                    subject_code=managed.product.code,
                    subject_name=managed.product.name_nl,
                )
            )
    return managed
