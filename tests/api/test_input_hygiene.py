"""Characters no field may hold are refused at the door, in the format of each entry point."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

import pytest
from django.test import Client

from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import staff_member
from tests.reports import conftest as reports_fixtures

zwvl = reports_fixtures.zwvl  # a region with report categories, as a fixture here too

pytestmark = pytest.mark.django_db

REFUSED_EN = (
    "This value contains a character that is not allowed (a NUL byte, a control character "
    "or an invalid Unicode character)."
)


def _api_refusal(fields: list[str]) -> dict[str, Any]:
    return {
        "error": {
            "code": "validation_error",
            "message": "The request contains invalid values.",
            "fields": {name: [REFUSED_EN] for name in fields},
        }
    }


# --- HTML pages -----------------------------------------------------------------------


def test_a_nul_byte_in_the_catalogue_search_is_a_translated_400_page(municipality):
    response = Client().get(
        f"/{municipality.slug}/producten/?q=%00abc", headers={"Accept-Language": "fr"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Language"] == "fr"
    assert "La demande a été refusée" in response.content.decode()
    assert "<code>q</code>" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/assistent/?q=%00", "/backoffice/inwoners/?q=ab%00c", "/backoffice/documenten/?q=%01x"],
)
def test_a_control_character_in_a_search_of_staff_or_residents_is_400(municipality, url):
    client = Client()
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.get(url, headers={"Accept-Language": "en"})

    assert response.status_code == 400
    assert "Het verzoek werd geweigerd" in response.content.decode()  # the staff preference


def test_a_nul_byte_in_a_form_field_is_refused_before_the_view(municipality):
    client = Client()
    response = client.post(
        "/backoffice/aanmelden/",
        {"username": "clerk\x00", "password": "x"},
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert "<code>username</code>" in response.content.decode()


def test_tab_newline_and_return_pass(municipality):
    response = Client().get(f"/{municipality.slug}/producten/?q=a%09b%0Ac%0Dd")

    assert response.status_code == 200


# --- /api/v1 --------------------------------------------------------------------------


def test_a_nul_byte_in_an_api_path_segment_is_422_in_the_error_format(db):
    response = Client().get("/api/v1/products/%00", headers={"Accept-Language": "en"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == _api_refusal(["code"])


def test_a_nul_byte_in_an_api_query_parameter_is_422(municipality):
    response = Client().get(
        f"/api/v1/municipalities/{municipality.nis_code}/products?q=%00",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json() == _api_refusal(["q"])


def test_a_lone_surrogate_or_nul_in_a_json_field_is_422_and_writes_nothing(municipality, token_for):
    from loket.people.models import Person

    _client, token = token_for(region=municipality.region, municipality=municipality)
    before = Person.objects.count()
    body = '{"first_name": "An\\u0000", "address": {"street": "\\ud800"}}'

    response = Client().post(
        "/api/v1/residents",
        body,
        content_type="application/json",
        headers={**bearer(token), "Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json() == _api_refusal(["first_name", "address.street"])
    assert Person.objects.count() == before


def test_api_messages_follow_the_request_language(db):
    response = Client().get("/api/v1/products/%00?lang=nl")

    assert response.status_code == 422
    assert response.json()["error"]["message"] == "De aanvraag bevat ongeldige waarden."


def test_a_page_beyond_any_integer_is_422_not_500(municipality):
    response = Client().get(
        "/api/v1/municipalities?page=99999999999999999999",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "page": ["Ensure this value is less than or equal to 100000."]
    }


def test_a_text_longer_than_its_stored_field_is_a_field_error_and_nothing_is_saved(
    municipality,
):
    from loket.accounts.services import api_client_create
    from loket.catalog.models import MunicipalityProduct
    from tests.catalog.helpers import catalog_product

    catalog_product("address-change")
    _client, token = api_client_create(
        name="Admin",
        region=municipality.region,
        municipality=municipality,
        role=Role.MUNICIPAL_ADMIN,
    )

    response = Client().put(
        f"/api/v1/municipalities/{municipality.nis_code}/products/address-change",
        {"is_enabled": True, "instructions_nl": "x" * 10_000},
        content_type="application/json",
        headers={**bearer(token), "Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "instructions_nl": ["Ensure this value has at most 2000 characters."]
    }
    assert MunicipalityProduct.objects.count() == 0


# --- /open311/v2 ----------------------------------------------------------------------


def test_a_nul_byte_in_the_jurisdiction_is_an_open311_json_error(db):
    response = Client().get(
        "/open311/v2/requests.json?jurisdiction_id=%00", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == [
        {"code": 400, "description": f"jurisdiction_id: {REFUSED_EN}"}
    ]


def test_a_nul_byte_in_an_open311_form_field_is_an_open311_xml_error(db):
    response = Client().post(
        "/open311/v2/requests", {"description": "a\x00b"}, headers={"Accept-Language": "en"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert [(e.findtext("code"), e.findtext("description")) for e in root] == [
        ("400", f"description: {REFUSED_EN}")
    ]


# --- pagination: a page number beyond any integer is never a 500 -------------------------

HUGE = "99999999999999999999"


def test_html_lists_show_their_last_page_for_a_huge_page_number(zwvl):
    response = Client().get(f"/meldingen/?page={HUGE}")

    assert response.status_code == 200


def test_the_document_search_page_stays_within_its_pages(municipality):
    client = Client()
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.get(f"/backoffice/documenten/?q=permit&page={HUGE}")

    assert response.status_code == 200


def test_the_api_document_search_refuses_a_huge_page(municipality):
    from loket.accounts.services import api_client_create

    _client, token = api_client_create(
        name="Admin", region=municipality.region, municipality=municipality
    )

    response = Client().get(
        f"/api/v1/documents/search?q=permit&page={HUGE}",
        headers={**bearer(token), "Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "page": ["Ensure this value is less than or equal to 50."]
    }


def test_open311_refuses_a_huge_page_in_its_own_format(zwvl):
    response = Client().get(
        f"/open311/v2/requests.json?jurisdiction_id=zwvl&page={HUGE}",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert json.loads(response.content) == [
        {"code": 400, "description": "page must be a whole number from 1 to 100000."}
    ]


# --- bodies that cannot be read at all ----------------------------------------------------

BROKEN_MULTIPART = "multipart/form-data; boundary="


def test_a_broken_multipart_body_is_an_api_400(db):
    response = Client().post(
        "/api/v1/decisions/verify",
        b"--x\r\nnonsense",
        content_type=BROKEN_MULTIPART,
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "bad_request",
            "message": "The request could not be understood.",
            "fields": {},
        }
    }


def test_a_broken_multipart_body_is_an_open311_400(db):
    response = Client().post(
        "/open311/v2/requests.json",
        b"--x\r\nnonsense",
        content_type=BROKEN_MULTIPART,
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert json.loads(response.content) == [
        {"code": 400, "description": "The request body could not be read."}
    ]


# --- cookies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cookie", ['sessionid="abcdefghij\\000klmnopqrstuvwxyz"', "sessionid=ABC-def-GHI-jkl"]
)
def test_a_session_cookie_no_session_could_have_is_no_session(municipality, cookie):
    response = Client().get(f"/{municipality.slug}/", headers={"Cookie": cookie})

    assert response.status_code == 200


def test_a_real_session_still_works(municipality):
    client = Client()
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))

    response = client.get("/backoffice/")

    assert response.status_code == 200
