"""The records the demo planner produces: people, addresses, links, homes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace


@dataclass
class PlannedAddress:
    nis_code: str
    street: str
    number: str
    box: str
    postal_code: str
    latitude: float
    longitude: float
    valid_from: dt.date
    valid_until: dt.date | None = None


@dataclass
class PlannedPerson:
    national_number: str
    first_names: str
    last_name: str
    birth_date: dt.date
    sex: str
    nationality: str
    preferred_language: str
    preferred_channels: list[str]
    email: str
    phone: str
    addresses: list[PlannedAddress]  # oldest first; the last one is current
    consents: dict[str, bool] = field(default_factory=dict)

    @property
    def nis_code(self) -> str:
        return self.addresses[-1].nis_code


@dataclass(frozen=True)
class PlannedLink:
    person: str  # national number
    relative: str
    relation: str  # "parent" or "partner" (one row per direction for partners)


@dataclass
class Population:
    people: list[PlannedPerson] = field(default_factory=list)
    links: list[PlannedLink] = field(default_factory=list)

    def add_partners(self, first: PlannedPerson, second: PlannedPerson) -> None:
        self.links.append(PlannedLink(first.national_number, second.national_number, "partner"))
        self.links.append(PlannedLink(second.national_number, first.national_number, "partner"))

    def add_parent(self, parent: PlannedPerson, child: PlannedPerson) -> None:
        self.links.append(PlannedLink(parent.national_number, child.national_number, "parent"))


@dataclass(frozen=True)
class Home:
    """Where a household lives now, and (when it moved) where it lived before."""

    current: PlannedAddress
    previous: PlannedAddress | None = None

    def addresses_for(self, birth_date: dt.date) -> list[PlannedAddress]:
        """The address history of a member born on `birth_date`."""
        result = []
        if self.previous is not None and birth_date < self.current.valid_from:
            start = max(self.previous.valid_from, birth_date)
            result.append(replace(self.previous, valid_from=start))
        result.append(replace(self.current, valid_from=max(self.current.valid_from, birth_date)))
        return result
