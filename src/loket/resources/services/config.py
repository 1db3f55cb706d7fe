"""A municipality's administrator configures its resources: texts, kind, quantity, booking
rules, opening windows, tariffs per category and whether staff approve every booking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.resources.models import (
    BookingUnit,
    OpeningWindow,
    PriceUnit,
    Resource,
    ResourceKind,
    ResourceUnit,
    Tariff,
    TariffCategory,
)
from loket.resources.selectors import resource_get_visible
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

MAXIMUM_QUANTITY = 10_000


@dataclass(frozen=True)
class WindowSetting:
    weekday: int
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class TariffSetting:
    price_cents: int
    deposit_cents: int = 0


@dataclass(frozen=True)
class ResourceSettings:
    kind: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str] = field(default_factory=dict)
    location: str = ""
    capacity: int | None = None
    quantity: int = 1
    price_unit: str = PriceUnit.HOUR
    minimum_minutes: int = 60
    maximum_minutes: int = 480
    lead_minimum_hours: int = 24
    lead_maximum_days: int = 180
    requires_approval: bool = False
    is_active: bool = True
    windows: Sequence[WindowSetting] = ()
    tariffs: Mapping[str, TariffSetting] = field(default_factory=dict)


def _errors(settings: ResourceSettings) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if settings.kind not in ResourceKind.values:
        add("kind", _("Choose a kind of resource."))
    if not any(settings.names.get(code, "").strip() for code in ("nl", "fr", "en")):
        add("name_nl", _("Give the name in at least one language."))
    if any(len(settings.names.get(code, "")) > 120 for code in ("nl", "fr", "en")):
        add("name_nl", _("A name has at most 120 characters."))
    if not 1 <= settings.quantity <= MAXIMUM_QUANTITY:
        add("quantity", _("The quantity is between 1 and 10000."))
    elif settings.kind != ResourceKind.EQUIPMENT and settings.quantity != 1:
        add("quantity", _("A hall, room or lane is booked whole: its quantity is 1."))
    if settings.price_unit not in PriceUnit.values:
        add("price_unit", _("Choose per hour or per day."))
    if settings.minimum_minutes < 1:
        add("minimum_minutes", _("The shortest booking lasts at least one minute."))
    elif settings.maximum_minutes < settings.minimum_minutes:
        add("maximum_minutes", _("The longest booking cannot be shorter than the shortest."))
    if settings.lead_maximum_days * 24 < settings.lead_minimum_hours:
        add("lead_maximum_days", _("“At most ahead” cannot be sooner than “at least ahead”."))
    for name, messages in _schedule_errors(settings).items():
        errors.setdefault(name, []).extend(messages)
    return errors


def _schedule_errors(settings: ResourceSettings) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for window in settings.windows:
        if not 0 <= window.weekday <= 6 or not window.closes > window.opens:
            add("windows", _("Every opening window closes after it opens."))
            break
    if not settings.tariffs:
        add("tariffs", _("Give the price for at least one category."))
    for category, tariff in settings.tariffs.items():
        if (
            category not in TariffCategory.values
            or min(tariff.price_cents, tariff.deposit_cents) < 0
        ):
            add("tariffs", _("Prices and deposits are amounts of at least € 0."))
            break
    return errors


def _apply(resource: Resource, settings: ResourceSettings) -> None:
    for code in ("nl", "fr", "en"):
        setattr(resource, f"name_{code}", settings.names.get(code, "").strip())
        setattr(resource, f"description_{code}", settings.descriptions.get(code, "").strip())
    resource.kind = settings.kind
    resource.location = settings.location.strip()[:200]
    resource.capacity = settings.capacity
    resource.quantity = settings.quantity
    resource.price_unit = settings.price_unit
    resource.minimum_minutes = settings.minimum_minutes
    resource.maximum_minutes = settings.maximum_minutes
    resource.lead_minimum_hours = settings.lead_minimum_hours
    resource.lead_maximum_days = settings.lead_maximum_days
    resource.requires_approval = settings.requires_approval
    resource.is_active = settings.is_active
    resource.updated_at = timezone.now()
    resource.save()


def _children_replace(resource: Resource, settings: ResourceSettings) -> None:
    resource.windows.all().delete()
    OpeningWindow.objects.bulk_create(
        OpeningWindow(resource=resource, weekday=w.weekday, opens=w.opens, closes=w.closes)
        for w in settings.windows
    )
    resource.tariffs.all().delete()
    Tariff.objects.bulk_create(
        Tariff(
            resource=resource, category=c, price_cents=t.price_cents, deposit_cents=t.deposit_cents
        )
        for c, t in sorted(settings.tariffs.items())
    )
    units = resource.quantity if resource.kind == ResourceKind.EQUIPMENT else 0
    extra = resource.units.filter(number__gt=units)
    if BookingUnit.objects.filter(unit__in=extra, ends_at__gt=timezone.now()).exists():
        raise ValidationError(
            {"quantity": _("Some of the units you take away are booked; cancel those first.")}
        )
    BookingUnit.objects.filter(unit__in=extra).delete()  # only past holdings
    extra.delete()
    have = set(resource.units.values_list("number", flat=True))
    ResourceUnit.objects.bulk_create(
        ResourceUnit(resource=resource, number=n) for n in range(1, units + 1) if n not in have
    )


@transaction.atomic
def resource_create(
    *, actor: Actor, municipality: Municipality, settings: ResourceSettings
) -> Resource:
    if not actor.has(Permission.RESOURCES_MANAGE, municipality.pk):
        raise PermissionDenied
    errors = _errors(settings)
    if errors:
        raise ValidationError(errors)
    resource = Resource(region_id=municipality.region_id, municipality=municipality)
    _apply(resource, settings)
    _children_replace(resource, settings)
    return resource


@transaction.atomic
def resource_update(*, actor: Actor, resource_id: int, settings: ResourceSettings) -> Resource:
    resource = resource_get_visible(
        actor=actor, resource_id=resource_id, permission=Permission.RESOURCES_MANAGE
    )
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    errors = _errors(settings)
    if settings.kind != resource.kind and resource.bookings.exists():
        errors.setdefault("kind", []).append(
            _("The kind cannot change once the resource has bookings.")
        )
    if errors:
        raise ValidationError(errors)
    _apply(resource, settings)
    _children_replace(resource, settings)
    return resource
