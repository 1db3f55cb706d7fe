"""Setting up offices: what a municipality's administrator does in the back office (offices,
opening hours, special hours, closures, desks and their shifts, the products an office
takes appointments for, a desk's calendar feed). Every write checks appointments.manage
in the office's municipality."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from loket.appointments.models import (
    Closure,
    Desk,
    DeskShift,
    Office,
    OfficeProduct,
    OpeningHours,
    SpecialHours,
)
from loket.appointments.selectors import (
    appointments_booked_between,
    office_lock_exclusive,
    token_hash,
)
from loket.appointments.services.closures import appointments_cancel_for_closure
from loket.catalog.models import Product
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

# How long a desk's calendar feed address works (`LOKET_APPOINTMENTS_FEED_DAYS`).
FEED_DAYS_DEFAULT = 180

# (weekday 0 = Monday, from, until)
WeeklyPeriod = tuple[int, dt.time, dt.time]

OFFICE_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "address_street",
    "address_postal_code",
    "address_locality",
    "latitude",
    "longitude",
    "accessibility_nl",
    "accessibility_fr",
    "accessibility_en",
    "closed_on_public_holidays",
    "slot_minutes",
    "booking_days_ahead",
    "is_active",
)
OFFICE_PRODUCT_FIELDS = (
    "duration_minutes",
    "bring_nl",
    "bring_fr",
    "bring_en",
    "max_open_per_person",
    "is_active",
)


def _configure_check(actor: Actor, municipality_id: int) -> None:
    if not actor.has(Permission.APPOINTMENTS_MANAGE, municipality_id):
        raise PermissionDenied


def _periods_check(periods: Iterable[WeeklyPeriod], field: str) -> list[WeeklyPeriod]:
    cleaned = sorted(periods)
    for index, (weekday, begins, ends) in enumerate(cleaned):
        if not 0 <= weekday <= 6:
            raise ValidationError({field: gettext("Choose a day of the week.")})
        if begins >= ends:
            raise ValidationError({field: gettext("A period must end after it starts.")})
        if index and cleaned[index - 1][0] == weekday and cleaned[index - 1][2] > begins:
            raise ValidationError({field: gettext("Two periods of one day overlap.")})
    return cleaned


def _office_values_check(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not str(values.get("name_nl", "")).strip():
        errors["name_nl"] = gettext("Give the office a name.")
    postal = str(values.get("address_postal_code", ""))
    if not (len(postal) == 4 and postal.isdigit()):
        errors["address_postal_code"] = gettext("A Belgian postal code has four digits.")
    slot = values.get("slot_minutes", 15)
    if not 5 <= int(slot) <= 240:
        errors["slot_minutes"] = gettext("Between 5 and 240 minutes.")
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        errors["latitude"] = gettext("Give both coordinates, or neither.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def office_create(*, actor: Actor, municipality: Municipality, **values: Any) -> Office:
    _configure_check(actor, municipality.pk)
    unknown = set(values) - set(OFFICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown office fields: {sorted(unknown)}")
    _office_values_check(values)
    return Office.objects.create(municipality=municipality, **values)


@transaction.atomic
def office_update(*, actor: Actor, office: Office, **values: Any) -> Office:
    _configure_check(actor, office.municipality_id)
    unknown = set(values) - set(OFFICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown office fields: {sorted(unknown)}")
    merged = {name: getattr(office, name) for name in OFFICE_FIELDS} | values
    _office_values_check(merged)
    locked = Office.objects.select_for_update().get(pk=office.pk)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(values))
    return locked


@transaction.atomic
def opening_hours_set(
    *, actor: Actor, office: Office, periods: Sequence[WeeklyPeriod]
) -> list[OpeningHours]:
    """Replace the office's weekly opening hours."""
    _configure_check(actor, office.municipality_id)
    cleaned = _periods_check(periods, "opening_hours")
    OpeningHours.objects.filter(office=office).delete()
    return OpeningHours.objects.bulk_create(
        OpeningHours(office=office, weekday=w, opens_at=b, closes_at=e) for w, b, e in cleaned
    )


@transaction.atomic
def special_hours_add(
    *, actor: Actor, office: Office, date: dt.date, opens_at: dt.time, closes_at: dt.time
) -> SpecialHours:
    _configure_check(actor, office.municipality_id)
    if opens_at >= closes_at:
        raise ValidationError({"closes_at": gettext("A period must end after it starts.")})
    return SpecialHours.objects.create(
        office=office, date=date, opens_at=opens_at, closes_at=closes_at
    )


@transaction.atomic
def special_hours_remove(*, actor: Actor, office: Office, special_hours_id: int) -> None:
    _configure_check(actor, office.municipality_id)
    SpecialHours.objects.filter(office=office, pk=special_hours_id).delete()


@dataclass(frozen=True)
class ClosureAdded:
    closure: Closure
    cancelled: int  # appointments of those days cancelled (each resident told)


@transaction.atomic
def closure_add(
    *,
    actor: Actor,
    office: Office,
    first_day: dt.date,
    last_day: dt.date,
    reason_nl: str = "",
    reason_fr: str = "",
    reason_en: str = "",
    cancel_booked: bool = False,
) -> ClosureAdded:
    """Close the office for some days. Appointments already booked in those days (still to
    come) are cancelled and each resident is told why, on their channel: only when
    `cancel_booked` says so; otherwise a closure that would hit any is refused with their
    number (`appointments_booked`), so nobody cancels appointments without knowing."""
    _configure_check(actor, office.municipality_id)
    if first_day > last_day:
        raise ValidationError({"last_day": gettext("The last day cannot be before the first.")})
    # Bookings in flight finish first and new ones wait for this closure (`_slot_find`).
    office_lock_exclusive(office_id=office.pk)
    booked = len(
        appointments_booked_between(
            office=office, first_day=first_day, last_day=last_day, since=timezone.now()
        )
    )
    if booked and not cancel_booked:
        raise ValidationError(
            {
                "cancel_booked": ngettext(
                    "%(count)d appointment is booked in these days. Tick the box to cancel "
                    "it and tell the resident, or choose other days.",
                    "%(count)d appointments are booked in these days. Tick the box to cancel "
                    "them and tell each resident, or choose other days.",
                    booked,
                )
                % {"count": booked}
            },
            code="appointments_booked",
        )
    closure = Closure.objects.create(
        office=office,
        first_day=first_day,
        last_day=last_day,
        reason_nl=reason_nl,
        reason_fr=reason_fr,
        reason_en=reason_en,
    )
    return ClosureAdded(
        closure=closure, cancelled=appointments_cancel_for_closure(actor=actor, closure=closure)
    )


@transaction.atomic
def closure_remove(*, actor: Actor, office: Office, closure_id: int) -> None:
    _configure_check(actor, office.municipality_id)
    Closure.objects.filter(office=office, pk=closure_id).delete()


def _products_resolve(office: Office, product_ids: Iterable[int]) -> list[Product]:
    wanted = set(product_ids)
    products = list(Product.objects.filter(pk__in=wanted))
    if len(products) != len(wanted):
        raise ValidationError({"products": gettext("Choose products from the catalogue.")})
    return products


@transaction.atomic
def desk_create(
    *, actor: Actor, office: Office, name: str, product_ids: Iterable[int] = ()
) -> Desk:
    _configure_check(actor, office.municipality_id)
    if not name.strip():
        raise ValidationError({"name": gettext("Give the desk a name.")})
    if Desk.objects.filter(office=office, name=name.strip()).exists():
        raise ValidationError({"name": gettext("This office already has a desk with that name.")})
    desk = Desk.objects.create(municipality_id=office.municipality_id, office=office, name=name)
    desk.products.set(_products_resolve(office, product_ids))
    return desk


@transaction.atomic
def desk_update(
    *, actor: Actor, desk: Desk, name: str, is_active: bool, product_ids: Iterable[int]
) -> Desk:
    _configure_check(actor, desk.municipality_id)
    if not name.strip():
        raise ValidationError({"name": gettext("Give the desk a name.")})
    if Desk.objects.filter(office_id=desk.office_id, name=name.strip()).exclude(pk=desk.pk):
        raise ValidationError({"name": gettext("This office already has a desk with that name.")})
    products = _products_resolve(desk.office, product_ids)
    Desk.objects.filter(pk=desk.pk).update(name=name.strip(), is_active=is_active)
    desk.refresh_from_db()
    desk.products.set(products)
    return desk


@transaction.atomic
def desk_shifts_set(*, actor: Actor, desk: Desk, shifts: Sequence[WeeklyPeriod]) -> list[DeskShift]:
    """Replace when the desk is on duty."""
    _configure_check(actor, desk.municipality_id)
    cleaned = _periods_check(shifts, "shifts")
    DeskShift.objects.filter(desk=desk).delete()
    return DeskShift.objects.bulk_create(
        DeskShift(desk=desk, weekday=w, starts_at=b, ends_at=e) for w, b, e in cleaned
    )


@transaction.atomic
def desk_feed_token_renew(*, actor: Actor, desk: Desk) -> str:
    """A new secret address for the desk's calendar feed (the old one stops working), valid
    for `LOKET_APPOINTMENTS_FEED_DAYS` days (default 180). Returns the token; only its hash
    is stored, with the moment it expires (set on `desk`)."""
    if not actor.has(Permission.APPOINTMENTS_VIEW, desk.municipality_id):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    days = int(getattr(settings, "LOKET_APPOINTMENTS_FEED_DAYS", FEED_DAYS_DEFAULT))
    desk.feed_token_hash = token_hash(token)
    desk.feed_token_expires_at = timezone.now() + dt.timedelta(days=days)
    Desk.objects.filter(pk=desk.pk).update(
        feed_token_hash=desk.feed_token_hash, feed_token_expires_at=desk.feed_token_expires_at
    )
    return token


@transaction.atomic
def desk_feed_stop(*, actor: Actor, desk: Desk) -> None:
    """The desk's calendar feed address stops working at once (a lost phone, a staff member
    who left)."""
    if not actor.has(Permission.APPOINTMENTS_VIEW, desk.municipality_id):
        raise PermissionDenied
    desk.feed_token_hash, desk.feed_token_expires_at = "", None
    Desk.objects.filter(pk=desk.pk).update(feed_token_hash="", feed_token_expires_at=None)


@transaction.atomic
def office_product_set(
    *, actor: Actor, office: Office, product: Product, **values: Any
) -> OfficeProduct:
    """Take appointments for `product` at `office` (or change how)."""
    _configure_check(actor, office.municipality_id)
    unknown = set(values) - set(OFFICE_PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    duration = int(values.get("duration_minutes", 15))
    if not 5 <= duration <= 480:
        raise ValidationError({"duration_minutes": gettext("Between 5 and 480 minutes.")})
    if int(values.get("max_open_per_person", 1)) < 1:
        raise ValidationError({"max_open_per_person": gettext("At least 1.")})
    row, _created = OfficeProduct.objects.update_or_create(
        office=office,
        product=product,
        defaults={"municipality_id": office.municipality_id, **values},
    )
    return row
