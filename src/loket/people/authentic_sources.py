"""Authentic sources: where Loket gets what the town already knows ("only once").

A source answers "who is this person, where do they live, who is their household" for a
national register number. The `local` source answers from Loket's own register; `magda`
asks the Flemish service integrator (loket.people.sources.magda) and `fidus` stands for the
Brussels one (loket.people.sources.fidus), chosen with `LOKET_AUTHENTIC_SOURCE`.

A source that cannot answer raises `AuthenticSourceError` (service down, malformed reply);
callers then fall back to manual entry with the error's translated `user_message`.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.core.plugins import Registry
from loket.people.models import Person
from loket.people.selectors import address_current, household_of


@dataclass(frozen=True)
class AddressRecord:
    street: str
    number: str
    box: str
    postal_code: str
    municipality_nis_code: str
    municipality_name: str


@dataclass(frozen=True)
class PersonRecord:
    """What a source knows about a person, with the name of the source for display."""

    national_number: str
    first_names: str
    last_name: str
    birth_date: dt.date | None
    sex: str
    nationality: str
    address: AddressRecord | None
    source_label: str
    partners: list[str] = field(default_factory=list)  # national numbers
    children: list[str] = field(default_factory=list)
    # Names of the household members a source gives with the person (national number ->
    # full name), so that no lookup per member is needed.
    relatives: dict[str, str] = field(default_factory=dict)


class AuthenticSourceError(Exception):
    """The source could not answer; `user_message` says so to the person at the screen."""

    user_message: Promise | str = _(
        "The authentic source could not be reached. Fill in the data by hand from the "
        "identity document."
    )


class SourceUnavailable(AuthenticSourceError):
    user_message = _(
        "The authentic source is not available at the moment. Fill in the data by hand "
        "from the identity document; what you typed is kept."
    )


class SourceReplyMalformed(AuthenticSourceError):
    user_message = _(
        "The authentic source gave an answer Loket cannot read. Fill in the data by hand "
        "from the identity document; what you typed is kept."
    )


class AuthenticSource(ABC):
    """Base class of an authentic-source plugin."""

    code: ClassVar[str]
    label: ClassVar[str | Promise]

    @abstractmethod
    def person_lookup(self, national_number: str) -> PersonRecord | None:
        """The person with this national register number, or None (not found). Raises
        AuthenticSourceError when the source cannot answer."""

    def persons_at_address(
        self, *, postal_code: str, street_code: str, house_number: str
    ) -> list[PersonRecord]:
        """The persons registered at an address (empty: nobody). Sources that cannot
        search by address raise AuthenticSourceError."""
        raise SourceUnavailable(f"{self.code}: no search by address")


AUTHENTIC_SOURCES: Registry[AuthenticSource] = Registry(
    "authentic source plugin",
    modules=(
        "loket.people.authentic_sources",
        "loket.people.sources.magda",
        "loket.people.sources.fidus",
    ),
)


def authentic_source_register(source: type[AuthenticSource]) -> type[AuthenticSource]:
    """Class decorator: make a source available (a taken code is refused)."""
    return AUTHENTIC_SOURCES.register(source)


def authentic_source() -> AuthenticSource:
    """The configured source (`LOKET_AUTHENTIC_SOURCE`, default `local`). Raises
    PluginNotFound (a LookupError) for an unknown code."""
    return AUTHENTIC_SOURCES.create(getattr(settings, "LOKET_AUTHENTIC_SOURCE", "local"))


@authentic_source_register
class LocalRegisterSource(AuthenticSource):
    """Answers from Loket's own resident register."""

    code = "local"
    label = _("Resident register of the municipality")

    def person_lookup(self, national_number: str) -> PersonRecord | None:
        person = Person.objects.filter(national_number=national_number).first()
        if person is None:
            return None
        address = address_current(person=person)
        household = household_of(person=person)
        return PersonRecord(
            national_number=person.national_number,
            first_names=person.first_names,
            last_name=person.last_name,
            birth_date=person.birth_date,
            sex=person.sex,
            nationality=person.nationality,
            address=AddressRecord(
                street=address.street,
                number=address.number,
                box=address.box,
                postal_code=address.postal_code,
                municipality_nis_code=address.municipality.nis_code,
                municipality_name=address.municipality.name,
            )
            if address
            else None,
            source_label=str(self.label),
            partners=[p.national_number for p in household["partners"]],
            children=[c.national_number for c in household["children"]],
        )
