"""Finding where a typed address lies, as plugins.

When a resident (or an Open311 app) gives an address instead of a point, an address
locator tells which municipality it is in and, when it can, the point. The `local`
plugin works offline: it recognises a Belgian postal code or a municipality name in the
text (bundled data/postal-codes.json, derived from Statbel's statistical sectors). A
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

from loket.core.plugins import Registry
from loket.people.services import name_normalise
from loket.tenancy.models import Municipality, Region

POSTAL_CODES_FILE = Path(__file__).parent / "data" / "postal-codes.json"
_POSTAL_CODE = re.compile(r"(?<!\d)([1-9]\d{3})(?!\d)")


@dataclass(frozen=True)
class LocatedAddress:
    municipality_id: int
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None


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


@ADDRESS_LOCATORS.register
class LocalAddressLocator(AddressLocator):
    """Offline: a postal code or a municipality name (Dutch or French) in the text."""

    code = "local"

    def locate(self, *, text: str, region: Region) -> LocatedAddress | None:
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
        for municipality_id, _, name_nl, name_fr in municipalities:
            for name in {name_normalise(name_nl), name_normalise(name_fr)}:
                if name and f" {name} " in words and (best is None or len(name) > best[0]):
                    best = (len(name), municipality_id)
        if best is None:
            return None
        return LocatedAddress(municipality_id=best[1])
