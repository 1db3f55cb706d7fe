"""Reads of the works domain: planned works are public (residents see them on "My
municipality"); staff with `works.manage` list and change those of their municipalities."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission
from loket.works.models import PlannedWork

EARTH_RADIUS_M = 6_371_000


def _distance_m(
    latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float
) -> float:
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    d_phi = phi_b - phi_a
    d_lambda = math.radians(longitude_b - longitude_a)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class NearbyWork:
    work: PlannedWork
    distance_m: float


def works_nearby(
    *, latitude: float, longitude: float, radius_m: float, on: dt.date, limit: int = 20
) -> list[NearbyWork]:
    """Works not yet over on `on` within `radius_m` of the point, nearest first."""
    delta_latitude = radius_m / 111_320
    delta_longitude = radius_m / (111_320 * max(math.cos(math.radians(latitude)), 0.01))
    candidates = PlannedWork.objects.filter(
        ends_on__gte=on,
        latitude__range=(latitude - delta_latitude, latitude + delta_latitude),
        longitude__range=(longitude - delta_longitude, longitude + delta_longitude),
    ).select_related("municipality")
    nearby = [
        NearbyWork(work, _distance_m(latitude, longitude, work.latitude, work.longitude))
        for work in candidates
    ]
    nearby = [item for item in nearby if item.distance_m <= radius_m]
    nearby.sort(key=lambda item: item.distance_m)
    return nearby[:limit]


def _managed_ids(actor: Actor) -> frozenset[int]:
    return frozenset(actor.municipality_ids(Permission.WORKS_MANAGE))


def works_visible_to(*, actor: Actor) -> QuerySet[PlannedWork]:
    """The works of the municipalities where the actor manages works, latest end first."""
    return (
        PlannedWork.objects.filter(municipality_id__in=_managed_ids(actor))
        .select_related("municipality")
        .order_by("-ends_on", "-pk")
    )


def work_get_visible(*, actor: Actor, work_id: int) -> PlannedWork:
    """A work of a municipality where the actor manages works; 404 otherwise, as for one
    that does not exist."""
    found = works_visible_to(actor=actor).filter(pk=work_id).first()
    if found is None:
        raise Http404
    return found
