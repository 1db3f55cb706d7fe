"""Writing the planned demo population into the resident register, in bulk.

The register's own services write one person at a time; for a couple of thousand
residents the demo inserts in bulk instead, keeping the register's invariants:
every national number is validated, the search columns come from `person_search_fields`, each
person has exactly one current address, and partnerships are stored both ways.

Idempotent: people are keyed on their national number; a person already in the
register is left as it is, and links use the register's unique constraints.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from loket.demo.planned import PlannedPerson, Population
from loket.people.models import Address, Consent, HouseholdLink, Person
from loket.people.services import person_search_fields, search_surnames_record
from loket.people.validators import national_number_parse
from loket.tenancy.models import Municipality


class DemoDataError(RuntimeError):
    """The bundled demo data breaks a register rule: a bug in the demo, never user input."""


@dataclass(frozen=True)
class RegisterResult:
    created: int
    existing: int


def _person_checked(planned: PlannedPerson) -> None:
    """The invariants a bulk insert cannot ask the database to check."""
    parsed = national_number_parse(planned.national_number)
    if parsed.birth_date != planned.birth_date or parsed.sex != planned.sex:
        raise DemoDataError(f"Planned national number {planned.national_number} is wrong.")
    current = [address for address in planned.addresses if address.valid_until is None]
    if len(current) != 1 or planned.addresses[-1] is not current[0]:
        raise DemoDataError(f"Person {planned.national_number} needs one current address.")
    if "email" in planned.preferred_channels and not planned.email:
        raise DemoDataError(f"Person {planned.national_number} prefers email but has none.")
    if "sms" in planned.preferred_channels and not planned.phone:
        raise DemoDataError(f"Person {planned.national_number} prefers SMS but has no phone.")


@transaction.atomic
def population_register(
    *, population: Population, municipalities: dict[str, Municipality]
) -> RegisterResult:
    """Insert the people of `population` that the register does not hold yet."""
    numbers = [person.national_number for person in population.people]
    ids: dict[str, int] = dict(
        Person.objects.filter(national_number__in=numbers).values_list("national_number", "id")
    )
    new_people = [person for person in population.people if person.national_number not in ids]
    for planned in new_people:
        _person_checked(planned)
    created = Person.objects.bulk_create(
        [_person_row(planned, municipalities) for planned in new_people], batch_size=1000
    )
    ids.update({person.national_number: person.pk for person in created})
    search_surnames_record(person.search_surname for person in created)
    Address.objects.bulk_create(
        [
            Address(
                person_id=ids[planned.national_number],
                municipality=municipalities[address.nis_code],
                street=address.street,
                number=address.number,
                box=address.box,
                postal_code=address.postal_code,
                latitude=address.latitude,
                longitude=address.longitude,
                valid_from=address.valid_from,
                valid_until=address.valid_until,
            )
            for planned in new_people
            for address in planned.addresses
        ],
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        [
            Consent(person_id=ids[planned.national_number], purpose=purpose, granted=granted)
            for planned in new_people
            for purpose, granted in sorted(planned.consents.items())
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    HouseholdLink.objects.bulk_create(
        [
            HouseholdLink(
                person_id=ids[link.person], relative_id=ids[link.relative], relation=link.relation
            )
            for link in population.links
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return RegisterResult(created=len(created), existing=len(numbers) - len(created))


def _person_row(planned: PlannedPerson, municipalities: dict[str, Municipality]) -> Person:
    municipality = municipalities[planned.nis_code]
    return Person(
        region_id=municipality.region_id,
        municipality=municipality,
        national_number=planned.national_number,
        first_names=planned.first_names,
        last_name=planned.last_name,
        birth_date=planned.birth_date,
        sex=planned.sex,
        nationality=planned.nationality,
        preferred_language=planned.preferred_language,
        preferred_channels=planned.preferred_channels,
        email=planned.email,
        phone=planned.phone,
        **person_search_fields(first_names=planned.first_names, last_name=planned.last_name),
    )
