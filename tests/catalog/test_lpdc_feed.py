"""The catalogue to Flanders: the LDES feed Loket serves conforms to the LPDC instance
shapes, has the structure of LPDC's reference three-page example, and grows by one
snapshot per change of a published product (archived when it is no longer offered)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from rdflib import RDF, Graph, URIRef

from loket.catalog.lpdc import feed
from loket.catalog.lpdc.services import lpdc_snapshots_sync
from loket.catalog.models import LpdcSnapshot, MunicipalityProduct, Product
from loket.catalog.services import municipality_product_update
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.catalog.lpdc_support import FIXTURES, LPDC, conformance, lpdc_municipality, page_graph
from tests.factories import staff_member

BASE = "https://loket.example"
CODES = ("eid-card", "address-change", "resident-parking-card", "birth-registration")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DCT_IS_VERSION_OF = URIRef("http://purl.org/dc/terms/isVersionOf")


@pytest.fixture(autouse=True)
def _public_url(settings: Any) -> None:
    settings.LOKET_PUBLIC_URL = BASE


@pytest.fixture
def kortrijk(db: None) -> Municipality:
    return lpdc_municipality()


@pytest.fixture
def products(db: None) -> list[Product]:
    return [catalog_product(code) for code in CODES]


def _page(client: Client, municipality: Municipality, number: int = 0) -> Any:
    return client.get(
        f"/{municipality.slug}/producten/lpdc/instancesnapshot", {"pageNumber": number}
    )


def _update(municipality: Municipality, product: Product, **changes: Any) -> None:
    actor = actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    municipality_product_update(
        actor=actor, municipality=municipality, product=product, **{"is_enabled": True, **changes}
    )


@pytest.mark.django_db
def test_the_feed_conforms_to_the_lpdc_instance_shapes(
    client: Client, kortrijk: Municipality, products: list[Product]
) -> None:
    Product.objects.filter(code="eid-card").update(
        ipdc_concept_iri="https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
    )
    lpdc_snapshots_sync(municipality=kortrijk)
    _update(kortrijk, products[1], fee_cents=1250, instructions_nl="Kom met uw identiteitskaart.")
    _update(kortrijk, products[3], is_enabled=False)

    response = _page(client, kortrijk)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = page_graph(json.loads(response.content))
    conforms, text, violations = conformance(
        data,
        concepts=(
            "https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84",
        ),
    )
    assert (conforms, violations) == (True, 0), text
    snapshots = set(data.subjects(RDF.type, LPDC.InstancePublicServiceSnapshot))
    # 4 first snapshots, the changed fee, the archived birth registration.
    assert len(snapshots) == 6
    archived = [s for s in snapshots if (s, LPDC.isArchived, None) in data]
    assert len(archived) == 1


@pytest.mark.django_db
def test_the_shapes_catch_an_instance_without_its_municipality(
    client: Client, kortrijk: Municipality, products: list[Product]
) -> None:
    lpdc_snapshots_sync(municipality=kortrijk)
    page = json.loads(_page(client, kortrijk).content)
    del page["member"][0]["aangemaaktDoor"]

    conforms, text, _violations = conformance(page_graph(page))

    assert conforms is False
    assert "createdBy" in text


@pytest.mark.django_db
def test_the_pages_are_built_like_the_reference_example(
    client: Client, kortrijk: Municipality, products: list[Product], monkeypatch: Any
) -> None:
    monkeypatch.setattr(feed, "PAGE_SIZE", 3)
    lpdc_snapshots_sync(municipality=kortrijk)  # 4 snapshots
    for fee in (100, 200, 300, 400):  # 4 more, of one instance
        _update(kortrijk, products[0], fee_cents=fee)
    reference = [
        json.loads((FIXTURES / f"instance-ldes-example/page-{n}.json").read_text())
        for n in range(3)
    ]

    pages = [json.loads(_page(client, kortrijk, n).content) for n in range(3)]

    assert _page(client, kortrijk, 3).status_code == 404
    stamps = []
    for number, (ours, theirs) in enumerate(zip(pages, reference, strict=True)):
        assert set(ours) == set(theirs)
        assert ours["@type"] == theirs["@type"] == "EventStream"
        assert (ours["timestampPath"], ours["versionOfPath"]) == ("generatedAtTime", "isVersionOf")
        url = f"{BASE}/kortrijk/producten/lpdc/instancesnapshot?pageNumber={number}"
        assert ours["@id"] == ours["view"]["@id"] == url
        assert ours["view"]["@type"] == theirs["view"]["@type"]
        kinds = [(r["@type"], r["path"], r["node"][-1]) for r in ours["view"]["relation"]]
        assert kinds == [(r["@type"], r["path"], r["node"][-1]) for r in theirs["view"]["relation"]]
        assert ours["@context"] == [
            f"{BASE}/kortrijk/producten/lpdc/ipdc-lpdc-im.jsonld",
            f"{BASE}/kortrijk/producten/lpdc/ldes.jsonld",
        ]
        for member in ours["member"]:
            minimal = set(reference[0]["member"][0])  # the reference's minimal instance
            assert minimal <= set(member)
            assert member["@type"] == ["InstantieSnapshot"]
            assert member["@id"].startswith("http://data.lblod.info/id/public-service-snapshot/")
            assert member["isVersionOf"].startswith("http://data.lblod.info/id/public-service/")
            assert member["geografischToepassingsgebieden"] == ["BE25434022"]
            assert "nl-BE-x-formal" in member["naam"]
            assert all(
                TIMESTAMP.match(member[key])
                for key in ("creatie", "laatstGewijzigd", "generatedAtTime")
            )
            stamps.append(member["generatedAtTime"])
    assert [len(page["member"]) for page in pages] == [3, 3, 2]
    assert stamps == sorted(stamps)
    # The reference's contexts are served beside the pages.
    context = client.get("/kortrijk/producten/lpdc/ipdc-lpdc-im.jsonld")
    assert "InstantieSnapshot" in json.loads(context.content)["@context"]
    versions = Graph()
    for page in pages:
        versions += page_graph(page)
    eid = {str(o) for s, o in versions.subject_objects(DCT_IS_VERSION_OF)}
    assert len(eid) == 4  # 8 snapshots of 4 instances


@pytest.mark.django_db
def test_a_snapshot_is_added_only_when_a_published_product_changes(
    client: Client, kortrijk: Municipality, products: list[Product]
) -> None:
    assert lpdc_snapshots_sync(municipality=kortrijk) == 4
    assert lpdc_snapshots_sync(municipality=kortrijk) == 0  # nothing changed

    _update(kortrijk, products[2], processing_days=3)  # not in the instance: no snapshot
    assert LpdcSnapshot.objects.count() == 4
    _update(kortrijk, products[2], fee_cents=4000)
    _update(kortrijk, products[2], fee_cents=4000, is_enabled=False)
    _update(kortrijk, products[2], fee_cents=4000, is_enabled=False)
    _update(kortrijk, products[2], fee_cents=4000)

    history = list(LpdcSnapshot.objects.filter(product=products[2]).order_by("id"))
    assert [s.is_archived for s in history] == [False, False, True, False]
    members = [s.member for s in history]
    assert len({m["isVersionOf"] for m in members}) == 1
    assert len({m["@id"] for m in members}) == 4
    assert members[2]["gearchiveerd"] == "true"
    assert "gearchiveerd" not in members[3]
    assert "40,00" in members[1]["kosten"][0]["beschrijving"]["nl-BE-x-formal"]
    assert {m["creatie"] for m in members} == {members[0]["generatedAtTime"]}
    assert MunicipalityProduct.objects.count() == 1


@pytest.mark.django_db
def test_a_municipality_without_a_feed_has_none(
    client: Client, municipality: Municipality, kortrijk: Municipality, products: list[Product]
) -> None:
    assert _page(client, municipality).status_code == 404
    assert _page(client, kortrijk, 1).status_code == 404
    assert client.get("/kortrijk/producten/lpdc/instancesnapshot?pageNumber=x").status_code == 404
    assert client.get("/kortrijk/producten/lpdc/other.jsonld").status_code == 404
