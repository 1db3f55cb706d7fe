"""The demo population plan: deterministic, valid and inside the boundaries (no database)."""

from __future__ import annotations

import shapely
from shapely.geometry import shape

from loket.demo.data.names import POLISH
from loket.demo.data.tenants import MUNICIPALITIES, RESIDENTS_PER_MUNICIPALITY
from loket.demo.planned import Population
from loket.demo.population import PopulationPlanner, family_name_for
from loket.tenancy.reference import municipality_reference


def _plan() -> Population:
    boundaries = {}
    for spec in MUNICIPALITIES:
        reference = municipality_reference(spec.nis_code)
        assert reference is not None
        boundaries[spec.nis_code] = reference.geometry
    return PopulationPlanner(
        boundaries=boundaries,
        regions={spec.nis_code: spec.region for spec in MUNICIPALITIES},
        targets=RESIDENTS_PER_MUNICIPALITY,
    ).plan()


def _fingerprint(population: Population) -> list[tuple[object, ...]]:
    return [
        (
            person.national_number,
            person.first_names,
            person.last_name,
            person.email,
            person.phone,
            tuple((a.street, a.number, a.latitude, a.longitude) for a in person.addresses),
        )
        for person in population.people
    ]


def test_the_plan_is_the_same_every_time():
    first, second = _plan(), _plan()

    assert _fingerprint(first) == _fingerprint(second)
    assert first.links == second.links


def test_the_plan_has_unique_national_numbers_and_emails():
    people = _plan().people
    emails = [person.email for person in people if person.email]

    assert len({person.national_number for person in people}) == len(people)
    assert len(set(emails)) == len(emails)


def test_planned_points_lie_inside_the_municipality():
    people = _plan().people
    geometries = {
        spec.nis_code: shape(municipality_reference(spec.nis_code).geometry)
        for spec in MUNICIPALITIES
    }  # type: ignore[union-attr]

    outside = [
        (person.national_number, address.nis_code)
        for person in people
        for address in person.addresses
        if not shapely.contains_xy(
            geometries[address.nis_code], address.longitude, address.latitude
        )
    ]

    assert outside == []


def test_polish_family_names_take_the_feminine_form():
    assert family_name_for(POLISH, "Kowalski", "F") == "Kowalska"
    assert family_name_for(POLISH, "Kowalski", "M") == "Kowalski"
    assert family_name_for(POLISH, "Nowak", "F") == "Nowak"
