"""Writes of the waste domain: the CSV import of zones, streets and rounds, exceptions, and
the evening-before reminders."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.waste.models import Fraction, Round, RoundException, Zone, ZoneStreet
from loket.waste.selectors import round_get_visible, street_key

CSV_COLUMNS = ("zone", "postal_code", "street", "fraction", "first_date", "interval_weeks")


@dataclass(frozen=True)
class ImportResult:
    zones: int
    streets: int
    rounds: int


@dataclass(frozen=True)
class _Row:
    zone: str
    postal_code: str
    street: str
    fraction: str
    first_date: dt.date
    interval_weeks: int


def _check_manager(actor: Actor, municipality_id: int) -> None:
    if not actor.has(Permission.WASTE_MANAGE, municipality_id):
        raise PermissionDenied


def _row_read(number: int, row: dict[str, str | None]) -> tuple[_Row | None, list[str]]:
    values = {column: (row.get(column) or "").strip() for column in CSV_COLUMNS}
    errors = []
    for column in ("zone", "postal_code", "street", "fraction", "first_date"):
        if not values[column]:
            errors.append(
                _("Row %(row)s: the column “%(column)s” is empty.")
                % {"row": number, "column": column}
            )
    if values["postal_code"] and not (
        len(values["postal_code"]) == 4 and values["postal_code"].isdigit()
    ):
        errors.append(
            _("Row %(row)s: “%(value)s” is not a postal code (four digits).")
            % {"row": number, "value": values["postal_code"]}
        )
    if values["fraction"] and values["fraction"] not in Fraction.values:
        errors.append(
            _("Row %(row)s: “%(value)s” is not a fraction; use one of %(choices)s.")
            % {"row": number, "value": values["fraction"], "choices": ", ".join(Fraction.values)}
        )
    first_date = None
    if values["first_date"]:
        try:
            first_date = dt.date.fromisoformat(values["first_date"])
        except ValueError:
            errors.append(
                _("Row %(row)s: “%(value)s” is not a date (write it as 2026-01-05).")
                % {"row": number, "value": values["first_date"]}
            )
    interval = 1
    if values["interval_weeks"]:
        if values["interval_weeks"].isdigit() and 1 <= int(values["interval_weeks"]) <= 8:
            interval = int(values["interval_weeks"])
        else:
            errors.append(
                _(
                    "Row %(row)s: the interval must be a number of weeks from 1 to 8, "
                    "not “%(value)s”."
                )
                % {"row": number, "value": values["interval_weeks"]}
            )
    if errors or first_date is None:
        return None, errors
    return (
        _Row(
            zone=values["zone"],
            postal_code=values["postal_code"],
            street=values["street"],
            fraction=values["fraction"],
            first_date=first_date,
            interval_weeks=interval,
        ),
        [],
    )


def _rows_read(content: str) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            _("The file has no column %(columns)s. The first line must name the columns: %(all)s.")
            % {"columns": ", ".join(missing), "all": ",".join(CSV_COLUMNS)},
            code="columns",
        )
    rows, errors = [], []
    zone_of_street: dict[tuple[str, str], tuple[str, int]] = {}
    for number, raw in enumerate(reader, start=2):
        row, row_errors = _row_read(number, raw)
        errors.extend(row_errors)
        if row is None:
            continue
        key = (row.postal_code, street_key(row.street))
        earlier = zone_of_street.setdefault(key, (row.zone, number))
        if earlier[0] != row.zone:
            errors.append(
                _(
                    "Row %(row)s: %(street)s is already in zone “%(zone)s” (row %(earlier)s); "
                    "a street lies in one zone."
                )
                % {"row": number, "street": row.street, "zone": earlier[0], "earlier": earlier[1]}
            )
            continue
        rows.append(row)
    if not rows and not errors:
        errors.append(_("The file has no rows."))
    if errors:
        raise ValidationError(errors, code="rows")
    return rows


def waste_csv_import(*, actor: Actor, municipality_id: int, content: str) -> ImportResult:
    """Read a CSV of zones, streets and rounds (columns `CSV_COLUMNS`) into the municipality:
    zones are made when new, each street is placed in its zone (moved when it was in
    another), each (zone, fraction) round is made or updated. Every row is checked first:
    one bad row and nothing is saved (ValidationError listing every bad row)."""
    _check_manager(actor, municipality_id)
    municipality = Municipality.objects.get(pk=municipality_id)
    rows = _rows_read(content)
    with transaction.atomic():
        zones: dict[str, Zone] = {}
        streets: set[tuple[str, str]] = set()
        rounds: set[tuple[str, str]] = set()
        for row in rows:
            zone = zones.get(row.zone)
            if zone is None:
                zone, _created = Zone.objects.get_or_create(
                    municipality=municipality, name=row.zone
                )
                zones[row.zone] = zone
            key = street_key(row.street)
            ZoneStreet.objects.update_or_create(
                municipality=municipality,
                postal_code=row.postal_code,
                street_key=key,
                defaults={"zone": zone, "street": row.street},
            )
            streets.add((row.postal_code, key))
            Round.objects.update_or_create(
                zone=zone,
                fraction=row.fraction,
                defaults={
                    "municipality": municipality,
                    "first_date": row.first_date,
                    "interval_weeks": row.interval_weeks,
                },
            )
            rounds.add((row.zone, row.fraction))
    return ImportResult(zones=len(zones), streets=len(streets), rounds=len(rounds))


def round_exception_set(
    *, actor: Actor, round_id: int, date: dt.date, moved_to: dt.date | None
) -> RoundException:
    """Move the collection of `date` to `moved_to`, or cancel it (`moved_to` None)."""
    round_ = round_get_visible(actor=actor, round_id=round_id)
    _check_manager(actor, round_.municipality_id)
    if moved_to is not None and moved_to == date:
        raise ValidationError({"moved_to": _("Choose another day than the planned one.")})
    with transaction.atomic():
        exception, _created = RoundException.objects.update_or_create(
            round=round_, date=date, defaults={"moved_to": moved_to}
        )
    return exception


def round_delete(*, actor: Actor, round_id: int) -> None:
    round_ = round_get_visible(actor=actor, round_id=round_id)
    _check_manager(actor, round_.municipality_id)
    with transaction.atomic():
        round_.delete()
