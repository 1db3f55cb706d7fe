"""Only once: what the register already knows, shown pre-filled with where it came from.

A form never asks for a name, national number, address or household; it shows what the
configured authentic source answers (`loket.people.authentic_sources`), and the case keeps
a snapshot of it so the handler sees what the resident saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from loket.catalog.formdefs.answers import HouseholdMember
from loket.catalog.formdefs.schema import HouseholdRelation
from loket.people.authentic_sources import AddressRecord, authentic_source


@dataclass(frozen=True)
class RegisterPrefill:
    source_label: str
    national_number: str
    first_names: str
    last_name: str
    birth_date: str  # ISO date, or "" when unknown
    address: AddressRecord | None
    household: tuple[HouseholdMember, ...]
    # Typed by staff when the authentic source could not answer (manual entry).
    manual_address: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"

    @property
    def address_line(self) -> str:
        if self.address is None:
            return self.manual_address
        box = f" {self.address.box}" if self.address.box else ""
        return (
            f"{self.address.street} {self.address.number}{box}, "
            f"{self.address.postal_code} {self.address.municipality_name}"
        )

    def snapshot(self) -> dict[str, Any]:
        """The JSON kept with a case: what the register said when the request was made."""
        return {
            "source": self.source_label,
            "national_number": self.national_number,
            "first_names": self.first_names,
            "last_name": self.last_name,
            "birth_date": self.birth_date,
            "address": self.address_line,
            "address_nis_code": self.address.municipality_nis_code if self.address else "",
            "household": [
                {
                    "national_number": member.national_number,
                    "name": member.name,
                    "relation": member.relation.value,
                }
                for member in self.household
            ],
        }


def register_prefill(*, national_number: str) -> RegisterPrefill | None:
    """What the authentic source knows about a person and their household (None: unknown).
    Raises AuthenticSourceError when the source cannot answer."""
    source = authentic_source()
    record = source.person_lookup(national_number)
    if record is None:
        return None
    household: list[HouseholdMember] = []
    for relation, numbers in (
        (HouseholdRelation.PARTNER, record.partners),
        (HouseholdRelation.CHILD, record.children),
    ):
        for number in numbers:
            if number in record.relatives:
                household.append(
                    HouseholdMember(
                        national_number=number, name=record.relatives[number], relation=relation
                    )
                )
                continue
            relative = source.person_lookup(number)
            if relative is not None:
                household.append(
                    HouseholdMember(
                        national_number=relative.national_number,
                        name=f"{relative.first_names} {relative.last_name}",
                        relation=relation,
                    )
                )
    return RegisterPrefill(
        source_label=record.source_label,
        national_number=record.national_number,
        first_names=record.first_names,
        last_name=record.last_name,
        birth_date=record.birth_date.isoformat() if record.birth_date else "",
        address=record.address,
        household=tuple(household),
    )


MANUAL_FIELDS = ("manual_first_names", "manual_last_name", "manual_address")


def manual_prefill(*, national_number: str, typed: dict[str, str]) -> RegisterPrefill | None:
    """The identity staff typed from the identity document when the authentic source could
    not answer (None: the name is missing)."""
    first = typed.get("manual_first_names", "").strip()
    last = typed.get("manual_last_name", "").strip()
    if not first or not last:
        return None
    return RegisterPrefill(
        source_label=str(_("manual entry from the identity document")),
        national_number=national_number,
        first_names=first,
        last_name=last,
        birth_date="",
        address=None,
        household=(),
        manual_address=typed.get("manual_address", "").strip(),
    )
