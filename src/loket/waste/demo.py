"""Demo data of the waste domain: every street where a demo resident lives gets its
rounds, through the same CSV import staff use (two zones per municipality), and the
residual-waste collection of the weeks of Christmas and New Year moves one day later."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zlib
from dataclasses import dataclass

from loket.people.models import Address
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.waste.models import Round, RoundException, ZoneStreet
from loket.waste.services import CSV_COLUMNS, round_exception_set, waste_csv_import

# Monday 5 January 2026; each zone's rounds start on its own weekday from there.
ANCHOR = dt.date(2026, 1, 5)
# (fraction, interval in weeks, weekday offset) for zone 1; zone 2 is two days later.
ROUNDS = (("residual", 1, 0), ("organic", 1, 2), ("pmd", 2, 1), ("paper", 4, 3), ("glass", 8, 4))
HOLIDAYS = (dt.date(2026, 12, 25), dt.date(2027, 1, 1))


@dataclass(frozen=True)
class WasteDemoResult:
    streets: int
    rounds: int
    exceptions: int


def _zone(street: str) -> int:
    return 1 + zlib.crc32(street.lower().encode()) % 2


def _csv_of(streets: set[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for postal_code, street in sorted(streets):
        zone = _zone(street)
        for fraction, weeks, offset in ROUNDS:
            first = ANCHOR + dt.timedelta(days=offset + 2 * (zone - 1))
            writer.writerow([f"Zone {zone}", postal_code, street, fraction, first, weeks])
    return out.getvalue()


def _collection_in_week_of(round_: Round, day: dt.date) -> dt.date | None:
    """The round's collection in the week (Monday to Sunday) of `day`, if there is one."""
    monday = day - dt.timedelta(days=day.weekday())
    step = 7 * round_.interval_weeks
    behind = (monday - round_.first_date).days
    collection = round_.first_date + dt.timedelta(days=max(0, -(-behind // step)) * step)
    return collection if monday <= collection <= monday + dt.timedelta(days=6) else None


def waste_demo_load() -> WasteDemoResult:
    streets_before = ZoneStreet.objects.count()
    rounds_before = Round.objects.count()
    exceptions_before = RoundException.objects.count()
    by_municipality: dict[int, set[tuple[str, str]]] = {}
    for municipality_id, postal_code, street in Address.objects.filter(
        valid_until__isnull=True
    ).values_list("municipality_id", "postal_code", "street"):
        by_municipality.setdefault(municipality_id, set()).add((postal_code, street))
    ids = frozenset(
        Municipality.objects.filter(pk__in=by_municipality).values_list("pk", flat=True)
    )
    loader = Actor(kind=ActorKind.STAFF, municipality_grants={Permission.WASTE_MANAGE: ids})
    for municipality_id in sorted(ids):
        waste_csv_import(
            actor=loader,
            municipality_id=municipality_id,
            content=_csv_of(by_municipality[municipality_id]),
        )
    for round_ in Round.objects.filter(municipality_id__in=ids, fraction="residual"):
        for holiday in HOLIDAYS:
            collection = _collection_in_week_of(round_, holiday)
            if collection is not None:
                round_exception_set(
                    actor=loader,
                    round_id=round_.pk,
                    date=collection,
                    moved_to=collection + dt.timedelta(days=1),
                )
    return WasteDemoResult(
        streets=ZoneStreet.objects.count() - streets_before,
        rounds=Round.objects.count() - rounds_before,
        exceptions=RoundException.objects.count() - exceptions_before,
    )
