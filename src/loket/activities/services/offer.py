"""The back office's configuration of the offer: activities, their periods and places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.activities.models import Activity, ActivityKind, Period, Registration, Seat
from loket.activities.services.waiting import free_seats_offer
from loket.activities.workflow import HOLDING_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

MAX_CAPACITY = 10_000
MAX_PAYMENT_DAYS = 90
LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class ActivityFields:
    kind: str
    # {"nl": …, "fr": …, "en": …}: at least one title; a missing language falls back.
    titles: Mapping[str, str]
    descriptions: Mapping[str, str]
    location: str
    age_min: int | None
    age_max: int | None
    school_year_min: int | None
    school_year_max: int | None
    price_resident_cents: int
    price_non_resident_cents: int
    social_reduction_percent: int
    sibling_reduction_percent: int
    opens_residents_at: dt.datetime
    opens_everyone_at: dt.datetime
    closes_at: dt.datetime
    offer_hours: int
    is_published: bool
    payment_days: int = 7


def _require(actor: Actor, municipality_id: int) -> None:
    if not actor.has(Permission.ACTIVITIES_MANAGE, municipality_id):
        raise PermissionDenied


def _titles_check(titles: Mapping[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not any(titles.get(code, "").strip() for code in LANGUAGES):
        errors["title_nl"] = _("Give the title in at least one language.")
    for code in LANGUAGES:
        if len(titles.get(code, "")) > 140:
            errors[f"title_{code}"] = _("A title has at most 140 characters.")
    return errors


def _fields_check(fields: ActivityFields) -> dict[str, str]:
    errors: dict[str, str] = {}
    if fields.kind not in ActivityKind.values:
        errors["kind"] = _("Choose a kind of activity.")
    errors.update(_titles_check(fields.titles))
    for name in ("price_resident_cents", "price_non_resident_cents"):
        value = getattr(fields, name)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000:
            errors[name] = _("A price is between € 0 and € 100.000.")
    for name in ("social_reduction_percent", "sibling_reduction_percent"):
        if not 0 <= getattr(fields, name) <= 100:
            errors[name] = _("A reduction is between 0 and 100 %.")
    if (
        fields.age_min is not None
        and fields.age_max is not None
        and fields.age_min > fields.age_max
    ):
        errors["age_max"] = _("The maximum age cannot be below the minimum age.")
    if (
        fields.school_year_min is not None
        and fields.school_year_max is not None
        and fields.school_year_min > fields.school_year_max
    ):
        errors["school_year_max"] = _("The last school year cannot be before the first.")
    if fields.opens_residents_at > fields.opens_everyone_at:
        errors["opens_everyone_at"] = _("Residents cannot start later than everyone else.")
    if fields.opens_everyone_at >= fields.closes_at:
        errors["closes_at"] = _("Registration must close after it opens.")
    return errors | _times_check(fields)


def _times_check(fields: ActivityFields) -> dict[str, str]:
    """The time to accept an offered place and the time to pay for a confirmed one."""
    errors: dict[str, str] = {}
    if not 1 <= fields.offer_hours <= 720:
        errors["offer_hours"] = _("Give between 1 and 720 hours to accept an offered place.")
    if not 0 <= fields.payment_days <= MAX_PAYMENT_DAYS:
        errors["payment_days"] = _(
            "Give between 0 and %(days)d days to pay for a place (0: never released)."
        ) % {"days": MAX_PAYMENT_DAYS}
    return errors


@transaction.atomic
def activity_save(
    *,
    actor: Actor,
    municipality: Municipality,
    fields: ActivityFields,
    activity_id: int | None = None,
) -> Activity:
    """Create an activity, or change one of the same municipality."""
    _require(actor, municipality.pk)
    errors = _fields_check(fields)
    if errors:
        raise ValidationError(errors)
    if activity_id is None:
        activity = Activity(municipality=municipality)
    else:
        activity = Activity.objects.select_for_update().get(
            pk=activity_id, municipality=municipality
        )
    for name, value in vars(fields).items():
        if name in {"titles", "descriptions"}:
            continue
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    for code in LANGUAGES:
        setattr(activity, f"title_{code}", fields.titles.get(code, "").strip())
        setattr(activity, f"description_{code}", fields.descriptions.get(code, "").strip())
    activity.save()
    return activity


def _capacity_check(capacity: object) -> int:
    if (
        not isinstance(capacity, int)
        or isinstance(capacity, bool)
        or not 0 <= capacity <= MAX_CAPACITY
    ):
        raise ValidationError({"capacity": _("Give a number of places from 0 to 10000.")})
    return capacity


@transaction.atomic
def period_add(
    *,
    actor: Actor,
    activity: Activity,
    label: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
) -> Period:
    """Add a week or a course with its places to an activity."""
    _require(actor, activity.municipality_id)
    errors: dict[str, str] = {}
    if not label.strip() or len(label) > 100:
        errors["label"] = _("Give a label of 1 to 100 characters.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The last day cannot be before the first day.")
    try:
        _capacity_check(capacity)
    except ValidationError as error:
        errors["capacity"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    period = Period.objects.create(
        activity=activity,
        municipality_id=activity.municipality_id,
        label=label.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
    )
    Seat.objects.bulk_create(Seat(period=period, number=n) for n in range(1, capacity + 1))
    return period


@transaction.atomic
def period_capacity_set(*, actor: Actor, period: Period, capacity: int) -> Period:
    """More places (new seats) or fewer (free seats removed, never below the places held)."""
    _require(actor, period.municipality_id)
    _capacity_check(capacity)
    locked = Period.objects.select_for_update().get(pk=period.pk)
    held = Registration.objects.filter(period=locked, status__in=HOLDING_STATUSES).count()
    if capacity < held:
        raise ValidationError(
            {"capacity": _("%(held)s places are taken; give at least that many.") % {"held": held}}
        )
    seats = Seat.objects.filter(period=locked)
    current = seats.count()
    if capacity > current:
        last = seats.aggregate(last=Max("number"))["last"] or 0
        Seat.objects.bulk_create(
            Seat(period=locked, number=last + n) for n in range(1, capacity - current + 1)
        )
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        free_seats_offer(locked.pk, timezone.now())  # new places go to the waiting list first
    elif capacity < current:
        free = seats.select_for_update().filter(is_taken=False).order_by("-number")
        ids = list(free.values_list("pk", flat=True)[: current - capacity])
        if len(ids) < current - capacity:
            raise ValidationError({"capacity": _("Places are being taken; try again.")})
        Seat.objects.filter(pk__in=ids).delete()
    locked.capacity = capacity
    locked.save(update_fields=["capacity"])
    period.capacity = capacity
    return locked
