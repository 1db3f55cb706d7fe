"""The catalogue in CPSV-AP 3.2.0: Loket's own output conforms to the published SHACL shapes
of the EU profile, and carries what the municipality offers (its fee, its processing time),
nothing it switched off."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pyshacl import validate
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from loket.catalog.models import MunicipalityProduct, Product
from loket.tenancy.models import Municipality
from tests.catalog.helpers import catalog_product

SHAPES = Path(__file__).resolve().parents[1] / "fixtures/interop/cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")
BASE = "https://loket.example"
CODES = ("eid-card", "address-change", "resident-parking-card", "birth-registration")


@pytest.fixture(autouse=True)
def _public_url(settings: Any) -> None:
    settings.LOKET_PUBLIC_URL = BASE


@pytest.fixture
def products(db: None) -> list[Product]:
    return [catalog_product(code) for code in CODES]


def _conformance(data: Graph) -> tuple[bool, str, int]:
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, results, text = validate(data, shacl_graph=shapes, inference="none")
    result = URIRef("http://www.w3.org/ns/shacl#ValidationResult")
    return conforms, text, len(list(results.subjects(RDF.type, result)))


def _get(client: Client, municipality: Municipality) -> Any:
    return client.get(f"/{municipality.slug}/producten/cpsv-ap.jsonld")


@pytest.mark.django_db
def test_the_catalogue_conforms_to_cpsv_ap(
    client: Client, municipality: Municipality, products: list[Product]
) -> None:
    MunicipalityProduct.objects.create(
        municipality=municipality, product=products[1], fee_cents=1250, processing_days=5
    )
    MunicipalityProduct.objects.create(
        municipality=municipality, product=products[3], is_enabled=False
    )

    response = _get(client, municipality)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    data = Graph().parse(data=response.content, format="json-ld")
    conforms, text, violations = _conformance(data)
    assert (conforms, violations) == (True, 0), text

    services = {str(s) for s in data.subjects(RDF.type, CPSV.PublicService)}
    assert services == {
        f"{BASE}/{municipality.slug}/producten/{code}/" for code in CODES[:3]
    }  # the switched-off product is left out
    changed = URIRef(f"{BASE}/{municipality.slug}/producten/address-change/")
    cost = data.value(changed, CV.hasCost)
    assert data.value(cost, CV.hasValue) == Literal(12.5, datatype=XSD.double)
    assert data.value(changed, CV.processingTime) == Literal("P5D", datatype=XSD.duration)
    titles = {t.language: str(t) for t in data.objects(changed, DCT.title)}
    assert set(titles) == {"nl", "fr", "en"}
    authority = data.value(changed, CV.hasCompetentAuthority)
    assert (authority, RDF.type, CV.PublicOrganisation) in data
    assert data.value(authority, DCT.identifier) == Literal(municipality.nis_code)


@pytest.mark.django_db
def test_the_shapes_catch_a_service_without_a_competent_authority(
    client: Client, municipality: Municipality, products: list[Product]
) -> None:
    document = json.loads(_get(client, municipality).content)
    del document["@graph"][1]["hasCompetentAuthority"]

    conforms, text, _violations = _conformance(
        Graph().parse(data=json.dumps(document), format="json-ld")
    )

    assert conforms is False
    assert "hasCompetentAuthority" in text


@pytest.mark.django_db
def test_an_unknown_municipality_is_404(client: Client, db: None) -> None:
    assert client.get("/nowhere/producten/cpsv-ap.jsonld").status_code == 404
