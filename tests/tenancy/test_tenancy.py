"""Regions, municipalities from NIS codes, point routing, grants and scoping."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import ROLE_PERMISSIONS, Permission, Role
from loket.tenancy.selectors import departments_visible_to, municipality_at_point
from loket.tenancy.services import (
    department_create,
    membership_grant,
    municipality_create_from_nis,
    region_create,
)
from tests.factories import (
    DepartmentFactory,
    MunicipalityFactory,
    UserFactory,
    regional_staff_member,
    staff_member,
)


@pytest.fixture
def zwvl(db):
    region = region_create(slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre SO")
    kortrijk = municipality_create_from_nis(region=region, nis_code="34022")
    menen = municipality_create_from_nis(region=region, nis_code="34027")
    return region, kortrijk, menen


def test_municipality_from_nis_code_has_real_names_and_boundary(zwvl):
    _, kortrijk, _ = zwvl
    assert (kortrijk.name_nl, kortrijk.name_fr, kortrijk.slug) == (
        "Kortrijk",
        "Courtrai",
        "kortrijk",
    )
    assert kortrijk.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert 50.75 < kortrijk.centroid_latitude < 50.90
    assert 3.15 < kortrijk.centroid_longitude < 3.40


def test_brussels_communes_are_bilingual(db):
    region = region_create(
        slug="bru", name_nl="Brussel", name_fr="Bruxelles", official_languages="fr,nl"
    )
    elsene = municipality_create_from_nis(region=region, nis_code="21009")
    assert elsene.languages == ["fr", "nl"]
    with translation.override("fr"):
        assert elsene.name == "Ixelles"
    with translation.override("nl"):
        assert elsene.name == "Elsene"


def test_creating_a_municipality_twice_changes_nothing(zwvl):
    region, kortrijk, _ = zwvl
    again = municipality_create_from_nis(region=region, nis_code="34022")
    assert again.pk == kortrijk.pk
    assert Municipality.objects.filter(nis_code="34022").count() == 1


def test_unknown_nis_code_is_refused_with_a_translated_message(db):
    region = region_create(slug="r", name_nl="R", name_fr="R")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        municipality_create_from_nis(region=region, nis_code="99999")
    assert error.value.messages == ["No Belgian municipality has NIS code 99999."]
    assert not Municipality.objects.exists()


def test_a_point_is_routed_to_the_municipality_that_contains_it(zwvl):
    _, kortrijk, menen = zwvl
    assert municipality_at_point(latitude=50.8280, longitude=3.2649) == kortrijk  # Grote Markt
    assert municipality_at_point(latitude=50.7964, longitude=3.1220) == menen  # Grote Markt Menen
    assert municipality_at_point(latitude=51.2194, longitude=4.4025) is None  # Antwerp


def test_region_wide_membership_grants_every_municipality_of_the_region(zwvl):
    region, kortrijk, menen = zwvl
    admin = regional_staff_member(region, Role.REGIONAL_ADMIN)
    actor = actor_for_user(admin)
    assert actor.municipality_ids(Permission.PEOPLE_VIEW) == {kortrijk.pk, menen.pk}
    assert actor.region_ids(Permission.PEOPLE_VIEW) == {region.pk}


def test_municipal_membership_grants_only_that_municipality(zwvl):
    _, kortrijk, menen = zwvl
    actor = actor_for_user(staff_member(kortrijk, Role.CLERK))
    assert actor.has(Permission.PEOPLE_SEARCH, kortrijk.pk)
    assert not actor.has(Permission.PEOPLE_SEARCH, menen.pk)
    assert not actor.has(Permission.TENANCY_MANAGE)


def test_every_role_has_an_entry_in_the_one_table():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert ROLE_PERMISSIONS[Role.REGIONAL_ADMIN] == frozenset(Permission) - {
        Permission.CRM_VIEW_SENSITIVE,
        Permission.COUNCIL_PORTAL,
    }


def test_departments_are_scoped_to_the_actor(db):
    mine = DepartmentFactory()
    DepartmentFactory()  # another municipality's
    actor = actor_for_user(staff_member(mine.municipality, Role.HANDLER))
    assert list(departments_visible_to(actor=actor)) == [mine]


def test_membership_refuses_a_department_of_another_municipality(db):
    municipality = MunicipalityFactory()
    foreign_department = DepartmentFactory()
    with pytest.raises(ValidationError):
        membership_grant(
            user=UserFactory(),
            role=Role.HANDLER,
            region=municipality.region,
            municipality=municipality,
            department=foreign_department,
        )


def test_department_refuses_a_municipality_of_another_region(db):
    municipality = MunicipalityFactory()
    other_region = MunicipalityFactory().region
    with pytest.raises(ValidationError):
        department_create(
            municipality=municipality, region=other_region, code="x", name_nl="X", name_fr="X"
        )
