"""Typed addresses: reading "street number [box], postal code municipality" and the streets
Loket knows.

The streets come from `data/streets.csv` (shipped: the streets of the municipalities Loket
is set up for, in Dutch and French) and, for an installation that has a fuller street
register (for example an extract of the federal BeST address register or of UrbIS), from
the CSV file named by `LOKET_REPORTS_STREETS_FILE` with the same columns: `nis_code`,
`postal_code`, `name_nl`, `name_fr`, `latitude`, `longitude` (a representative point of the
street; may be empty).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from loket.people.services import name_normalise

STREETS_FILE = Path(__file__).parent / "data" / "streets.csv"

_NUMBER = r"\d{1,4}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
_BOX = r"(?:bus|boite|boîte|bte|bt|box|b)\.?"
# "Place Flagey 1", "Flageyplein 1 bus 3", "Rue Gray 12A boîte 4"
_STREET_NUMBER = re.compile(
    rf"^(?P<street>.*?\D)\s*(?P<number>{_NUMBER})(?:\s*,?\s*{_BOX}\s*(?P<box>[\w/-]{{1,8}}))?$",
    re.IGNORECASE,
)
# "1 place Flagey", "12, rue Gray"
_NUMBER_STREET = re.compile(rf"^(?P<number>{_NUMBER})\s*,?\s+(?P<street>\D.*)$", re.IGNORECASE)
# "<street part>, 1050 Ixelles", "<street part> 1050 Elsene", "<street part>, 8500"
_WITH_POSTAL_CODE = re.compile(
    r"^(?P<street_part>.*?)\s*(?P<comma>,)?\s*(?<!\d)(?P<postal_code>[1-9]\d{3})"
    r"(?:\s+(?P<place>\D.*))?$"
)


@dataclass(frozen=True)
class ParsedAddress:
    """The parts of a typed address (all as typed, trimmed)."""

    street: str = ""
    number: str = ""
    box: str = ""
    postal_code: str = ""
    place: str = ""


@dataclass(frozen=True)
class KnownStreet:
    nis_code: str
    postal_code: str
    name_nl: str
    name_fr: str
    latitude: float | None = None
    longitude: float | None = None

    def name_in(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_nl


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;")


def _street_number(text: str) -> tuple[str, str, str] | None:
    """(street, number, box) of "street number [box]" or "number street"; None otherwise."""
    match = _STREET_NUMBER.match(text)
    if match and match["street"].strip(" ,"):
        return _clean(match["street"]), match["number"], match["box"] or ""
    match = _NUMBER_STREET.match(text)
    if match:
        return _clean(match["street"]), match["number"], ""
    return None


def address_parse(text: str) -> ParsedAddress:
    """Split a typed address. A four-digit number counts as the postal code only where an
    address has one: after the house number or a comma, or before the municipality's name
    ("Kortrijksesteenweg 1234" is a street and a house number)."""
    text = _clean(text)
    match = _WITH_POSTAL_CODE.match(text)
    if match:
        street_part = _clean(match["street_part"])
        parts = _street_number(street_part) if street_part else None
        if parts is not None or match["comma"] or match["place"] or not street_part:
            street, number, box = parts or (street_part, "", "")
            return ParsedAddress(
                street=street,
                number=number,
                box=box,
                postal_code=match["postal_code"],
                place=_clean(match["place"] or ""),
            )
    first = text.split(",", 1)
    parts = _street_number(_clean(first[0]))
    if parts is not None:
        street, number, box = parts
        place = _clean(first[1]) if len(first) > 1 else ""
        return ParsedAddress(street=street, number=number, box=box, place=place)
    return ParsedAddress(street=text)


def _rows(path: Path) -> Iterator[KnownStreet]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            latitude, longitude = row.get("latitude") or "", row.get("longitude") or ""
            yield KnownStreet(
                nis_code=row["nis_code"].strip(),
                postal_code=row["postal_code"].strip(),
                name_nl=row["name_nl"].strip(),
                name_fr=(row.get("name_fr") or row["name_nl"]).strip(),
                latitude=float(latitude) if latitude and longitude else None,
                longitude=float(longitude) if latitude and longitude else None,
            )


@dataclass(frozen=True)
class StreetIndex:
    by_name: dict[str, list[tuple[KnownStreet, str]]]

    def find(self, street: str, *, postal_code: str = "") -> tuple[KnownStreet, str] | None:
        """The known street of that name (and postal code, if given) and the language of
        the name that matched ("nl" or "fr"); None when unknown or ambiguous."""
        found = [
            (known, language)
            for known, language in self.by_name.get(name_normalise(street), [])
            if not postal_code or known.postal_code == postal_code
        ]
        streets = {(known.nis_code, known.postal_code, known.name_nl) for known, _ in found}
        # A street named in both files: the row with a point (the fuller register) first.
        found.sort(key=lambda entry: entry[0].latitude is None)
        return found[0] if len(streets) == 1 else None


@cache
def _street_index(extra_file: str) -> StreetIndex:
    by_name: dict[str, list[tuple[KnownStreet, str]]] = {}
    files = [STREETS_FILE] + ([Path(extra_file)] if extra_file else [])
    for path in files:
        for known in _rows(path):
            for language, name in (("fr", known.name_fr), ("nl", known.name_nl)):
                key = name_normalise(name)
                entries = by_name.setdefault(key, [])
                if all(existing is not known for existing, _ in entries):
                    entries.append((known, language))
    return StreetIndex(by_name=by_name)


def street_index() -> StreetIndex:
    """Every street Loket knows, by normalised name (Dutch and French)."""
    return _street_index(str(getattr(settings, "LOKET_REPORTS_STREETS_FILE", "") or ""))


def address_format(
    *, street: str, number: str, box: str, postal_code: str, place: str, language: str
) -> str:
    """ "Place Flagey 1 boîte 4, 1050 Ixelles" / "Flageyplein 1 bus 4, 1050 Elsene"."""
    line = " ".join(part for part in (street, number) if part)
    if box:
        line += f" {'boîte' if language == 'fr' else 'bus'} {box}"
    town = " ".join(part for part in (postal_code, place) if part)
    return ", ".join(part for part in (line, town) if part)
