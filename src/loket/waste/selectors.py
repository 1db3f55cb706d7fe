"""Reads of the waste domain: the collection calendar of an address (public: a calendar is
no personal data) and the rounds staff may manage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from loket.people.services import name_normalise
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission
from loket.waste.models import Fraction, Round, RoundException, Zone, ZoneStreet


@dataclass(frozen=True)
class Collection:
    date: dt.date
    fraction: str
    round_id: int
    # The date it was planned on when an exception moved it, else None.
    moved_from: dt.date | None = None

    @property
    def fraction_label(self) -> str:
        return str(Fraction(self.fraction).label)


def street_key(street: str) -> str:
    return name_normalise(street)


def zone_of_address(*, municipality_id: int, postal_code: str, street: str) -> Zone | None:
    """The zone the street lies in, or None when the municipality has not placed it."""
    found = (
        ZoneStreet.objects.filter(
            municipality_id=municipality_id, postal_code=postal_code, street_key=street_key(street)
        )
        .select_related("zone")
        .first()
    )
    return found.zone if found is not None else None


def _planned_dates(round_: Round, start: dt.date, end: dt.date) -> list[dt.date]:
    step = dt.timedelta(weeks=round_.interval_weeks)
    last = min(end, round_.last_date) if round_.last_date else end
    if last < round_.first_date:
        return []
    skipped = max(0, (start - round_.first_date).days // step.days)
    day = round_.first_date + skipped * step
    dates = []
    while day <= last:
        if day >= start:
            dates.append(day)
        day += step
    return dates


def collections_of_zone(*, zone: Zone, start: dt.date, end: dt.date) -> list[Collection]:
    """Every collection of the zone from `start` to `end` (both included), exceptions
    applied, by date then fraction."""
    rounds = list(Round.objects.filter(zone=zone))
    exceptions = {
        (item.round_id, item.date): item.moved_to
        for item in RoundException.objects.filter(round__zone=zone)
    }
    collections = []
    for round_ in rounds:
        for day in _planned_dates(
            round_, start - dt.timedelta(days=31), end + dt.timedelta(days=31)
        ):
            if (round_.pk, day) in exceptions:
                moved_to = exceptions[(round_.pk, day)]
                if moved_to is not None and start <= moved_to <= end:
                    collections.append(Collection(moved_to, round_.fraction, round_.pk, day))
            elif start <= day <= end:
                collections.append(Collection(day, round_.fraction, round_.pk))
    collections.sort(key=lambda item: (item.date, item.fraction))
    return collections


def collections_for_address(
    *, municipality_id: int, postal_code: str, street: str, start: dt.date, end: dt.date
) -> list[Collection] | None:
    """The calendar of an address; None when its street is in no zone."""
    zone = zone_of_address(municipality_id=municipality_id, postal_code=postal_code, street=street)
    if zone is None:
        return None
    return collections_of_zone(zone=zone, start=start, end=end)


def _managed_ids(actor: Actor) -> frozenset[int]:
    return frozenset(actor.municipality_ids(Permission.WASTE_MANAGE))


def rounds_visible_to(*, actor: Actor) -> QuerySet[Round]:
    return (
        Round.objects.filter(municipality_id__in=_managed_ids(actor))
        .select_related("zone", "municipality")
        .order_by("municipality__name_nl", "zone__name", "fraction")
    )


def round_get_visible(*, actor: Actor, round_id: int) -> Round:
    """A round of a municipality where the actor manages waste; 404 otherwise, as for one
    that does not exist."""
    found = rounds_visible_to(actor=actor).filter(pk=round_id).first()
    if found is None:
        raise Http404
    return found


def zones_visible_to(*, actor: Actor) -> QuerySet[Zone]:
    return Zone.objects.filter(municipality_id__in=_managed_ids(actor)).select_related(
        "municipality"
    )
