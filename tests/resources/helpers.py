"""Helpers of the resources tests: resources configured through the service, and periods
in the future in Loket's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loket.resources.models import Resource
from loket.resources.services import (
    ResourceSettings,
    TariffSetting,
    WindowSetting,
    resource_create,
)
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member

EVERY_DAY = tuple(WindowSetting(day, dt.time(8), dt.time(22)) for day in range(7))


def hall_settings(**changes: Any) -> ResourceSettings:
    values: dict[str, Any] = {
        "kind": "hall",
        "names": {"nl": "Feestzaal De Linde", "fr": "Salle De Linde", "en": "De Linde hall"},
        "location": "Lindestraat 1",
        "capacity": 120,
        "minimum_minutes": 60,
        "maximum_minutes": 600,
        "lead_minimum_hours": 24,
        "lead_maximum_days": 180,
        "windows": EVERY_DAY,
        "tariffs": {
            "resident": TariffSetting(2500, 10000),
            "association": TariffSetting(1000, 5000),
            "commercial": TariffSetting(6000, 20000),
        },
    }
    values.update(changes)
    return ResourceSettings(**values)


def resource_make(municipality: Municipality, **changes: Any) -> Resource:
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en")
    return resource_create(
        actor=actor_for_user(admin), municipality=municipality, settings=hall_settings(**changes)
    )


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """`days` from today at hh:mm, Loket's time zone."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def soon() -> dt.datetime:
    """The first whole hour between 09:00 and 19:00 that is more than an hour from now:
    always inside the opening hours and always less than 24 hours ahead, whatever the
    time of day the tests run."""
    now = timezone.localtime()
    for days in (0, 1):
        for hour in range(9, 20):
            moment = at(days, hour)
            if moment > now + dt.timedelta(hours=1):
                return moment
    raise AssertionError("unreachable: tomorrow 19:00 is always more than an hour away")
