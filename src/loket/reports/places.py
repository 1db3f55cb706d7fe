"""How the back office names the place of a pinned report: the nearest known address when
the address locator knows one, otherwise the postal code(s) and the municipality."""

from __future__ import annotations

from dataclasses import dataclass

from loket.reports.locators import address_locator, postal_code_table
from loket.reports.models import Report


@dataclass(frozen=True)
class PlaceDescription:
    address: str  # the nearest known address, "" when none is known
    postal_codes: tuple[str, ...]  # of the municipality (the report's own when it has one)
    municipality: str


def postal_codes_of(nis_code: str) -> tuple[str, ...]:
    """The postal codes a municipality uses, from the bundled table: those where it is the
    main municipality first; the others only when it is the main one of none."""
    table = postal_code_table()
    main = tuple(sorted(code for code, nis in table.items() if nis and nis[0] == nis_code))
    return main or tuple(sorted(code for code, nis in table.items() if nis_code in nis))


def report_place_describe(*, report: Report) -> PlaceDescription | None:
    """The place of a report that has a point, None for one without."""
    if report.latitude is None or report.longitude is None:
        return None
    municipality = report.municipality
    address = address_locator().nearest_address(
        latitude=report.latitude, longitude=report.longitude
    )
    postal_codes = (
        (report.postal_code,) if report.postal_code else postal_codes_of(municipality.nis_code)
    )
    return PlaceDescription(
        address=address or "", postal_codes=postal_codes, municipality=municipality.name
    )
