"""Municipalities (public) and departments (scoped to the caller)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import (
    DepartmentFactory,
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    regional_staff_member,
    staff_member,
)

pytestmark = pytest.mark.django_db


def test_municipalities_are_public_and_paginated(municipality, other_municipality):
    response = Client().get("/api/v1/municipalities?page_size=1")

    assert response.status_code == 200
    body = response.json()
    first = min([municipality, other_municipality], key=lambda m: (m.name_nl, m.nis_code))
    assert body == {
        "count": 2,
        "page": 1,
        "page_size": 1,
        "items": [
            {
                "nis_code": first.nis_code,
                "slug": first.slug,
                "name_nl": first.name_nl,
                "name_fr": first.name_fr,
                "name_en": first.name_en,
                "region_slug": first.region.slug,
                "official_languages": ["nl"],
                "centroid": {
                    "latitude": first.centroid_latitude,
                    "longitude": first.centroid_longitude,
                },
            }
        ],
    }


def test_the_second_page_has_the_other_municipality(municipality, other_municipality):
    response = Client().get("/api/v1/municipalities?page_size=1&page=2")

    second = max([municipality, other_municipality], key=lambda m: (m.name_nl, m.nis_code))
    assert [item["nis_code"] for item in response.json()["items"]] == [second.nis_code]


def test_municipalities_can_be_filtered_by_region(municipality):
    elsewhere = MunicipalityFactory(region=RegionFactory())

    response = Client().get(f"/api/v1/municipalities?region={elsewhere.region.slug}")

    assert [item["nis_code"] for item in response.json()["items"]] == [elsewhere.nis_code]


def test_municipality_detail_has_the_geojson_boundary(municipality):
    response = Client().get(f"/api/v1/municipalities/{municipality.nis_code}")

    assert response.status_code == 200
    body = response.json()
    assert body["nis_code"] == municipality.nis_code
    assert body["boundary"] == municipality.boundary
    assert body["boundary"]["type"] == "Polygon"
    assert body["bbox"] == list(municipality.bbox)


def test_the_municipality_list_costs_the_same_queries_for_few_and_many(db):
    region = RegionFactory()
    MunicipalityFactory.create_batch(2, region=region)
    with CaptureQueriesContext(connection) as few:
        Client().get("/api/v1/municipalities")
    MunicipalityFactory.create_batch(20, region=region)
    with CaptureQueriesContext(connection) as many:
        response = Client().get("/api/v1/municipalities")

    assert response.json()["count"] == 22
    assert len(many) == len(few) == 2


def test_public_departments_of_a_municipality(municipality, other_municipality):
    department = DepartmentFactory(municipality=municipality, code="burgerzaken")
    DepartmentFactory(municipality=other_municipality)

    response = Client().get(f"/api/v1/municipalities/{municipality.nis_code}/departments")

    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "id": department.pk,
            "code": "burgerzaken",
            "name_nl": department.name_nl,
            "name_fr": department.name_fr,
            "name_en": department.name_en,
            "email": "",
            "municipality_nis_code": municipality.nis_code,
            "region_slug": municipality.region.slug,
        }
    ]


def test_public_departments_of_an_unknown_municipality_is_404(db):
    response = Client().get("/api/v1/municipalities/00000/departments")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_public_departments_cost_the_same_queries_for_few_and_many(municipality):
    DepartmentFactory.create_batch(2, municipality=municipality)
    with CaptureQueriesContext(connection) as few:
        Client().get(f"/api/v1/municipalities/{municipality.nis_code}/departments")
    DepartmentFactory.create_batch(15, municipality=municipality)
    with CaptureQueriesContext(connection) as many:
        Client().get(f"/api/v1/municipalities/{municipality.nis_code}/departments")

    assert len(many) == len(few)


def _department_codes(response):
    assert response.status_code == 200
    return sorted(item["code"] for item in response.json()["items"])


def test_staff_see_only_the_departments_of_their_municipality(
    municipality, other_municipality, staff_session
):
    DepartmentFactory(municipality=municipality, code="own")
    DepartmentFactory(municipality=other_municipality, code="other")

    own_clerk = staff_session(staff_member(municipality, Role.CLERK))
    other_clerk = staff_session(staff_member(other_municipality, Role.CLERK))

    assert _department_codes(own_clerk.get("/api/v1/departments")) == ["own"]
    assert _department_codes(other_clerk.get("/api/v1/departments")) == ["other"]


def test_regional_staff_see_the_departments_of_the_whole_region(
    municipality, other_municipality, staff_session
):
    DepartmentFactory(municipality=municipality, code="own")
    DepartmentFactory(municipality=other_municipality, code="other")
    DepartmentFactory(municipality=None, region=municipality.region, code="regional-body")
    DepartmentFactory(municipality=MunicipalityFactory(region=RegionFactory()), code="far")
    dispatcher = staff_session(regional_staff_member(municipality.region, Role.DISPATCHER))

    response = dispatcher.get("/api/v1/departments")

    assert _department_codes(response) == ["other", "own", "regional-body"]


def test_an_api_client_sees_the_departments_of_its_municipality(
    municipality, other_municipality, token_for
):
    DepartmentFactory(municipality=municipality, code="own")
    DepartmentFactory(municipality=other_municipality, code="other")
    _api_client, token = token_for(
        region=other_municipality.region, municipality=other_municipality
    )

    response = Client().get("/api/v1/departments", headers=bearer(token))

    assert _department_codes(response) == ["other"]


def test_a_resident_may_not_list_departments(municipality, resident_session):
    DepartmentFactory(municipality=municipality)

    response = resident_session(PersonFactory(municipality=municipality)).get("/api/v1/departments")

    assert response.status_code == 403
    assert "items" not in response.json()


def test_the_department_list_costs_the_same_queries_for_few_and_many(
    municipality, token_for, django_assert_max_num_queries
):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)
    DepartmentFactory.create_batch(2, municipality=municipality)
    with CaptureQueriesContext(connection) as few:
        Client().get("/api/v1/departments", headers=bearer(token))
    DepartmentFactory.create_batch(15, municipality=municipality)
    # token check and last use (2), count and page (2)
    with django_assert_max_num_queries(4), CaptureQueriesContext(connection) as many:
        response = Client().get("/api/v1/departments", headers=bearer(token))

    assert response.json()["count"] == 17
    assert len(many) == len(few)
