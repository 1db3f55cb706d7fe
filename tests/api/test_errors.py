"""One error format for every failure, with messages in the request language."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def test_an_unknown_municipality_is_404_in_the_error_format(municipality):
    response = Client().get("/api/v1/municipalities/00000", headers={"Accept-Language": "en"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


def test_the_default_language_is_dutch(municipality):
    response = Client().get("/api/v1/municipalities/00000")

    assert response["Content-Language"] == "nl"
    assert "Accept-Language" in response["Vary"]


def test_an_unknown_path_under_the_api_is_404_in_the_error_format(db):
    response = Client().get("/api/v1/no-such-thing", headers={"Accept-Language": "en"})

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


def test_the_api_root_describes_where_the_documents_are(db):
    response = Client().get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        "title": "Loket API",
        "version": "1",
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }


def test_a_wrong_method_is_405_in_the_error_format(db):
    response = Client().post("/api/v1/municipalities", headers={"Accept-Language": "en"})

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {
        "error": {
            "code": "method_not_allowed",
            "message": "This method is not allowed here.",
            "fields": {},
        }
    }


def test_missing_credentials_is_401_in_the_error_format(db):
    response = Client().get("/api/v1/departments", headers={"Accept-Language": "en"})

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Sign in or send a valid API token.",
            "fields": {},
        }
    }


def test_a_missing_permission_is_403_in_the_error_format(municipality, resident_session):
    resident = PersonFactory(municipality=municipality)

    response = resident_session(resident).get(
        "/api/v1/departments", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 403
    assert response.json() == {
        "error": {
            "code": "permission_denied",
            "message": "You do not have permission to do this.",
            "fields": {},
        }
    }


def test_invalid_parameters_are_422_with_messages_per_field(municipality, staff_session):
    browser = staff_session(staff_member(municipality, Role.CLERK))

    response = browser.get(
        "/api/v1/residents?q=x&page_size=500&page=abc", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "code": "validation_error",
            "message": "The request contains invalid values.",
            "fields": {
                "q": ["Ensure this value has at least 2 characters."],
                "page": ["Enter a whole number."],
                "page_size": ["Ensure this value is less than or equal to 200."],
            },
        }
    }


def test_a_missing_required_parameter_is_named_in_fields(municipality, token_for):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)
    person = PersonFactory(municipality=municipality)

    response = Client().get(
        f"/api/v1/residents/{person.pk}", headers={**bearer(token), "Accept-Language": "en"}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"purpose": ["This field is required."]}


@pytest.mark.parametrize(
    ("accept_language", "query", "expected_language", "expected_message"),
    [
        ("fr-BE,fr;q=0.9", "", "fr", "Ce champ est obligatoire."),
        ("en-GB,en;q=0.8", "", "en", "This field is required."),
        ("nl-BE", "", "nl", "Dit veld is verplicht."),
        ("", "", "nl", "Dit veld is verplicht."),
        ("de-DE,de;q=0.9", "", "nl", "Dit veld is verplicht."),
        ("de;q=1.0,en;q=0.5,fr;q=0.7", "", "fr", "Ce champ est obligatoire."),
        ("fr", "&lang=en", "en", "This field is required."),
        ("en", "&lang=fr", "fr", "Ce champ est obligatoire."),
    ],
)
def test_messages_follow_the_request_language(
    municipality, token_for, accept_language, query, expected_language, expected_message
):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)
    person = PersonFactory(municipality=municipality)
    headers = {**bearer(token)}
    if accept_language:
        headers["Accept-Language"] = accept_language

    response = Client().get(f"/api/v1/residents/{person.pk}?x=1{query}", headers=headers)

    assert response.status_code == 422
    assert response["Content-Language"] == expected_language
    assert response.json()["error"]["fields"] == {"purpose": [expected_message]}


@pytest.mark.urls("tests.api.probe_urls")
def test_body_errors_name_the_body_fields(municipality, token_for):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)

    response = Client().post(
        "/probe/notes",
        {"text": "ab"},
        content_type="application/json",
        headers={**bearer(token), "Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "text": ["Ensure this value has at least 3 characters."],
        "count": ["This field is required."],
    }


@pytest.mark.urls("tests.api.probe_urls")
def test_a_body_that_is_not_json_is_422(municipality, token_for):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)

    response = Client().post(
        "/probe/notes", "{not json", content_type="application/json", headers=bearer(token)
    )

    assert response.status_code in {400, 422}
    assert set(response.json()["error"]) == {"code", "message", "fields"}


@pytest.mark.urls("tests.api.probe_urls")
def test_an_unexpected_error_is_500_in_the_error_format_and_logged(db, caplog):
    with caplog.at_level(logging.ERROR, logger="loket.api"):
        response = Client().get("/probe/broken", headers={"Accept-Language": "en"})

    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "server_error",
            "message": "Something went wrong on our side. Try again later.",
            "fields": {},
        }
    }
    assert "the probe broke on purpose" not in response.content.decode()
    assert [record.exc_info[1].args[0] for record in caplog.records if record.exc_info] == [
        "the probe broke on purpose"
    ]


@pytest.mark.urls("tests.api.probe_urls")
def test_too_many_requests_is_429_in_the_error_format(db):
    client = Client()
    statuses = [client.get("/probe/limited").status_code for _ in range(3)]
    response = client.get("/probe/limited", headers={"Accept-Language": "en"})

    assert statuses == [200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json() == {
        "error": {
            "code": "throttled",
            "message": "Too many requests. Try again later.",
            "fields": {},
        }
    }


@pytest.mark.urls("tests.api.probe_urls")
def test_a_broken_business_rule_on_a_field_is_422_with_fields(db):
    response = Client().get("/probe/rule-on-a-field", headers={"Accept-Language": "fr"})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["fields"] == {
        "email": ["Saisissez une adresse de courriel valide."]
    }


@pytest.mark.urls("tests.api.probe_urls")
def test_a_broken_business_rule_is_422_with_its_message(db):
    response = Client().get("/probe/rule", headers={"Accept-Language": "fr"})

    assert response.status_code == 422
    assert response.json() == {
        "error": {
            "code": "validation_error",
            "message": "Saisissez une valeur valide.",
            "fields": {},
        }
    }


@pytest.mark.urls("tests.api.probe_urls")
def test_an_api_error_keeps_its_status_code_and_fields(db):
    response = Client().get("/probe/conflict")

    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "slot_taken", "message": "Slot taken.", "fields": {"slot": ["x"]}}
    }


@pytest.mark.urls("tests.api.probe_urls")
def test_a_missing_permission_on_an_unsafe_method_changes_nothing_and_is_403(
    municipality, token_for
):
    _api_client, token = token_for(region=municipality.region, municipality=municipality)

    response = Client().delete("/probe/notes/7", headers=bearer(token))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
