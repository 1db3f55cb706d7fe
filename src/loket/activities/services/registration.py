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
from django.db.models import Model
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.activities.history import registration_event_append
from loket.activities.models import Activity, Period, Registration, RegistrationChannel
from loket.activities.notifications import (
    registration_confirmed_notify,
    registration_waiting_notify,
)
from loket.activities.services.payment import (
    payment_deadline,
    registered_follow_up_defer,
    registration_payment_ensure,
)
from loket.activities.services.rules import child_fits_check, price_for, window_check
from loket.activities.services.seats import seat_take_unless_waiting
from loket.activities.workflow import ACTIVE_STATUSES, HOLDING_STATUSES, RegistrationStatus
from loket.people.models import HouseholdRelation
from loket.people.selectors import person_get_visible
from loket.tenancy.access import Actor, ActorKind
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


def _columns(model: type[Model], alias: str) -> str:
    return ", ".join(f'{alias}."{field.column}"' for field in model._meta.concrete_fields)


# Everything a registration checks, read in one statement (the hot path of a rush: one
# round trip, nothing for the ORM to compile): the arrival number (taken now: the moment
# the request arrived), the registration an earlier try with the same idempotency key
# made, the published period and its activity, whether the child is the parent's in the
# register (the parent link `loket.people.selectors.household_of` reads as a child) and
# their birth date, the municipality the parent lives in (the current address, else the
# register's municipality), whether the child already holds or waits for this period, and
# whether the parent holds a place in this activity for another child (the second-child
# price). `tests/activities/test_registration.py` covers each rule.
_FACTS = f"""
SELECT
    nextval('activities_arrival'),
    (SELECT r.id FROM activities_registration r
     WHERE r.idempotency_scope = %(scope)s AND r.idempotency_key = %(key)s),
    EXISTS (SELECT 1 FROM people_householdlink l
            WHERE l.person_id = %(parent)s AND l.relative_id = %(child)s
              AND l.relation = %(parent_relation)s),
    (SELECT c.birth_date FROM people_person c WHERE c.id = %(child)s),
    COALESCE(
        (SELECT ad.municipality_id FROM people_address ad
         WHERE ad.person_id = %(parent)s AND ad.valid_until IS NULL
         ORDER BY ad.id LIMIT 1),
        (SELECT pe.municipality_id FROM people_person pe WHERE pe.id = %(parent)s)
    ),
    EXISTS (SELECT 1 FROM activities_registration r
            WHERE r.period_id = p.id AND r.child_id = %(child)s
              AND r.status = ANY(%(active)s)),
    EXISTS (SELECT 1 FROM activities_registration r
            WHERE r.activity_id = a.id AND r.parent_id = %(parent)s
              AND r.child_id <> %(child)s AND r.status = ANY(%(holding)s)),
    {_columns(Period, "p")},
    {_columns(Activity, "a")}
FROM activities_period p
JOIN activities_activity a ON a.id = p.activity_id AND a.is_published
WHERE p.id = %(period)s
"""
_FACT_COUNT = 7


@dataclass(frozen=True)
class _Facts:
    arrival: int
    earlier_id: int | None
    child_is_theirs: bool
    child_birth_date: dt.date | None
    parent_municipality_id: int | None
    duplicate: bool
    second_child: bool
    period: Period


def _facts(*, period_id: int, child_id: int, parent_id: int, scope: str, key: str) -> _Facts | None:
    """The facts of a registration, or None when the period is not open (not published)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _FACTS,
            {
                "scope": scope,
                "key": key,
                "parent": parent_id,
                "child": child_id,
                "period": period_id,
                "parent_relation": HouseholdRelation.PARENT.value,
                "active": list(ACTIVE_STATUSES),
                "holding": list(HOLDING_STATUSES),
            },
        )
        row = cursor.fetchone()
    if row is None:
        return None
    period_fields = [field.attname for field in Period._meta.concrete_fields]
    activity_fields = [field.attname for field in Activity._meta.concrete_fields]
    period_values = row[_FACT_COUNT : _FACT_COUNT + len(period_fields)]
    activity_values = row[_FACT_COUNT + len(period_fields) :]
    period = Period.from_db(connection.alias, period_fields, period_values)
    period.activity = Activity.from_db(connection.alias, activity_fields, activity_values)
    arrival, earlier_id, child_is_theirs, birth_date, municipality_id, duplicate, second = row[
        :_FACT_COUNT
    ]
    return _Facts(
        arrival=arrival,
        earlier_id=earlier_id,
        child_is_theirs=child_is_theirs,
        child_birth_date=birth_date,
        parent_municipality_id=municipality_id,
        duplicate=duplicate,
        second_child=second,
        period=period,
    )


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
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    key = idempotency_key_clean(idempotency_key)
    scope = f"person:{actor.person_id}"
    facts = _facts(
        period_id=period_id, child_id=child_id, parent_id=actor.person_id, scope=scope, key=key
    )
    return _register(
        actor=actor,
        facts=facts,
        scope=scope,
        key=key,
        period_id=period_id,
        parent_id=actor.person_id,
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
    and the staff member (in the history) are recorded; the parent is told as online.
    A municipality's integration (its counter system, through the API) may do the same
    with its token's grants."""
    if actor.user is not None and actor.is_staff:
        scope = f"staff:{actor.user.pk}"
    elif actor.kind is ActorKind.INTEGRATION and actor.api_client_id is not None:
        scope = f"api:{actor.api_client_id}"
    else:
        raise PermissionDenied
    if channel not in STAFF_CHANNELS:
        raise ValidationError({"channel": _("Choose the counter or the phone.")})
    key = idempotency_key_clean(idempotency_key)
    parent = person_get_visible(actor=actor, person_id=parent_id, permission=PEOPLE_SCOPE)
    facts = _facts(
        period_id=period_id, child_id=child_id, parent_id=parent.pk, scope=scope, key=key
    )
    if (
        facts is not None
        and facts.earlier_id is None
        and not actor.has(Permission.ACTIVITIES_REGISTER, facts.period.municipality_id)
    ):
        raise Http404
    return _register(
        actor=actor,
        facts=facts,
        scope=scope,
        key=key,
        period_id=period_id,
        parent_id=parent.pk,
        child_id=child_id,
        social_tariff=social_tariff,
        channel=channel,
        now=now or timezone.now(),
    )


def _register(
    *,
    actor: Actor,
    facts: _Facts | None,
    scope: str,
    key: str,
    period_id: int,
    parent_id: int,
    child_id: int,
    social_tariff: bool,
    channel: str,
    now: dt.datetime,
) -> RegistrationResult:
    """The rules, the price and the seat or the waiting list, whoever registers."""
    if facts is None or facts.earlier_id is not None:
        earlier = _earlier(scope, key, period_id, child_id)  # the same key: its registration
        if earlier is not None:
            return RegistrationResult(earlier, created=False)
        raise Http404  # no published period of that id
    if not facts.child_is_theirs:
        raise Http404  # as for nobody
    period = facts.period
    activity = period.activity
    resident = facts.parent_municipality_id == activity.municipality_id
    window_check(activity=activity, is_resident=resident, now=now)
    child_fits_check(activity=activity, period=period, birth_date=facts.child_birth_date)
    if facts.duplicate:
        earlier = _earlier(scope, key, period_id, child_id)  # a retry that lost the race
        if earlier is not None:
            return RegistrationResult(earlier, created=False)
        raise ValidationError(
            {"child_id": _("This child is already registered for this period.")},
            code="duplicate",
        )
    price, reductions = price_for(
        activity=activity,
        is_resident=resident,
        social_tariff=social_tariff,
        is_second_child=facts.second_child,
    )
    registration = Registration(
        municipality_id=activity.municipality_id,
        activity=activity,
        period=period,
        child_id=child_id,
        parent_id=parent_id,
        arrival=facts.arrival,
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
            seat_id = seat_take_unless_waiting(period.pk)
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
        return _insert_refused(error, scope, key, period_id, child_id)
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
    """History of a new registration, and the job that asks the payment of a confirmed
    place and sends the parent their message (deferred in this transaction, so it exists
    exactly when the registration does; kept out of the request, it does not slow a rush)."""
    registration_event_append(
        registration=registration,
        kind="created",
        actor=actor,
        to_status=registration.status,
    )
    registered_follow_up_defer(registration=registration)
    return registration


def registered_follow_up(*, registration_id: int) -> Registration | None:
    """The job of a new registration: the payment request of a confirmed place, then the
    message (confirmed, or waiting with the rank it has now). Run twice, it does nothing
    more: the payment is asked once and the message has an idempotency key."""
    registration = registration_payment_ensure(registration_id=registration_id)
    if registration.status == RegistrationStatus.CONFIRMED:
        registration_confirmed_notify(registration=registration)
    elif registration.status == RegistrationStatus.WAITING:
        registration_waiting_notify(registration=registration, rank=waiting_rank(registration))
    return registration
