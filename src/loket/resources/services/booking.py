"""Booking a resource, deciding on it and cancelling it.

`booking_request` checks the resource's rules, computes the price, writes the booking and
(for equipment) takes free units, asks the payment through loket.payments and tells the
requester, in one transaction. Two bookings of a hall that overlap are refused by the
database (`booking_no_overlap`), whatever the timing; the refusal becomes the same clear
message as any other rule. `booking_transition` moves a booking through its lifecycle; a
booking that stops holding gives its units back and its unpaid payment request is
cancelled (a paid one is marked for refund).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from loket.core.lifecycle import transition_apply
from loket.payments.models import PaymentRequest
from loket.payments.services import payment_request_cancel_for_subject, payment_request_create
from loket.people.models import Person
from loket.resources.history import booking_event_append
from loket.resources.models import (
    Booking,
    BookingEvent,
    BookingEventKind,
    BookingUnit,
    Resource,
    Tariff,
    TariffCategory,
)
from loket.resources.notifications import booking_status_notify, period_text
from loket.resources.rules import period_errors, price_of
from loket.resources.selectors import booking_get_visible, resource_get_public, units_free
from loket.resources.workflow import HOLDING_STATUSES, LIFECYCLE, BookingStatus, Party
from loket.tenancy.access import Actor

SUBJECT_TYPE = "resource_booking"
OVERLAP_CONSTRAINTS = {"booking_no_overlap", "booking_unit_no_overlap"}


def overlap_message(resource: Resource) -> str:
    return _("This period overlaps another booking of %(name)s. Choose another time.") % {
        "name": resource.name
    }


# The first key of the transaction-level advisory locks of this domain (the second is the
# resource's id).
_LOCK_NAMESPACE = 7301


def _resource_lock(resource: Resource) -> None:
    """Take the resource's booking lock until the transaction ends.

    PostgreSQL checks an exclusion constraint by looking at the other rows, including rows
    of transactions still running; two transactions inserting overlapping periods at once
    wait for each other and one is killed as a deadlock instead of getting the clear
    overlap refusal. Booking the same resource one transaction at a time avoids that; the
    exclusion constraint stays the guarantee (a writer that skips this lock is still
    refused)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, resource.pk % 2**31]
        )


def _constraint_of(error: IntegrityError) -> str:
    diag = getattr(error.__cause__, "diag", None)
    return str(getattr(diag, "constraint_name", "") or "")


def _rules_check(
    *,
    resource: Resource,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    category: str,
    quantity: int,
    purpose: str,
) -> Tariff:
    errors = period_errors(
        resource=resource, starts_at=starts_at, ends_at=ends_at, now=timezone.now()
    )
    tariff = next((t for t in resource.tariffs.all() if t.category == category), None)
    if tariff is None:
        label = dict(TariffCategory.choices).get(category, category)
        errors["category"] = [
            _("%(name)s cannot be booked at the rate “%(category)s”.")
            % {"name": resource.name, "category": label}
        ]
    if resource.is_equipment and not 1 <= quantity <= resource.quantity:
        errors["quantity"] = [_("Choose between 1 and %(total)s.") % {"total": resource.quantity}]
    if not resource.is_equipment and quantity != 1:
        errors["quantity"] = [_("%(name)s is booked whole.") % {"name": resource.name}]
    if len(purpose) > 200:
        errors["purpose"] = [_("Say what it is for in at most 200 characters.")]
    if errors:
        raise ValidationError(errors)
    assert tariff is not None
    return tariff


def _units_take(booking: Booking, resource: Resource) -> None:
    free = list(units_free(resource=resource, starts_at=booking.starts_at, ends_at=booking.ends_at))
    refusal = ValidationError(
        {
            "quantity": _("Only %(free)s of %(total)s are free in this period.")
            % {"free": len(free), "total": resource.quantity}
        },
        code="overlap",
    )
    if len(free) < booking.quantity:
        raise refusal
    try:
        with transaction.atomic():
            BookingUnit.objects.bulk_create(
                BookingUnit(
                    booking=booking, unit=u, starts_at=booking.starts_at, ends_at=booking.ends_at
                )
                for u in free[: booking.quantity]
            )
    except IntegrityError as error:  # taken at the same moment by someone else
        if _constraint_of(error) not in OVERLAP_CONSTRAINTS:
            raise
        raise refusal from error


def _payment_ask(actor: Actor, booking: Booking, person: Person) -> PaymentRequest | None:
    if booking.total_cents == 0:
        return None
    descriptions = {}
    for code in ("nl", "fr", "en"):
        with override(code):
            text = _("Booking %(name)s %(period)s") % {
                "name": booking.resource.name_in(code)[:60],
                "period": period_text(booking, code),
            }
        descriptions[code] = text[:140]
    today = timezone.localdate()
    start_day = timezone.localtime(booking.starts_at).date()
    due = max(today, min(start_day - dt.timedelta(days=1), today + dt.timedelta(days=14)))
    return payment_request_create(
        actor=actor,
        municipality=booking.municipality,
        payer=person,
        subject_type=SUBJECT_TYPE,
        subject_id=booking.pk,
        description=descriptions["nl"],
        descriptions=descriptions,
        amount_cents=booking.total_cents,
        due_date=due,
    )


@transaction.atomic
def booking_request(
    *,
    actor: Actor,
    resource_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    category: str,
    quantity: int = 1,
    purpose: str = "",
) -> Booking:
    """A resident books a resource for themselves. Bad input raises a ValidationError per
    field and writes nothing; an overlap with a holding booking is refused by the
    database and reported the same way."""
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    resource = resource_get_public(resource_id=resource_id)
    purpose = " ".join(purpose.split())
    tariff = _rules_check(
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        category=category,
        quantity=quantity,
        purpose=purpose,
    )
    person = Person.objects.get(pk=actor.person_id)
    price, deposit = price_of(
        resource=resource, tariff=tariff, starts_at=starts_at, ends_at=ends_at, quantity=quantity
    )
    status = BookingStatus.REQUESTED if resource.requires_approval else BookingStatus.APPROVED
    booking = Booking(
        region_id=resource.region_id,
        municipality=resource.municipality,
        resource=resource,
        person=person,
        category=category,
        quantity=quantity,
        is_exclusive=not resource.is_equipment,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose,
        status=status,
        price_cents=price,
        deposit_cents=deposit,
    )
    _resource_lock(resource)
    try:
        with transaction.atomic():
            booking.save(force_insert=True)
    except IntegrityError as error:
        if _constraint_of(error) not in OVERLAP_CONSTRAINTS:
            raise
        raise ValidationError({"starts_at": overlap_message(resource)}, code="overlap") from error
    if resource.is_equipment:
        _units_take(booking, resource)
    booking.payment_request = _payment_ask(actor, booking, person)
    if booking.payment_request is not None:
        booking.save(update_fields=["payment_request"])
    event = booking_event_append(
        booking=booking,
        kind=BookingEventKind.REQUESTED
        if status == BookingStatus.REQUESTED
        else BookingEventKind.BOOKED,
        actor=actor,
        to_status=status,
    )
    booking_status_notify(booking=booking, event=event)
    return booking


def _release(booking: Booking, actor: Actor, reason: str) -> None:
    """The booking stopped holding: its units go back and its payment is called off."""
    BookingUnit.objects.filter(booking=booking).delete()
    request = booking.payment_request
    if request is None:
        return
    if payment_request_cancel_for_subject(
        payment_request=request, subject_type=SUBJECT_TYPE, subject_id=booking.pk, reason=reason
    ):
        return
    if request.net_paid_cents > 0:
        booking_event_append(
            booking=booking,
            kind=BookingEventKind.REFUND_DUE,
            actor=actor,
            message=_("Paid € %(amount)s: to be refunded through the payment request.")
            % {"amount": f"{request.net_paid_cents / 100:.2f}".replace(".", ",")},
        )


@transaction.atomic
def booking_transition(
    *, actor: Actor, booking_id: int, to_status: str, reason: str = ""
) -> Booking:
    """Approve, refuse or cancel. The requester cancels their own booking before it
    starts; staff with resources.handle decide and cancel (with a reason)."""
    booking = booking_get_visible(actor=actor, booking_id=booking_id)
    own = actor.is_resident and booking.person_id == actor.person_id
    party = Party.REQUESTER if own else Party.STAFF
    if to_status not in BookingStatus.values:
        raise LIFECYCLE.refuse(booking.status, to_status, party)
    reason = reason.strip()
    event: BookingEvent = transition_apply(
        LIFECYCLE,
        instance=booking,
        target=to_status,
        party=party,
        actor=actor,
        reason=reason,
        history=lambda transition, source: booking_event_append(
            booking=booking,
            kind=BookingEventKind.STATUS_CHANGED,
            actor=actor,
            message=reason,
            from_status=source,
            to_status=transition.target,
        ),
        changes={"updated_at": timezone.now()},
    )
    if booking.status not in HOLDING_STATUSES:
        _release(booking, actor, reason or str(BookingStatus(booking.status).label))
    booking_status_notify(booking=booking, event=event)
    return booking


def booking_payment_completed(request: PaymentRequest) -> None:
    """The payments domain calls this when a booking's payment request is paid in full."""
    booking = Booking.objects.filter(pk=int(request.subject_id)).first()
    if booking is not None:
        booking_event_append(booking=booking, kind=BookingEventKind.PAID, actor=None)
