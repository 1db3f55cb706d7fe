"""Case numbers: `<MUNICIPALITY>-<year>-<6 digits>`, gap-free per municipality and year.

The counter row is locked (`select_for_update`) for the rest of the submitting
transaction, so two requests never get the same number, and a submission that fails rolls
its number back with it: the numbers of committed cases have no gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from loket.cases.models import CaseNumberCounter
from loket.tenancy.models import Municipality

NUMBER_DIGITS = 6


@dataclass(frozen=True)
class CaseNumber:
    year: int
    sequence: int
    text: str


def case_number_prefix(municipality: Municipality) -> str:
    return municipality.slug.upper()


def case_number_format(municipality: Municipality, year: int, sequence: int) -> str:
    return f"{case_number_prefix(municipality)}-{year}-{sequence:0{NUMBER_DIGITS}d}"


def case_number_allocate(*, municipality: Municipality, year: int) -> CaseNumber:
    """The next number of the municipality's year. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case numbers are allocated inside the submitting transaction")
    CaseNumberCounter.objects.bulk_create(
        [CaseNumberCounter(municipality=municipality, year=year, last_number=0)],
        ignore_conflicts=True,
    )
    counter = CaseNumberCounter.objects.select_for_update().get(
        municipality=municipality, year=year
    )
    CaseNumberCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    sequence = counter.last_number + 1
    return CaseNumber(
        year=year, sequence=sequence, text=case_number_format(municipality, year, sequence)
    )
