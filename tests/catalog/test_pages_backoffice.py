from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from loket.catalog.models import FormDefinition, MunicipalityProduct, Product
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import regional_staff_member, staff_member


@pytest.fixture
def product(db: None) -> Product:
    return catalog_product("resident-parking-card")


def test_a_municipal_admin_changes_the_municipality_s_settings(
    client: Client, product: Product, municipality: Municipality
) -> None:
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    listing = client.get(reverse("catalog:backoffice")).content.decode()
    url = reverse("catalog:setting-edit", args=[municipality.pk, product.code])
    assert url in listing
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "is_enabled": "on",
            "fee": "12,50",
            "processing_days": "3",
            "counts_working_days": "on",
            "instructions_nl": "Breng je inschrijvingsbewijs mee.",
        },
    )
    assert response.status_code == 302
    setting = MunicipalityProduct.objects.get()
    assert (setting.fee_cents, setting.processing_days, setting.counts_working_days) == (
        1250,
        3,
        True,
    )
    assert client.post(url, {"fee": "12,505"}).status_code == 400


def test_a_clerk_cannot_open_the_catalogue_editor(
    client: Client, product: Product, municipality: Municipality
) -> None:
    client.force_login(staff_member(municipality, Role.CLERK))
    assert client.get(reverse("catalog:backoffice")).status_code == 403
    url = reverse("catalog:setting-edit", args=[municipality.pk, product.code])
    assert client.post(url, {"is_enabled": ""}).status_code == 403
    assert MunicipalityProduct.objects.count() == 0


def test_another_municipality_s_settings_are_not_found(
    client: Client,
    product: Product,
    municipality: Municipality,
    other_municipality: Municipality,
) -> None:
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("catalog:setting-edit", args=[municipality.pk, product.code])
    assert client.post(url, {"is_enabled": ""}).status_code == 404
    assert MunicipalityProduct.objects.count() == 0


def test_the_form_editor_previews_and_publishes(
    client: Client, product: Product, municipality: Municipality
) -> None:
    client.force_login(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))
    url = reverse("catalog:form-edit", args=[product.code])
    page = client.get(url).content.decode()
    assert 'name="licence_plate"' in page  # the preview of the current form
    definition = FormDefinition.objects.get(product=product).definition
    definition["sections"][0]["fields"][0]["label"]["nl"] = "Kentekenplaat"
    preview = client.post(url, {"definition": json.dumps(definition), "action": "preview"})
    assert preview.status_code == 200
    assert 'class="form-label">Kentekenplaat' in preview.content.decode()
    assert FormDefinition.objects.filter(product=product).count() == 1
    broken = client.post(url, {"definition": '{"sections": []}', "action": "publish"})
    assert broken.status_code == 400
    published = client.post(url, {"definition": json.dumps(definition), "action": "publish"})
    assert published.status_code == 302
    assert FormDefinition.objects.filter(product=product).count() == 2


def test_a_municipal_admin_cannot_change_the_regional_form(
    client: Client, product: Product, municipality: Municipality
) -> None:
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("catalog:form-edit", args=[product.code])
    assert client.get(url).status_code == 403
    assert client.post(url, {"definition": "{}", "action": "publish"}).status_code == 403
