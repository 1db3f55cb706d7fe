"""Public reports in OSLO Melding (JSON-LD): Loket's own output conforms to the published
SHACL shapes of the application profile, carries the status history, the geometry and the
handler, and never the reporter nor what Open311 does not show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from loket.reports.models import Report, ReportSource
from loket.reports.services import Reporter, ReportIntake, report_create, report_update
from loket.reports.views import oslo as oslo_views
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor
from tests.reports.conftest import MENEN_POINT, ReportsRegion

SHAPES = Path(__file__).resolve().parents[1] / "fixtures/interop/oslo-melding/shacl_melding.ttl"
MELDING = Namespace("https://data.vlaanderen.be/ns/melding#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
ORG = Namespace("http://www.w3.org/ns/org#")
DCT = Namespace("http://purl.org/dc/terms/")
OA = Namespace("http://www.w3.org/ns/oa#")
# The profile's status class is a placeholder: its code list was never published.
STATUS_CLASS = URIRef("http://fixme.com#MeldingStatuswaarde")
BASE = "https://loket.example"
SECRETS = ("Jan Melder", "jan.melder@example.org", "0470 99 88 77", "INTERNAL-NOTE-4711")


@pytest.fixture(autouse=True)
def _public_url(settings: Any) -> None:
    settings.LOKET_PUBLIC_URL = BASE


def _report(zwvl: ReportsRegion, code: str = "illegal-dumping", **kwargs: Any) -> Report:
    kwargs.setdefault("latitude", MENEN_POINT[0])
    kwargs.setdefault("longitude", MENEN_POINT[1])
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories[code],
            source=ReportSource.PORTAL,
            description="Afval naast de glasbol",
            reporter=Reporter(name="Jan Melder", email="jan.melder@example.org", phone=SECRETS[2]),
            **kwargs,
        ),
    )


def _graph(content: bytes) -> Graph:
    # The context is inline: parsing needs no network.
    return Graph().parse(data=content, format="json-ld")


def _conformance(data: Graph) -> tuple[bool, str, int]:
    """Validate against the published shapes, unchanged. Loket's status values (the
    concepts of its status scheme) stand in for the unpublished code list class."""
    shapes = Graph().parse(SHAPES, format="turtle")
    code_list = Graph()
    for concept in data.subjects(SKOS.inScheme, None):
        code_list.add((concept, RDF.type, STATUS_CLASS))
    conforms, results, text = validate(
        data + code_list, shacl_graph=shapes, inference="none", allow_warnings=False
    )
    violations = len(
        list(results.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))
    )
    return conforms, text, violations


@pytest.fixture
def handled(zwvl: ReportsRegion, menen_handler: Actor) -> Report:
    report = _report(zwvl)
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.ACKNOWLEDGED,
        note="INTERNAL-NOTE-4711",
    )
    report_update(
        actor=menen_handler, report_id=report.pk, to_status=ReportStatus.RESOLVED, message="Done"
    )
    return report


@pytest.mark.django_db
def test_a_report_conforms_to_the_oslo_melding_shapes(client: Client, handled: Report) -> None:
    response = client.get(f"/meldingen/{handled.pk}/oslo/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = _graph(response.content)
    conforms, text, violations = _conformance(data)
    assert (conforms, violations) == (True, 0), text

    melding = URIRef(f"{BASE}/meldingen/{handled.pk}/oslo/")
    assert (melding, RDF.type, MELDING.Melding) in data
    handler = data.value(melding, MELDING.behandelaar)
    assert (handler, RDF.type, ORG.OrganizationalUnit) in data
    assert str(handler).endswith("-afdeling-" + handled.department.code)
    municipality = data.value(handler, ORG.unitOf)
    assert data.value(municipality, DCT.identifier) == Literal(handled.municipality.nis_code)
    statuses = sorted(
        (
            str(data.value(status, MELDING.statusdatum)),
            str(data.value(status, MELDING.statuswaarde)),
        )
        for status in data.objects(melding, MELDING.heeftStatus)
    )
    assert [value.rsplit("#status-", 1)[1] for _, value in statuses] == [
        "new",
        "acknowledged",
        "resolved",
    ]
    body = data.value(melding, OA.hasBody)
    geometry = data.value(body, LOCN.geometry)
    assert str(data.value(geometry, GEO.asWKT)).endswith("POINT (3.1229600 50.7962200)")
    assert data.value(melding, MELDING.webpagina) == Literal(
        f"{BASE}/meldingen/{handled.pk}/",
        datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI"),
    )
    assert [str(concept) for concept in data.objects(melding, OA.motivatedBy)] == [
        f"{BASE}/open311/v2/services/illegal-dumping.json?jurisdiction_id=zwvl"
    ]


@pytest.mark.django_db
def test_the_report_page_links_to_its_melding(client: Client, handled: Report) -> None:
    page = client.get(f"/meldingen/{handled.pk}/").content.decode()

    assert (
        f'<link rel="alternate" type="application/ld+json" href="/meldingen/{handled.pk}/oslo/">'
        in page
    )


@pytest.mark.django_db
def test_the_reporter_and_internal_notes_never_leave(client: Client, handled: Report) -> None:
    content = client.get(f"/meldingen/{handled.pk}/oslo/").content.decode()
    feed = client.get("/meldingen/oslo/?jurisdiction_id=zwvl").content.decode()

    for secret in SECRETS:
        assert secret not in content
        assert secret not in feed
    data = _graph(content.encode())
    reporter = data.value(URIRef(f"{BASE}/meldingen/{handled.pk}/oslo/"), MELDING.indiener)
    assert list(data.predicate_objects(reporter)) == [(RDF.type, DCT.Agent)]


@pytest.mark.django_db
def test_a_report_in_a_sensitive_category_is_not_exported(
    client: Client, zwvl: ReportsRegion
) -> None:
    private = _report(zwvl, code="abandoned-vehicle")
    public = _report(zwvl)

    assert client.get(f"/meldingen/{private.pk}/oslo/").status_code == 404
    assert client.get("/meldingen/999999/oslo/").status_code == 404
    data = _graph(client.get("/meldingen/oslo/?jurisdiction_id=zwvl").content)
    meldingen = set(data.subjects(RDF.type, MELDING.Melding))
    assert meldingen == {URIRef(f"{BASE}/meldingen/{public.pk}/oslo/")}


@pytest.mark.django_db
def test_the_feed_is_paged_and_conforms(
    client: Client, zwvl: ReportsRegion, handled: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oslo_views, "PAGE_SIZE", 2)
    _report(zwvl)
    _report(zwvl, municipality=zwvl.kortrijk, latitude=None, longitude=None, address="Markt 1")
    hydra_next = URIRef("http://www.w3.org/ns/hydra/core#next")

    first = _graph(client.get("/meldingen/oslo/?jurisdiction_id=zwvl").content)
    second_url = f"{BASE}/meldingen/oslo/?jurisdiction_id=zwvl&page=2"
    second = _graph(client.get(second_url.removeprefix(BASE)).content)

    assert len(set(first.subjects(RDF.type, MELDING.Melding))) == 2
    assert [str(o) for o in first.objects(None, hydra_next)] == [second_url]
    assert len(set(second.subjects(RDF.type, MELDING.Melding))) == 1
    assert list(second.objects(None, hydra_next)) == []
    for page in (first, second):
        conforms, text, violations = _conformance(page)
        assert (conforms, violations) == (True, 0), text
    kortrijk = _graph(client.get("/meldingen/oslo/?jurisdiction_id=34022").content)
    assert len(set(kortrijk.subjects(RDF.type, MELDING.Melding))) == 1


@pytest.mark.django_db
def test_an_unknown_jurisdiction_or_page_is_refused(client: Client, zwvl: ReportsRegion) -> None:
    assert client.get("/meldingen/oslo/?jurisdiction_id=99999").status_code == 404
    assert client.get("/meldingen/oslo/?jurisdiction_id=zwvl&page=0").status_code == 400


@pytest.mark.django_db
def test_the_shapes_catch_a_melding_without_handler(client: Client, handled: Report) -> None:
    document = json.loads(client.get(f"/meldingen/{handled.pk}/oslo/").content)
    del document["behandelaar"]

    conforms, text, violations = _conformance(_graph(json.dumps(document).encode()))

    assert conforms is False
    assert violations >= 1
    assert "Result Path: <https://data.vlaanderen.be/ns/melding#behandelaar>" in text
