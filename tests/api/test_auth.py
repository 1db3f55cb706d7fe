from __future__ import annotations

import pytest
from django.test import Client

from loket.accounts.models import ApiClient
from loket.tenancy.permissions import Role, permissions_for_role
from tests.api.conftest import bearer
from tests.factories import PersonFactory, regional_staff_member, staff_member

pytestmark = pytest.mark.django_db


def test_a_valid_token_authenticates_the_api_client(municipality, token_for):
    api_client, token = token_for(region=municipality.region, municipality=municipality)

    response = Client().get("/api/v1/me", headers=bearer(token))

    assert response.status_code == 200
    assert response.json() == {
        "kind": "integration",
        "resident": None,
        "staff": None,
        "integration": {
            "name": "Case system",
            "role": "integration",
            "region_slug": municipality.region.slug,
            "municipality_nis_code": municipality.nis_code,
            "permissions": sorted(permissions_for_role(Role.INTEGRATION)),
        },
    }
    api_client.refresh_from_db()
    assert api_client.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer lkt_deadbeef_not-the-secret",
        "Bearer not-a-loket-token",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "lkt_token-without-scheme",
    ],
)
def test_an_invalid_token_is_refused_with_401(municipality, token_for, header):
    token_for(region=municipality.region, municipality=municipality)

    response = Client().get("/api/v1/me", headers={"Authorization": header})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="Loket API"'
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_token_with_a_wrong_secret_is_refused(municipality, token_for):
    _client, token = token_for(region=municipality.region, municipality=municipality)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    response = Client().get("/api/v1/me", headers=bearer(tampered))

    assert response.status_code == 401


def test_the_token_of_an_inactive_client_is_refused(municipality, token_for):
    api_client, token = token_for(region=municipality.region, municipality=municipality)
    ApiClient.objects.filter(pk=api_client.pk).update(is_active=False)

    response = Client().get("/api/v1/me", headers=bearer(token))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_no_credentials_at_all_is_401(db):
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_staff_session_authenticates_the_staff_member(municipality, staff_session):
    user = staff_member(municipality, Role.CLERK, username="clerk-anna")

    response = staff_session(user).get("/api/v1/me")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "staff"
    assert body["staff"]["username"] == "clerk-anna"
    assert body["staff"]["memberships"] == [
        {
            "role": "clerk",
            "region_slug": municipality.region.slug,
            "municipality_nis_code": municipality.nis_code,
            "department_code": None,
        }
    ]
    assert body["staff"]["permissions"] == sorted(permissions_for_role(Role.CLERK))
    assert "people.view" in body["staff"]["permissions"]


def test_a_regional_staff_session_lists_the_region_wide_membership(municipality, staff_session):
    user = regional_staff_member(municipality.region, Role.DISPATCHER)

    response = staff_session(user).get("/api/v1/me")

    assert response.json()["staff"]["memberships"] == [
        {
            "role": "dispatcher",
            "region_slug": municipality.region.slug,
            "municipality_nis_code": None,
            "department_code": None,
        }
    ]


def test_a_resident_session_authenticates_the_resident(municipality, resident_session):
    person = PersonFactory(municipality=municipality, first_names="Lotte", last_name="Peeters")

    response = resident_session(person).get("/api/v1/me")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "resident"
    assert body["resident"]["id"] == person.pk
    assert body["resident"]["first_names"] == "Lotte"


def test_a_token_takes_precedence_over_a_session(municipality, staff_session, token_for):
    _client, token = token_for(region=municipality.region, municipality=municipality)
    browser = staff_session(staff_member(municipality, Role.CLERK))

    response = browser.get("/api/v1/me", headers=bearer(token))

    assert response.json()["kind"] == "integration"


def test_a_wrong_token_does_not_fall_back_to_the_session(municipality, staff_session):
    browser = staff_session(staff_member(municipality, Role.CLERK))

    response = browser.get("/api/v1/me", headers=bearer("lkt_wrong_token"))

    assert response.status_code == 401


def test_public_endpoints_need_no_credentials(municipality):
    response = Client().get("/api/v1/municipalities")

    assert response.status_code == 200
