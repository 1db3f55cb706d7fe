from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.accounts.services import api_client_create
from loket.catalog.models import MunicipalityProduct, Product
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import DepartmentFactory


@pytest.fixture
def products(db: None) -> list[Product]:
    return [catalog_product(code) for code in ("resident-parking-card", "address-change")]


def test_a_municipality_s_products_are_public_with_its_own_fee(
    client: Client, products: list[Product], municipality: Municipality
) -> None:
    MunicipalityProduct.objects.create(
        municipality=municipality, product=products[0], fee_cents=1500, instructions_en="Bring it."
    )
    url = f"/api/v1/municipalities/{municipality.nis_code}/products"
    body = client.get(url, {"lang": "en"}).json()
    assert body["count"] == 2
    card = next(item for item in body["items"] if item["code"] == "resident-parking-card")
    assert (card["fee_cents"], card["instructions"], card["online"]) == (1500, "Bring it.", True)
    assert card["name"] == "Resident parking permit"
    found = client.get(url, {"q": "verhuizen", "lang": "nl"}).json()
    assert found["items"][0]["code"] == "address-change"
    assert client.get("/api/v1/municipalities/00000/products").status_code == 404


def test_the_product_list_costs_the_same_queries_for_more_products(
    client: Client, municipality: Municipality
) -> None:
    url = f"/api/v1/municipalities/{municipality.nis_code}/products"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    catalog_product("eid-card")
    one = count()
    for code in ("passport", "kids-id", "address-change", "event-permit"):
        catalog_product(code)
    assert count() == one


def test_a_product_and_its_form(client: Client, products: list[Product]) -> None:
    product = client.get("/api/v1/products/resident-parking-card").json()
    assert product["fee_cents"] == 1000
    assert product["name"]["fr"] == "Carte de riverain (stationnement)"
    form = client.get("/api/v1/products/resident-parking-card/form").json()
    assert form["version"] == 1
    assert form["definition"]["only_once"] == ["identity", "address"]
    assert client.get("/api/v1/products/nothing/form").status_code == 404


def test_settings_need_catalog_manage_in_the_municipality(
    client: Client,
    products: list[Product],
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    url = f"/api/v1/municipalities/{municipality.nis_code}/products/address-change"
    department = DepartmentFactory(municipality=municipality, code="population")
    payload = {"is_enabled": True, "fee_cents": 500, "department_code": "population"}
    _, integration = api_client_create(
        name="Integration", region=municipality.region, municipality=municipality
    )
    refused = client.put(
        url,
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {integration}"},
    )
    assert refused.status_code == 403
    _, elsewhere = api_client_create(
        name="Other admin",
        region=municipality.region,
        municipality=other_municipality,
        role=Role.MUNICIPAL_ADMIN,
    )
    assert (
        client.put(
            url,
            payload,
            content_type="application/json",
            headers={"Authorization": f"Bearer {elsewhere}"},
        ).status_code
        == 404
    )
    assert MunicipalityProduct.objects.count() == 0
    _, admin = api_client_create(
        name="Admin",
        region=municipality.region,
        municipality=municipality,
        role=Role.MUNICIPAL_ADMIN,
    )
    done = client.put(
        url,
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {admin}"},
    )
    assert done.status_code == 200
    assert (done.json()["fee_cents"], done.json()["department_code"]) == (500, "population")
    assert MunicipalityProduct.objects.get().department == department
