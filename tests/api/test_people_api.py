"""Resident search and detail: scoped to the caller's municipalities, every read logged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.audit.models import AccessChannel, AccessLogEntry
from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import PersonFactory, regional_staff_member, staff_member

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return sorted(item["id"] for item in response.json()["items"])


@pytest.fixture
def two_peeters(municipality, other_municipality):
    """A Jan Peeters in each of the two municipalities of the region."""
    return (
        PersonFactory(municipality=municipality, first_names="Jan", last_name="Peeters"),
        PersonFactory(municipality=other_municipality, first_names="Jan", last_name="Peeters"),
    )


def test_staff_find_residents_of_their_municipality_only(
    municipality, other_municipality, two_peeters, staff_session
):
    own, other = two_peeters

    own_clerk = staff_session(staff_member(municipality, Role.CLERK))
    other_clerk = staff_session(staff_member(other_municipality, Role.CLERK))

    assert _ids(own_clerk.get("/api/v1/residents?q=jan peeters")) == [own.pk]
    assert _ids(other_clerk.get("/api/v1/residents?q=jan peeters")) == [other.pk]


def test_search_results_carry_a_summary_only(municipality, two_peeters, staff_session):
    own, _other = two_peeters
    clerk = staff_session(staff_member(municipality, Role.CLERK))

    response = clerk.get("/api/v1/residents?q=peeters")

    assert response.json() == {
        "count": 1,
        "page": 1,
        "page_size": 50,
        "items": [
            {
                "id": own.pk,
                "first_names": "Jan",
                "last_name": "Peeters",
                "birth_date": own.birth_date.isoformat(),
                "municipality_nis_code": municipality.nis_code,
            }
        ],
    }


def test_regional_staff_find_residents_of_the_whole_region(
    municipality, two_peeters, staff_session
):
    regional_admin = staff_session(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))

    response = regional_admin.get("/api/v1/residents?q=jan peeters")

    assert _ids(response) == sorted(person.pk for person in two_peeters)


def test_an_api_client_finds_residents_of_its_municipality_only(
    other_municipality, two_peeters, token_for
):
    _own, other = two_peeters
    _api_client, token = token_for(
        region=other_municipality.region, municipality=other_municipality
    )

    response = Client().get("/api/v1/residents?q=jan peeters", headers=bearer(token))

    assert _ids(response) == [other.pk]


def test_a_staff_member_without_search_permission_is_refused(
    municipality, two_peeters, staff_session
):
    dispatcher = staff_session(staff_member(municipality, Role.DISPATCHER))

    response = dispatcher.get("/api/v1/residents?q=jan peeters")

    assert response.status_code == 403
    assert "items" not in response.json()


def test_a_resident_may_not_search_the_register(municipality, two_peeters, resident_session):
    own, _other = two_peeters

    response = resident_session(own).get("/api/v1/residents?q=jan peeters")

    assert response.status_code == 403
    assert "items" not in response.json()


def test_searching_residents_costs_the_same_queries_for_few_and_many(
    municipality, token_for, django_assert_max_num_queries
):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)
    PersonFactory.create_batch(2, municipality=municipality, last_name="Janssens")
    with CaptureQueriesContext(connection) as few:
        Client().get("/api/v1/residents?q=janssens", headers=bearer(token))
    PersonFactory.create_batch(20, municipality=municipality, last_name="Janssens")
    # token check and last use (2); the search in passes: which surnames are listed, the
    # exact pass, the first-names pass, and (fewer than the limit) nearest surnames,
    # savepoint, threshold, word similarity, release (8)
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as many:
        response = Client().get("/api/v1/residents?q=janssens", headers=bearer(token))

    assert response.json()["count"] == 22
    assert len(many) == len(few)


def test_search_results_are_paginated(municipality, staff_session):
    people = PersonFactory.create_batch(3, municipality=municipality, last_name="Dubois")
    clerk = staff_session(staff_member(municipality, Role.CLERK))

    pages = [
        clerk.get(f"/api/v1/residents?q=dubois&page_size=2&page={page}").json() for page in (1, 2)
    ]

    assert [page["count"] for page in pages] == [3, 3]
    assert [len(page["items"]) for page in pages] == [2, 1]
    assert sorted(item["id"] for page in pages for item in page["items"]) == sorted(
        person.pk for person in people
    )


def test_staff_read_a_resident_and_the_read_is_logged(municipality, staff_session):
    person = PersonFactory(municipality=municipality, first_names="Marie", last_name="Dubois")
    user = staff_member(municipality, Role.CLERK)

    response = staff_session(user).get(f"/api/v1/residents/{person.pk}?purpose=phone_call")

    assert response.status_code == 200
    assert response.json() == {
        "id": person.pk,
        "national_number": person.national_number,
        "first_names": "Marie",
        "last_name": "Dubois",
        "birth_date": person.birth_date.isoformat(),
        "sex": "X",
        "nationality": "BE",
        "preferred_language": "nl",
        "preferred_channels": ["portal"],
        "email": person.email,
        "phone": "",
        "municipality_nis_code": municipality.nis_code,
        "address": {
            "street": "Kerkstraat",
            "number": "1",
            "box": "",
            "postal_code": "8500",
            "municipality_nis_code": municipality.nis_code,
            "valid_from": person.birth_date.isoformat(),
        },
    }
    assert list(
        AccessLogEntry.objects.values_list(
            "person_id", "user_id", "api_client_name", "purpose", "channel", "municipality_id"
        )
    ) == [(person.pk, user.pk, "", "phone_call", AccessChannel.API, municipality.pk)]


def test_an_api_client_read_is_logged_with_the_client_name(municipality, token_for):
    person = PersonFactory(municipality=municipality)
    _api_client, token = token_for(
        region=municipality.region, municipality=municipality, name="Population register sync"
    )

    response = Client().get(
        f"/api/v1/residents/{person.pk}?purpose=integration", headers=bearer(token)
    )

    assert response.status_code == 200
    assert list(
        AccessLogEntry.objects.values_list("person_id", "user_id", "api_client_name", "channel")
    ) == [(person.pk, None, "Population register sync", AccessChannel.API)]


def test_a_resident_of_another_municipality_is_404_and_not_logged(
    municipality, other_municipality, staff_session, token_for
):
    person = PersonFactory(municipality=other_municipality)
    clerk = staff_session(staff_member(municipality, Role.CLERK))
    _api_client, token = token_for(region=municipality.region, municipality=municipality)

    by_staff = clerk.get(f"/api/v1/residents/{person.pk}?purpose=phone_call")
    by_client = Client().get(
        f"/api/v1/residents/{person.pk}?purpose=integration", headers=bearer(token)
    )

    assert by_staff.status_code == by_client.status_code == 404
    assert by_staff.json()["error"]["code"] == "not_found"
    assert AccessLogEntry.objects.count() == 0


def test_an_unknown_resident_is_404_like_another_municipalitys(municipality, staff_session):
    clerk = staff_session(staff_member(municipality, Role.CLERK))

    response = clerk.get("/api/v1/residents/999999999?purpose=phone_call")

    assert response.status_code == 404
    assert AccessLogEntry.objects.count() == 0


def test_regional_staff_read_residents_of_the_whole_region(
    municipality, other_municipality, staff_session
):
    person = PersonFactory(municipality=other_municipality)
    regional_admin = staff_session(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))

    response = regional_admin.get(f"/api/v1/residents/{person.pk}?purpose=case_handling")

    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(person=person, purpose="case_handling").count() == 1


def test_reading_without_a_purpose_is_refused_and_not_logged(municipality, staff_session):
    person = PersonFactory(municipality=municipality)
    clerk = staff_session(staff_member(municipality, Role.CLERK))

    missing = clerk.get(f"/api/v1/residents/{person.pk}")
    unknown = clerk.get(f"/api/v1/residents/{person.pk}?purpose=curiosity")

    assert missing.status_code == unknown.status_code == 422
    assert list(unknown.json()["error"]["fields"]) == ["purpose"]
    assert AccessLogEntry.objects.count() == 0


def test_a_resident_may_not_read_the_register_through_this_endpoint(municipality, resident_session):
    person = PersonFactory(municipality=municipality)

    response = resident_session(person).get(f"/api/v1/residents/{person.pk}?purpose=phone_call")

    assert response.status_code == 403
    assert AccessLogEntry.objects.count() == 0


def test_a_staff_member_without_view_permission_is_refused_and_nothing_is_logged(
    municipality, staff_session
):
    person = PersonFactory(municipality=municipality)
    dispatcher = staff_session(staff_member(municipality, Role.DISPATCHER))

    response = dispatcher.get(f"/api/v1/residents/{person.pk}?purpose=phone_call")

    assert response.status_code == 403
    assert AccessLogEntry.objects.count() == 0
