"""Finding where a typed address lies, as plugins.

When a resident (or an Open311 app) gives an address instead of a point, an address
locator tells which municipality it is in and, when it can, the point. The `local`
plugin works offline: it reads "street number [box], postal code municipality" (in Dutch
or French, with or without commas), places the report at the street when Loket knows it
(`loket.reports.addresses`: its point, else its municipality) and otherwise at the
municipality of the postal code (bundled data/postal-codes.json, derived from Statbel's
statistical sectors), or at a municipality named in the text. A
plugin calling a real geocoder (for example the region's address register) can be added
by subclassing `AddressLocator`, registering it in `ADDRESS_LOCATORS` and naming it in
`LOKET_REPORTS_ADDRESS_LOCATOR` (and in the configuration check of `loket.config.env`).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loket.core.plugins import Registry
from loket.people.services import name_normalise
from loket.reports.addresses import (
    KnownStreet,
    ParsedAddress,
    address_format,
    address_parse,
    street_index,
)
from loket.tenancy.models import Municipality, Region

POSTAL_CODES_FILE = Path(__file__).parent / "data" / "postal-codes.json"
_POSTAL_CODE = re.compile(r"(?<!\d)([1-9]\d{3})(?!\d)")


@dataclass(frozen=True)
class LocatedAddress:
    municipality_id: int
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""  # the address written out in full, when it could be read


class AddressNotPlaced(ValidationError):
    """The address can be read but lies nowhere in the region (a translated message)."""


class AddressLocator(ABC):
    code: ClassVar[str]

    @abstractmethod
    def locate(self, *, text: str, region: Region) -> LocatedAddress | None:
        """Where in `region` the typed address lies, or None when it cannot tell."""

    def nearest_address(self, *, latitude: float, longitude: float) -> str | None:
        """The nearest known address (street, number, postal code and municipality) of a
        point, or None when the locator knows no addresses with a place. A locator backed
        by an address register answers; the offline one does not."""
        return None


ADDRESS_LOCATORS: Registry[AddressLocator] = Registry("address locator")


def address_locator() -> AddressLocator:
    """The locator named by `LOKET_REPORTS_ADDRESS_LOCATOR` (default: `local`); an unknown
    code raises `PluginNotFound` naming the known ones, rather than placing addresses with
    another locator than the one configured."""
    code = getattr(settings, "LOKET_REPORTS_ADDRESS_LOCATOR", "local")
    return ADDRESS_LOCATORS.create(code)


@cache
def postal_code_table() -> dict[str, list[str]]:
    """Belgian postal code -> NIS codes of the municipalities using it (most sectors first)."""
    with POSTAL_CODES_FILE.open(encoding="utf-8") as handle:
        table: dict[str, list[str]] = json.load(handle)
    return table


def _language(
    parsed: ParsedAddress, known: KnownStreet | None, matched: str, town: Municipality
) -> str:
    """The language the address was typed in: that of the street name, else of the town."""
    if known is not None and known.name_fr != known.name_nl:
        return matched
    place = name_normalise(parsed.place)
    if place and place == name_normalise(town.name_fr) != name_normalise(town.name_nl):
        return "fr"
    return "nl"


def _written_out(
    parsed: ParsedAddress, known: KnownStreet | None, matched: str, town: Municipality
) -> str:
    language = _language(parsed, known, matched, town)
    place = parsed.place
    if not place or name_normalise(place) in {
        name_normalise(town.name_nl),
        name_normalise(town.name_fr),
    }:
        place = town.name_fr if language == "fr" and town.name_fr else town.name_nl
    return address_format(
        street=known.name_in(language) if known is not None else parsed.street,
        number=parsed.number,
        box=parsed.box,
        postal_code=parsed.postal_code,
        place=place,
        language=language,
    )


def _postal_code_elsewhere(
    postal_code: str, nis_codes: list[str], region: Region
) -> AddressNotPlaced:
    other = (
        Municipality.objects.filter(nis_code__in=nis_codes)
        .exclude(region=region)
        .select_related("region")
        .first()
    )
    if other is not None:
        return AddressNotPlaced(
            _(
                "%(postal_code)s is a postal code of %(municipality)s, in %(other)s, not in "
                "%(region)s. Report it on the form of %(other)s, or check the postal code."
            )
            % {
                "postal_code": postal_code,
                "municipality": other.name,
                "other": other.region.name,
                "region": region.name,
            },
            code="postal_code_other_region",
        )
    return AddressNotPlaced(
        _(
            "Postal code %(postal_code)s lies outside %(region)s. Reports can only be made for "
            "places in the municipalities of %(region)s; check the postal code."
        )
        % {"postal_code": postal_code, "region": region.name},
        code="postal_code_outside_region",
    )


@ADDRESS_LOCATORS.register
class LocalAddressLocator(AddressLocator):
    """Offline: a postal code or a municipality name (Dutch or French) in the text."""

    code = "local"

    def locate(self, *, text: str, region: Region) -> LocatedAddress | None:
        parsed = address_parse(text)
        if parsed.postal_code:
            return self._with_postal_code(parsed, region)
        if parsed.street:
            found = street_index().find(parsed.street)
            town = (
                Municipality.objects.filter(region=region, nis_code=found[0].nis_code).first()
                if found is not None
                else None
            )
            if found is not None and town is not None:
                known, matched = found
                parsed = ParsedAddress(
                    street=parsed.street,
                    number=parsed.number,
                    box=parsed.box,
                    postal_code=known.postal_code,
                    place=parsed.place,
                )
                return LocatedAddress(
                    municipality_id=town.pk,
                    postal_code=known.postal_code,
                    latitude=known.latitude,
                    longitude=known.longitude,
                    address=_written_out(parsed, known, matched, town),
                )
        return self._loose(text, region)

    def _with_postal_code(self, parsed: ParsedAddress, region: Region) -> LocatedAddress:
        """An address with a postal code: at the known street, else at the municipality of
        the postal code; AddressNotPlaced for an unknown code or one outside the region."""
        nis_codes = postal_code_table().get(parsed.postal_code)
        if nis_codes is None:
            raise AddressNotPlaced(
                _(
                    "%(postal_code)s is not a Belgian postal code. Check the postal code, or "
                    "drop a pin on the map."
                )
                % {"postal_code": parsed.postal_code},
                code="postal_code_unknown",
            )
        towns = {
            town.nis_code: town
            for town in Municipality.objects.filter(region=region, nis_code__in=nis_codes)
        }
        found = (
            street_index().find(parsed.street, postal_code=parsed.postal_code)
            if parsed.street
            else None
        )
        known, matched = found if found is not None else (None, "nl")
        if known is not None and known.nis_code in towns:
            town = towns[known.nis_code]
        else:
            known = None
            town_nis = next((nis for nis in nis_codes if nis in towns), None)
            if town_nis is None:
                raise _postal_code_elsewhere(parsed.postal_code, nis_codes, region)
            town = towns[town_nis]
        return LocatedAddress(
            municipality_id=town.pk,
            postal_code=parsed.postal_code,
            latitude=known.latitude if known else None,
            longitude=known.longitude if known else None,
            address=_written_out(parsed, known, matched, town),
        )

    def _loose(self, text: str, region: Region) -> LocatedAddress | None:
        """A postal code anywhere in the text, or a municipality's name."""
        municipalities = list(
            Municipality.objects.filter(region=region).values_list(
                "id", "nis_code", "name_nl", "name_fr"
            )
        )
        by_nis = {nis: municipality_id for municipality_id, nis, _, _ in municipalities}
        for postal_code in _POSTAL_CODE.findall(text):
            for nis_code in postal_code_table().get(postal_code, []):
                if nis_code in by_nis:
                    return LocatedAddress(municipality_id=by_nis[nis_code], postal_code=postal_code)
        words = f" {name_normalise(text).replace(',', ' ')} "
        best: tuple[int, int] | None = None
        for municipality_id, _nis, name_nl, name_fr in municipalities:
            for name in {name_normalise(name_nl), name_normalise(name_fr)}:
                if name and f" {name} " in words and (best is None or len(name) > best[0]):
                    best = (len(name), municipality_id)
        if best is None:
            return None
        return LocatedAddress(municipality_id=best[1])
