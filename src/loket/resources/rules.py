"""The booking rules of a resource: duration, lead time, opening windows and the price.

Pure functions over a resource and a period, used by the booking service (and by the
pages, to show the rules); each refusal is a translated message on the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from loket.resources.models import OpeningWindow, PriceUnit, Resource, Tariff

UNIT_SECONDS = {PriceUnit.HOUR: 3600, PriceUnit.DAY: 86400}


def duration_text(minutes: int) -> str:
    """A duration as people say it: "90 minutes", "4 h", "2 days"."""
    if minutes % 1440 == 0:
        return _("%(days)s days") % {"days": minutes // 1440}
    if minutes % 60 == 0:
        return _("%(hours)s h") % {"hours": minutes // 60}
    return _("%(minutes)s minutes") % {"minutes": minutes}


def _within(windows: Iterable[OpeningWindow], moment: dt.datetime, until: dt.time) -> bool:
    return any(
        w.weekday == moment.weekday() and w.opens <= moment.time() and until <= w.closes
        for w in windows
    )


def is_open(
    resource: Resource, windows: list[OpeningWindow], start: dt.datetime, end: dt.datetime
) -> bool:
    """Hourly resources: the whole period lies inside one opening window of one day.
    Daily ones (equipment lent for days): pick-up and return both fall inside a window."""
    start_local, end_local = timezone.localtime(start), timezone.localtime(end)
    if resource.price_unit == PriceUnit.HOUR:
        return start_local.date() == end_local.date() and _within(
            windows, start_local, end_local.time()
        )
    return _within(windows, start_local, start_local.time()) and _within(
        windows, end_local, end_local.time()
    )


def period_errors(
    *, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime
) -> dict[str, list[str]]:
    """Everything wrong with the period, per field (empty: the period may be booked)."""
    errors: dict[str, list[str]] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The end must be after the start.")]
        return errors
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes < resource.minimum_minutes:
        errors.setdefault("ends_at", []).append(
            _("A booking of %(name)s lasts at least %(duration)s.")
            % {"name": resource.name, "duration": duration_text(resource.minimum_minutes)}
        )
    elif minutes > resource.maximum_minutes:
        errors.setdefault("ends_at", []).append(
            _("A booking of %(name)s lasts at most %(duration)s.")
            % {"name": resource.name, "duration": duration_text(resource.maximum_minutes)}
        )
    if starts_at < now:
        errors.setdefault("starts_at", []).append(_("This moment has already passed."))
    elif starts_at < now + dt.timedelta(hours=resource.lead_minimum_hours):
        errors.setdefault("starts_at", []).append(
            _("Too late: book %(name)s at least %(hours)s hours ahead.")
            % {"name": resource.name, "hours": resource.lead_minimum_hours}
        )
    elif starts_at > now + dt.timedelta(days=resource.lead_maximum_days):
        errors.setdefault("starts_at", []).append(
            _("Too early: %(name)s can be booked at most %(days)s days ahead.")
            % {"name": resource.name, "days": resource.lead_maximum_days}
        )
    if not is_open(resource, list(resource.windows.all()), starts_at, ends_at):
        errors.setdefault("starts_at", []).append(
            _("%(name)s is not open for the whole period. Choose a time within the opening hours.")
            % {"name": resource.name}
        )
    return errors


def price_of(
    *,
    resource: Resource,
    tariff: Tariff,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    quantity: int,
) -> tuple[int, int]:
    """(price, deposit) in cents: every started hour or day counts, per unit taken."""
    seconds = (ends_at - starts_at).total_seconds()
    units = max(1, math.ceil(seconds / UNIT_SECONDS[PriceUnit(resource.price_unit)]))
    return units * tariff.price_cents * quantity, tariff.deposit_cents * quantity
