"""Giving places back and the waiting list.

A place given back (a cancellation, an offer declined or expired, a confirmed place not
paid in time) goes straight to the first on the waiting list, in arrival order, who gets
`offer_hours` to accept it; a job lets the offer expire and passes the seat on. Only when
nobody waits is the seat free again for new registrations. A periodic sweep catches what
a race left behind (a seat freed while someone joined the list at that very moment) and
releases the places not paid by their deadline.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.activities.history import registration_event_append
from loket.activities.models import Period, Registration, Seat
from loket.activities.notifications import (
    place_offered_notify,
    place_released_notify,
    registration_confirmed_notify,
)
from loket.activities.services.payment import (
    SUBJECT_TYPE,
    payment_ask,
    payment_deadline,
    payment_withdraw,
)
from loket.activities.services.seats import seat_free
from loket.activities.workflow import (
    HOLDING_STATUSES,
    REGISTRATION_LIFECYCLE,
    RESIDENT,
    STAFF,
    SYSTEM,
    RegistrationStatus,
)
from loket.core.lifecycle import transition_check
from loket.payments.services import payment_request_cancel_for_subject
from loket.payments.workflow import OnlinePaymentStatus, PaymentStatus
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

EXPIRE_TASK = "activities.offer_expire"
QUEUE = "activities"
S = RegistrationStatus


@lru_cache(maxsize=1)
def _job_manager() -> manager.JobManager:
    return manager.JobManager(DjangoConnector())


def _expiry_defer(registration: Registration) -> None:
    deferrer = procrastinate_tasks.configure_task(
        name=EXPIRE_TASK,
        job_manager=_job_manager(),
        queue=QUEUE,
        schedule_at=registration.offer_expires_at,
    )
    with transaction.atomic():
        deferrer.defer(registration_id=registration.pk)


def _locked(registration_id: int) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("activity", "period", "municipality", "parent", "child", "payment_request")
        .get(pk=registration_id)
    )


def _move(
    registration: Registration,
    target: S,
    *,
    party: str,
    actor: Actor | None,
    reason: str = "",
    kind: str = "status",
) -> None:
    source = registration.status
    transition_check(
        REGISTRATION_LIFECYCLE,
        current=source,
        target=target,
        party=party,
        actor=actor,
        municipality_id=registration.municipality_id,
        reason=reason,
    )
    registration.status = target
    registration_event_append(
        registration=registration,
        kind=kind,
        actor=actor,
        from_status=source,
        to_status=target,
        note=reason,
    )


def _party_of(actor: Actor, registration: Registration) -> str:
    if actor.is_resident and actor.person_id == registration.parent_id:
        return RESIDENT
    if actor.has(Permission.ACTIVITIES_MANAGE, registration.municipality_id):
        return STAFF
    raise PermissionDenied


def seat_pass_on(*, seat_id: int, period_id: int, now: dt.datetime) -> Registration | None:
    """Offer the seat to the first on the waiting list, or free it when nobody waits."""
    head = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("activity", "period", "municipality", "parent", "child")
        .filter(period_id=period_id, status=S.WAITING)
        .order_by("arrival")
        .first()
    )
    if head is None:
        seat_free(seat_id)
        return None
    _move(head, S.OFFERED, party=SYSTEM, actor=None, kind="offered")
    head.seat_id = seat_id
    head.offer_expires_at = now + dt.timedelta(hours=head.activity.offer_hours)
    head.save(update_fields=["status", "seat", "offer_expires_at", "updated_at"])
    place_offered_notify(registration=head)
    _expiry_defer(head)
    return head


def _give_back(registration: Registration, now: dt.datetime) -> None:
    """Release the seat of a registration that no longer holds it."""
    seat_id = registration.seat_id
    registration.seat_id = None
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "seat", "offer_expires_at", "updated_at"])
    if seat_id is not None:
        seat_pass_on(seat_id=seat_id, period_id=registration.period_id, now=now)


@transaction.atomic
def registration_cancel(
    *, actor: Actor, registration_id: int, reason: str = "", now: dt.datetime | None = None
) -> Registration:
    """The parent (or staff with activities.manage) cancels; the place goes to the waiting
    list and an unpaid payment request is cancelled."""
    registration = _locked(registration_id)
    party = _party_of(actor, registration)
    held = registration.status in HOLDING_STATUSES
    _move(registration, S.CANCELLED, party=party, actor=actor, reason=reason.strip())
    if held:
        _give_back(registration, now or timezone.now())
    else:
        registration.save(update_fields=["status", "updated_at"])
    payment_withdraw(registration=registration)
    return registration


@transaction.atomic
def registration_offer_accept(
    *, actor: Actor, registration_id: int, now: dt.datetime | None = None
) -> Registration:
    """The parent accepts an offered place before the offer expires."""
    registration = _locked(registration_id)
    if not (actor.is_resident and actor.person_id == registration.parent_id):
        raise PermissionDenied
    now = now or timezone.now()
    if (
        registration.status == S.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at <= now
    ):
        raise ValidationError(_("This offer has expired."), code="expired")
    _move(registration, S.CONFIRMED, party=RESIDENT, actor=actor, kind="accepted")
    registration.offer_expires_at = None
    registration.payment_due_at = payment_deadline(
        activity=registration.activity, price_cents=registration.price_cents, confirmed_at=now
    )
    registration.save(update_fields=["status", "offer_expires_at", "payment_due_at", "updated_at"])
    payment_ask(registration=registration, actor=actor)
    registration_confirmed_notify(registration=registration)
    return registration


@transaction.atomic
def registration_offer_expire(
    *, registration_id: int, now: dt.datetime | None = None
) -> Registration | None:
    """Let an offer that was not accepted in time expire; the seat goes to the next."""
    now = now or timezone.now()
    registration = _locked(registration_id)
    if registration.status != S.OFFERED or (
        registration.offer_expires_at is not None and registration.offer_expires_at > now
    ):
        return None
    _move(registration, S.EXPIRED, party=SYSTEM, actor=None, kind="expired")
    _give_back(registration, now)
    return registration


# A checkout with the payment provider started this recently and still pending keeps the
# place: the parent may be paying right now (the next sweep looks again).
CHECKOUT_GRACE = dt.timedelta(hours=1)


def _unpaid(registration: Registration, now: dt.datetime) -> bool:
    """Asked to pay, nothing paid, and no online payment under way."""
    request = registration.payment_request
    if request is None or registration.paid_at is not None:
        return False  # never asked (the job will ask), or paid
    if request.status != PaymentStatus.OPEN or request.net_paid_cents != 0:
        return False  # (partly) paid: staff settle it
    return not request.online_payments.filter(
        status=OnlinePaymentStatus.PENDING, created_at__gt=now - CHECKOUT_GRACE
    ).exists()


@transaction.atomic
def registration_release_unpaid(
    *, registration_id: int, now: dt.datetime | None = None
) -> Registration | None:
    """A confirmed place still unpaid at its payment deadline, before its period starts,
    is released: the payment request is cancelled, the seat goes to the first on the
    waiting list (or is free again) and the parent is told. None when it does not apply
    (paid meanwhile, not yet due, an online payment under way)."""
    now = now or timezone.now()
    registration = _locked(registration_id)
    if (
        registration.status != S.CONFIRMED
        or registration.payment_due_at is None
        or registration.payment_due_at > now
        or registration.period.starts_on <= timezone.localdate(now)
        or not _unpaid(registration, now)
    ):
        return None
    reason = _("Not paid in time: the place went to the waiting list.")
    assert registration.payment_request is not None  # checked by _unpaid
    if not payment_request_cancel_for_subject(  # locks the request: paid meanwhile, keep it
        payment_request=registration.payment_request,
        subject_type=SUBJECT_TYPE,
        subject_id=registration.pk,
        reason=reason,
    ):
        return None
    _move(registration, S.RELEASED, party=SYSTEM, actor=None, kind="released")
    _give_back(registration, now)
    place_released_notify(registration=registration)
    return registration


def registrations_release_unpaid(*, now: dt.datetime | None = None) -> int:
    """Release every confirmed place whose payment deadline has passed unpaid (each in its
    own transaction); returns how many."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=S.CONFIRMED,
        paid_at__isnull=True,
        payment_due_at__lte=now,
        period__starts_on__gt=timezone.localdate(now),
    )
    return sum(
        registration_release_unpaid(registration_id=registration_id, now=now) is not None
        for registration_id in due.values_list("pk", flat=True)
    )


def registrations_sweep(*, now: dt.datetime | None = None) -> int:
    """Expire overdue offers, release places not paid in time and offer free seats of
    periods with a waiting list (what a job missed or a race left behind). Returns how many
    registrations moved."""
    now = now or timezone.now()
    moved = 0
    overdue = Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now)
    for registration_id in overdue.values_list("pk", flat=True):
        moved += registration_offer_expire(registration_id=registration_id, now=now) is not None
    moved += registrations_release_unpaid(now=now)
    waiting_periods = (
        Period.objects.filter(seats__is_taken=False, registrations__status=S.WAITING)
        .values_list("pk", flat=True)
        .distinct()
    )
    for period_id in waiting_periods:
        moved += free_seats_offer(period_id, now)
    return moved


@transaction.atomic
def free_seats_offer(period_id: int, now: dt.datetime) -> int:
    Period.objects.select_for_update().get(pk=period_id)  # one sweep per period at a time
    moved = 0
    while True:
        seat = (
            Seat.objects.select_for_update(skip_locked=True)
            .filter(period_id=period_id, is_taken=False)
            .order_by("number")
            .first()
        )
        if seat is None:
            return moved
        Seat.objects.filter(pk=seat.pk).update(is_taken=True)
        if seat_pass_on(seat_id=seat.pk, period_id=period_id, now=now) is None:
            return moved
        moved += 1
