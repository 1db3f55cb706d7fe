"""Rectification of register data (GDPR article 16): the resident asks for it from "my page"
with the shipped `register-rectification` product; it becomes a case for the population
office and shows in "my requests"."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loket.cases.models import Case
from loket.catalog.models import MunicipalityProduct, Product
from loket.documents.models import Document
from loket.people.models import Person
from loket.tenancy.models import Municipality
from tests.cases.conftest import png_bytes
from tests.catalog.helpers import catalog_product
from tests.factories import DepartmentFactory
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def rectification(db: None, municipality: Municipality) -> Product:
    product = catalog_product("register-rectification")
    population = DepartmentFactory(municipality=municipality, name_en="Population")
    MunicipalityProduct.objects.create(
        municipality=municipality, product=product, department=population
    )
    return product


def test_my_page_leads_to_the_rectification_request(
    client: Client, resident: Person, rectification: Product
) -> None:
    sign_in_resident(client, resident)

    page = client.get(reverse("people:my-page")).content.decode()

    url = reverse("cases:request", args=[resident.municipality.slug, "register-rectification"])
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    for field in ("register_field", "what_is_wrong", "proposed_value", "evidence"):
        assert f'name="{field}"' in form


def test_a_rectification_request_is_a_case_for_the_population_office_in_my_requests(
    client: Client, resident: Person, rectification: Product, municipality: Municipality
) -> None:
    sign_in_resident(client, resident)
    url = reverse("cases:request", args=[municipality.slug, "register-rectification"])

    response = client.post(
        url,
        {
            "token": str(uuid.uuid4()),
            "action": "submit",
            "register_field": "birth",
            "what_is_wrong": "The register gives 3 May; my birth certificate says 5 March.",
            "proposed_value": "5 March 1980",
            "evidence": SimpleUploadedFile("akte.png", png_bytes(), content_type="image/png"),
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.product.code, case.applicant_id) == ("register-rectification", resident.pk)
    assert case.department is not None
    assert case.department.name_en == "Population"
    assert case.answers["register_field"] == "birth"
    assert case.answers["proposed_value"] == "5 March 1980"
    assert Document.objects.filter(concerns_person=resident, file_name="akte.png").exists()
    mine = client.get(reverse("cases:my-requests")).content.decode()
    assert case.number in mine


def test_the_attachment_is_optional_and_the_other_answers_are_not(
    client: Client, resident: Person, rectification: Product, municipality: Municipality
) -> None:
    sign_in_resident(client, resident)
    url = reverse("cases:request", args=[municipality.slug, "register-rectification"])

    refused = client.post(url, {"token": str(uuid.uuid4()), "action": "submit"})
    accepted = client.post(
        url,
        {
            "token": str(uuid.uuid4()),
            "action": "submit",
            "register_field": "name",
            "what_is_wrong": "My second first name is missing.",
            "proposed_value": "Sofie Maria",
        },
    )

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Case.objects.count() == 1
