"""IPDC concepts into Loket: the concept LDES pages become proposals (new products,
updated texts) that a municipality's editor accepts or rejects."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from loket.catalog.lpdc.concepts import concept_proposal_decide, concepts_import, pages_from_files
from loket.catalog.models import ConceptProposal, LpdcSnapshot, MunicipalityProduct, Product
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.catalog.lpdc_support import FIXTURES, lpdc_municipality
from tests.factories import MunicipalityFactory, regional_staff_member, staff_member

PAGES = [FIXTURES / "concept-ldes/page-0.json", FIXTURES / "concept-ldes/page-1.json"]
NATIONALITY = "https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
CARE_HOME = "https://ipdc.tni-vlaanderen.be/id/concept/9adcd3db-3acc-4707-867f-e82a8b6429f8"


@pytest.fixture
def kortrijk(db: None) -> Municipality:
    return lpdc_municipality()


@pytest.mark.django_db
def test_the_command_proposes_each_unlinked_concept_as_a_new_product_once(
    kortrijk: Municipality,
) -> None:
    out = StringIO()
    call_command("ipdc_concepts_import", "--nis", "34022", *map(str, PAGES), stdout=out)
    call_command("ipdc_concepts_import", "--nis", "34022", *map(str, PAGES), stdout=StringIO())

    proposals = {p.concept_iri: p for p in ConceptProposal.objects.all()}
    assert set(proposals) == {NATIONALITY, CARE_HOME}
    assert {p.kind for p in proposals.values()} == {ConceptProposal.Kind.NEW_PRODUCT}
    nationality = proposals[NATIONALITY]
    # The formal Dutch text (LPDC's generated one here), as plain text.
    assert nationality.name_nl == "Akte van Belgische nationaliteit - formal"
    assert nationality.product_number == "1502"
    assert "<" not in nationality.description_nl
    assert nationality.description_nl
    assert nationality.name_en == "Certificate of Belgian nationality"
    assert "2 new proposals" in out.getvalue()


@pytest.mark.django_db
def test_a_linked_product_gets_a_text_proposal_that_a_regional_administrator_accepts(
    kortrijk: Municipality,
) -> None:
    product = catalog_product("nationality-application", ipdc_concept_iri=NATIONALITY)
    concepts_import(municipality=kortrijk, pages=pages_from_files(PAGES))
    proposal = ConceptProposal.objects.get(concept_iri=NATIONALITY)
    assert (proposal.kind, proposal.product) == (ConceptProposal.Kind.TEXTS, product)
    municipal = actor_for_user(staff_member(kortrijk, Role.MUNICIPAL_ADMIN))
    with pytest.raises(PermissionDenied):
        concept_proposal_decide(actor=municipal, proposal=proposal, accept=True)

    regional = actor_for_user(regional_staff_member(kortrijk.region, Role.REGIONAL_ADMIN))
    concept_proposal_decide(actor=regional, proposal=proposal, accept=True)

    product.refresh_from_db()
    assert product.name_nl == "Akte van Belgische nationaliteit - formal"
    assert product.name_en == "Certificate of Belgian nationality"
    member = LpdcSnapshot.objects.filter(product=product).latest("id").member
    assert member["naam"]["nl-BE-x-formal"] == product.name_nl
    assert member["linkedConcept"] == NATIONALITY


@pytest.mark.django_db
def test_staff_import_a_page_and_accept_a_new_product_for_their_municipality(
    client: Client, kortrijk: Municipality, other_municipality: Municipality
) -> None:
    client.force_login(regional_staff_member(kortrijk.region, Role.REGIONAL_ADMIN))
    page_url = reverse("catalog:lpdc", args=[kortrijk.pk])
    assert client.get(page_url).status_code == 200
    upload = SimpleUploadedFile("page-1.json", PAGES[1].read_bytes(), "application/json")
    response = client.post(reverse("catalog:lpdc-import", args=[kortrijk.pk]), {"page": upload})
    assert response.status_code == 302
    proposal = ConceptProposal.objects.get()
    listing = client.get(page_url).content.decode()
    assert "Financiële tussenkomst" in listing

    response = client.post(
        reverse("catalog:lpdc-decide", args=[proposal.pk]), {"decision": "accept"}
    )

    assert response.status_code == 302
    product = Product.objects.get(ipdc_concept_iri=CARE_HOME)
    assert not MunicipalityProduct.objects.get(
        product=product, municipality=other_municipality
    ).is_enabled
    member = LpdcSnapshot.objects.get(product=product, municipality=kortrijk).member
    assert member["linkedConcept"] == CARE_HOME
    again = client.post(reverse("catalog:lpdc-decide", args=[proposal.pk]), {"decision": "reject"})
    assert again.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ConceptProposal.Status.ACCEPTED


@pytest.mark.django_db
def test_a_municipal_admin_rejects_and_sets_up_the_feed(client: Client, db: None) -> None:
    municipality = MunicipalityFactory(nis_code="34022")
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    url = reverse("catalog:lpdc", args=[municipality.pk])
    bad = client.post(url, {"bestuurseenheid_iri": "https://example.org/me"})
    assert bad.status_code == 400
    unit = "http://data.lblod.info/id/bestuurseenheden/abc123"
    assert client.post(url, {"bestuurseenheid_iri": unit}).status_code == 302
    municipality.refresh_from_db()
    assert municipality.lpdc_feed.bestuurseenheid_iri == unit

    bad_upload = SimpleUploadedFile("page.json", b"{}", "application/json")
    response = client.post(
        reverse("catalog:lpdc-import", args=[municipality.pk]), {"page": bad_upload}
    )
    assert response.status_code == 400
    page: dict[str, Any] = json.loads(PAGES[0].read_text())
    concepts_import(municipality=municipality, pages=[page])
    proposal = ConceptProposal.objects.get()
    client.post(reverse("catalog:lpdc-decide", args=[proposal.pk]), {"decision": "reject"})
    proposal.refresh_from_db()
    assert proposal.status == ConceptProposal.Status.REJECTED
    assert not Product.objects.filter(ipdc_concept_iri=NATIONALITY).exists()
