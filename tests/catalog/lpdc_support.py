"""What the LPDC tests share: a municipality known to LPDC with its feed, and the
published shapes, code lists and ontologies to validate the feed's pages against."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef

from loket.catalog.lpdc.data import context_json
from loket.catalog.models import LpdcFeed
from loket.tenancy.models import Municipality
from tests.factories import MunicipalityFactory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures/interop/lpdc"
UNIT = "http://data.lblod.info/id/bestuurseenheden/0f5ff5b2c4d0b5e3c1f9a1b2c3d4e5f60718293a4b5c6d7e8f9012345678abcd"
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
LPDC = Namespace("https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SH = Namespace("http://www.w3.org/ns/shacl#")


def lpdc_municipality(**kwargs: Any) -> Municipality:
    """Kortrijk's NIS code, so the feed names a NUTS/LAU code of the LPDC code list."""
    municipality: Municipality = MunicipalityFactory(nis_code="34022", slug="kortrijk", **kwargs)
    LpdcFeed.objects.create(municipality=municipality, bestuurseenheid_iri=UNIT)
    return municipality


def page_graph(page: dict[str, Any]) -> Graph:
    """The page as RDF, its remote contexts replaced by Loket's copies (as LPDC reads it)."""
    local = dict(page)
    local["@context"] = [
        context_json("ipdc-lpdc-im.jsonld")["@context"],
        context_json("ldes.jsonld")["@context"],
    ]
    return Graph().parse(data=json.dumps(local), format="json-ld")


@cache
def _reference_graph() -> Graph:
    graph = Graph()
    for path in sorted((FIXTURES / "codelists").glob("*.ttl")) + sorted(
        (FIXTURES / "ontologies").glob("*.ttl")
    ):
        graph.parse(path, format="turtle")
    return graph


@cache
def _shapes() -> Graph:
    return Graph().parse(FIXTURES / "shapes/instantie-shape.ttl", format="turtle")


def conformance(data: Graph, *, concepts: tuple[str, ...] = ()) -> tuple[bool, str, int]:
    """pySHACL against instantie-shape.ttl, with the code lists and ontologies in the data
    graph, and the IRIs the shapes need typed stubbed as the reference pages do."""
    graph = Graph()
    graph += _reference_graph()
    graph += data
    graph.add((URIRef(UNIT), RDF.type, BESLUIT.Bestuurseenheid))
    for language in ("NLD", "ENG"):
        iri = URIRef(f"http://publications.europa.eu/resource/authority/language/{language}")
        graph.add((iri, RDF.type, SKOS.Concept))
    for concept in concepts:
        graph.add((URIRef(concept), RDF.type, LPDC.ConceptualPublicService))
    conforms, results, text = validate(graph, shacl_graph=_shapes(), inference="none")
    violations = len(list(results.subjects(RDF.type, SH.ValidationResult)))
    return conforms, text, violations
