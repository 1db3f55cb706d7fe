"""Registering a child: the seat or the waiting list, in one short transaction.

A parent registers a child of their own household (from the register: "only once"). The
request gets an arrival number from a sequence when it comes in; the waiting list is in
that order. A free seat is taken only when nobody is waiting, so a place that comes free
goes to the waiting list first (services/waiting.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.activities.history import registration_event_append
from loket.activities.models import Period, Registration, RegistrationChannel
from loket.activities.notifications import (
    registration_confirmed_notify,
    registration_waiting_notify,
)
from loket.activities.services.payment import payment_ask_defer, payment_deadline
from loket.activities.services.rules import child_fits_check, price_for, window_check
from loket.activities.services.seats import seat_take_free, someone_waiting
from loket.activities.workflow import ACTIVE_STATUSES, HOLDING_STATUSES, RegistrationStatus
from loket.people.models import Person
from loket.people.selectors import address_current, household_of, person_get_visible
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

MAX_IDEMPOTENCY_KEY_LENGTH = 100
# Where staff register for a parent, and whose register they may look a parent up in.
STAFF_CHANNELS = (RegistrationChannel.COUNTER, RegistrationChannel.PHONE)
PEOPLE_SCOPE = Permission.PEOPLE_SEARCH


class IdempotencyConflict(ValidationError):
    """The idempotency key was used before for another registration."""


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool


def idempotency_key_clean(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise ValidationError(
            {"idempotency_key": _("Give an idempotency key of 1 to 100 characters.")}
        )
    return key


def _earlier(scope: str, key: str, period_id: int, child_id: int) -> Registration | None:
    existing = Registration.objects.filter(idempotency_scope=scope, idempotency_key=key).first()
    if existing is not None and (existing.period_id, existing.child_id) != (period_id, child_id):
        raise IdempotencyConflict(
            _("This idempotency key was used for another registration."),
            code="idempotency_conflict",
        )
    return existing


def child_of_parent(*, parent: Person, child_id: int) -> Person:
    """A child of the parent's household in the register, else 404 (as for nobody)."""
    for child in household_of(person=parent)["children"]:
        if child.pk == child_id:
            return child
    raise Http404


def is_resident_of(person: Person, municipality_id: int) -> bool:
    address = address_current(person=person)
    municipality_id_now = address.municipality_id if address is not None else person.municipality_id
    return municipality_id_now == municipality_id


def waiting_rank(registration: Registration) -> int:
    """1 for the first on the waiting list."""
    return (
        Registration.objects.filter(
            period_id=registration.period_id,
            status=RegistrationStatus.WAITING,
            arrival__lt=registration.arrival,
        ).count()
        + 1
    )


def _arrival_next() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('activities_arrival')")
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def _open_period(period_id: int) -> Period:
    period = (
        Period.objects.select_related("activity", "municipality")
        .filter(pk=period_id, activity__is_published=True)
        .first()
    )
    if period is None:
        raise Http404
    return period


@transaction.atomic
def registration_create(
    *,
    actor: Actor,
    period_id: int,
    child_id: int,
    idempotency_key: str,
    social_tariff: bool = False,
    now: dt.datetime | None = None,
) -> RegistrationResult:
    """Register a child of the signed-in parent for a period: confirmed when a seat is
    free and nobody waits, else on the waiting list. The same idempotency key returns the
    registration made the first time."""
    arrival = _arrival_next()  # taken first: the moment the request arrived
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    key = idempotency_key_clean(idempotency_key)
    scope = f"person:{actor.person_id}"
    earlier = _earlier(scope, key, period_id, child_id)
    if earlier is not None:
        return RegistrationResult(earlier, created=False)
    period = _open_period(period_id)
    parent = Person.objects.get(pk=actor.person_id)
    return _register(
        actor=actor,
        arrival=arrival,
        scope=scope,
        key=key,
        period=period,
        parent=parent,
        child_id=child_id,
        social_tariff=social_tariff,
        channel=RegistrationChannel.ONLINE,
        now=now or timezone.now(),
    )


@transaction.atomic
def registration_create_for_parent(
    *,
    actor: Actor,
    parent_id: int,
    period_id: int,
    child_id: int,
    idempotency_key: str,
    channel: str,
    social_tariff: bool = False,
    now: dt.datetime | None = None,
) -> RegistrationResult:
    """Staff register a child of a parent's household at the counter or on the phone, by
    the same rules and at the same price as the parent online. The parent is resolved
    through the actor's register scope (people.search: a resident of their municipality)
    and the period among the activities of municipalities where the actor holds
    activities.register: anything else answers 404, like an id nobody has. The channel
    and the staff member (in the history) are recorded; the parent is told as online."""
    arrival = _arrival_next()  # taken first: the moment the request arrived
    if actor.user is None or not actor.is_staff:
        raise PermissionDenied
    if channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": _("Choose the counter or the phone.")})
    key = idempotency_key_clean(idempotency_key)
    scope = f"staff:{actor.user.pk}"
    parent = person_get_visible(actor=actor, person_id=parent_id, permission=PEOPLE_SCOPE)
    earlier = _earlier(scope, key, period_id, child_id)
    if earlier is not None:
        return RegistrationResult(earlier, created=False)
    period = _open_period(period_id)
    if not actor.has(Permission.ACTIVITIES_REGISTER, period.municipality_id):
        raise Http404
    return _register(
        actor=actor,
        arrival=arrival,
        scope=scope,
        key=key,
        period=period,
        parent=parent,
        child_id=child_id,
        social_tariff=social_tariff,
        channel=channel,
        now=now or timezone.now(),
    )


def _register(
    *,
    actor: Actor,
    arrival: int,
    scope: str,
    key: str,
    period: Period,
    parent: Person,
    child_id: int,
    social_tariff: bool,
    channel: str,
    now: dt.datetime,
) -> RegistrationResult:
    """The rules, the price and the seat or the waiting list, whoever registers."""
    activity = period.activity
    child = child_of_parent(parent=parent, child_id=child_id)
    resident = is_resident_of(parent, activity.municipality_id)
    window_check(activity=activity, is_resident=resident, now=now)
    child_fits_check(activity=activity, period=period, birth_date=child.birth_date)
    if Registration.objects.filter(period=period, child=child, status__in=ACTIVE_STATUSES).exists():
        earlier = _earlier(scope, key, period.pk, child_id)  # a retry that lost the race
        if earlier is not None:
            return RegistrationResult(earlier, created=False)
        raise ValidationError(
            {"child_id": _("This child is already registered for this period.")},
            code="duplicate",
        )
    second_child = (
        Registration.objects.filter(activity=activity, parent=parent, status__in=HOLDING_STATUSES)
        .exclude(child=child)
        .exists()
    )
    price, reductions = price_for(
        activity=activity,
        is_resident=resident,
        social_tariff=social_tariff,
        is_second_child=second_child,
    )
    registration = Registration(
        municipality_id=activity.municipality_id,
        activity=activity,
        period=period,
        child=child,
        parent=parent,
        arrival=arrival,
        is_resident=resident,
        social_tariff=social_tariff,
        price_cents=price,
        reductions=reductions,
        channel=channel,
        idempotency_scope=scope,
        idempotency_key=key,
    )
    try:
        with transaction.atomic():  # a savepoint: a refused insert gives the seat back
            seat_id = None if someone_waiting(period.pk) else seat_take_free(period.pk)
            registration.seat_id = seat_id
            registration.status = (
                RegistrationStatus.CONFIRMED if seat_id is not None else RegistrationStatus.WAITING
            )
            if seat_id is not None:
                registration.payment_due_at = payment_deadline(
                    activity=activity, price_cents=price, confirmed_at=now
                )
            registration.save(force_insert=True)
    except IntegrityError as error:
        return _insert_refused(error, scope, key, period.pk, child_id)
    return RegistrationResult(_registered(registration, actor), created=True)


def _insert_refused(
    error: IntegrityError, scope: str, key: str, period_id: int, child_id: int
) -> RegistrationResult:
    """A concurrent request won: the same key (return its registration) or the same child."""
    earlier = _earlier(scope, key, period_id, child_id)  # committed by now (we waited on it)
    if earlier is not None:
        return RegistrationResult(earlier, created=False)
    if "registration_child_once_per_period" in str(error):
        raise ValidationError(
            {"child_id": _("This child is already registered for this period.")},
            code="duplicate",
        )
    raise error


def _registered(registration: Registration, actor: Actor) -> Registration:
    """History, payment request and message of a new registration."""
    registration_event_append(
        registration=registration,
        kind="created",
        actor=actor,
        to_status=registration.status,
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        payment_ask_defer(registration=registration)
        registration_confirmed_notify(registration=registration)
    else:
        registration_waiting_notify(registration=registration, rank=waiting_rank(registration))
    return registration
