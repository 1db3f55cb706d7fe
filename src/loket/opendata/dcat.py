"""The open-data catalogue in DCAT-AP 3.0 (JSON-LD and Turtle), built as an RDF graph with
rdflib: one catalogue per municipality and one per region, each describing its datasets,
their distributions (with licence, format, media type, size and checksum), the publisher,
the area (the municipality's NIS code) and the period the data covers. Checked against the
official DCAT-AP 3.0.0 SHACL shapes in the tests."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from loket.config.links import absolute_url
from loket.opendata.datasets import DATASETS, Dataset
from loket.opendata.files import MEDIA_TYPES
from loket.opendata.models import PublishedFile
from loket.tenancy.models import Municipality, Region

LANGUAGES = ("nl", "fr", "en")
EU = "http://publications.europa.eu/resource/authority/"
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LICENCES = {
    "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/",
}
EU_LICENCES = {"CC0-1.0": f"{EU}licence/CC0", "CC-BY-4.0": f"{EU}licence/CC_BY_4_0"}
FILE_TYPES = {"csv": f"{EU}file-type/CSV", "geojson": f"{EU}file-type/GEOJSON"}
# The labels of the EU data themes used (from the EU's data-theme authority table).
THEME_LABELS = {
    "GOVE": {
        "nl": "Overheid en publieke sector",
        "fr": "Gouvernement et secteur public",
        "en": "Government and public sector",
    },
    "SOCI": {
        "nl": "Bevolking en samenleving",
        "fr": "Population et société",
        "en": "Population and society",
    },
}
IANA = "http://www.iana.org/assignments/media-types/"


def licence_iri() -> str:
    return EU_LICENCES[settings.LOKET_OPEN_DATA_LICENCE]


def catalogue_path(region: Region, municipality: Municipality | None, suffix: str) -> str:
    if municipality is None:
        return reverse(
            "opendata:region-catalogue", kwargs={"region": region.slug, "suffix": suffix}
        )
    return reverse("opendata:catalogue", kwargs={"slug": municipality.slug, "suffix": suffix})


def file_path(
    region: Region, municipality: Municipality | None, dataset: str, file_format: str
) -> str:
    if municipality is None:
        return reverse(
            "opendata:region-file",
            kwargs={"region": region.slug, "dataset": dataset, "file_format": file_format},
        )
    return reverse(
        "opendata:file",
        kwargs={"slug": municipality.slug, "dataset": dataset, "file_format": file_format},
    )


def page_path(region: Region, municipality: Municipality | None) -> str:
    if municipality is None:
        return reverse("opendata:region", kwargs={"region": region.slug})
    return reverse("opendata:municipality", kwargs={"slug": municipality.slug})


def _labels(graph: Graph, subject: URIRef | BNode, predicate: URIRef, text: object) -> None:
    for language in LANGUAGES:
        with translation.override(language):
            graph.add((subject, predicate, Literal(str(text), lang=language)))


def _publisher(graph: Graph, region: Region, municipality: Municipality | None) -> URIRef:
    owner = municipality or region
    agent = URIRef(absolute_url(page_path(region, municipality)) + "#uitgever")
    graph.add((agent, RDF.type, FOAF.Agent))
    for language in LANGUAGES:
        graph.add((agent, FOAF.name, Literal(owner.name_in(language), lang=language)))
    return agent


def _location(graph: Graph, municipality: Municipality | None, base: str) -> URIRef:
    location = URIRef(f"{base}#gebied")
    graph.add((location, RDF.type, DCTERMS.Location))
    if municipality is not None:
        graph.add((location, DCTERMS.identifier, Literal(municipality.nis_code)))
    return location


def _dataset(
    graph: Graph,
    *,
    dataset: Dataset,
    files: list[PublishedFile],
    region: Region,
    municipality: Municipality | None,
    publisher: URIRef,
    location: URIRef,
    contact: URIRef,
    base: str,
) -> URIRef:
    node = URIRef(f"{base}#dataset-{dataset.slug}")
    graph.add((node, RDF.type, DCAT.Dataset))
    _labels(graph, node, DCTERMS.title, dataset.title)
    _labels(graph, node, DCTERMS.description, dataset.description)
    for keyword in dataset.keywords:
        _labels(graph, node, DCAT.keyword, keyword)
    graph.add((node, DCTERMS.identifier, Literal(f"{base}#dataset-{dataset.slug}")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.spatial, location))
    graph.add((node, DCAT.contactPoint, contact))
    theme = URIRef(f"{EU}data-theme/{dataset.theme}")
    graph.add((theme, RDF.type, SKOS.Concept))
    for language, label in THEME_LABELS[dataset.theme].items():
        graph.add((theme, SKOS.prefLabel, Literal(label, lang=language)))
    graph.add((node, DCAT.theme, theme))
    frequency = URIRef(f"{EU}frequency/DAILY")
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    graph.add((node, DCTERMS.accrualPeriodicity, frequency))
    starts = [f.covers_from for f in files if f.covers_from]
    ends = [f.covers_until for f in files if f.covers_until]
    if starts and ends:
        period = BNode(f"periode-{dataset.slug}")
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(min(starts), datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(max(ends), datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, period))
    if files:
        graph.add(
            (
                node,
                DCTERMS.modified,
                Literal(max(f.modified_at for f in files), datatype=XSD.dateTime),
            )
        )
    licence = URIRef(licence_iri())
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for published in files:
        distribution = URIRef(f"{base}#distributie-{dataset.slug}-{published.file_format}")
        url = URIRef(
            absolute_url(file_path(region, municipality, dataset.slug, published.file_format))
        )
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((url, RDF.type, RDFS.Resource))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        _labels(graph, distribution, DCTERMS.title, dataset.title)
        graph.add((distribution, DCTERMS.license, licence))
        file_type = URIRef(FILE_TYPES[published.file_format])
        graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((distribution, DCTERMS.format, file_type))
        media_type = URIRef(IANA + MEDIA_TYPES[published.file_format])
        graph.add((media_type, RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCAT.mediaType, media_type))
        graph.add(
            (
                distribution,
                DCAT.byteSize,
                Literal(published.byte_size, datatype=XSD.nonNegativeInteger),
            )
        )
        graph.add(
            (distribution, DCTERMS.modified, Literal(published.modified_at, datatype=XSD.dateTime))
        )
        checksum = BNode(f"checksum-{dataset.slug}-{published.file_format}")
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(published.sha256, datatype=XSD.hexBinary)))
        graph.add((distribution, SPDX.checksum, checksum))
    return node


def catalogue_graph(*, region: Region, municipality: Municipality | None) -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("spdx", SPDX)
    graph.bind("vcard", VCARD)
    base = absolute_url(page_path(region, municipality))
    catalogue = URIRef(f"{base}#catalogus")
    owner = municipality or region
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for language in LANGUAGES:
        with translation.override(language):
            title = translation.gettext("Open data of %(name)s") % {"name": owner.name_in(language)}
            description = translation.gettext(
                "Anonymised, aggregated data on the services of %(name)s, published every night."
            ) % {"name": owner.name_in(language)}
        graph.add((catalogue, DCTERMS.title, Literal(title, lang=language)))
        graph.add((catalogue, DCTERMS.description, Literal(description, lang=language)))
    publisher = _publisher(graph, region, municipality)
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((URIRef(base), RDF.type, FOAF.Document))
    graph.add((catalogue, FOAF.homepage, URIRef(base)))
    location = _location(graph, municipality, base)
    graph.add((catalogue, DCTERMS.spatial, location))
    licence = URIRef(licence_iri())
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((catalogue, DCTERMS.license, licence))
    contact = URIRef(f"{base}#contact")
    graph.add((contact, RDF.type, VCARD.Kind))
    email = getattr(municipality, "email", "") if municipality is not None else ""
    if email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    graph.add((contact, VCARD.fn, Literal(owner.name_in("nl"), lang="nl")))
    files = published_files(region=region, municipality=municipality)
    for dataset in DATASETS:
        own = [f for f in files if f.dataset == dataset.slug]
        node = _dataset(
            graph,
            dataset=dataset,
            files=own,
            region=region,
            municipality=municipality,
            publisher=publisher,
            location=location,
            contact=contact,
            base=base,
        )
        graph.add((catalogue, DCAT.dataset, node))
    if files:
        graph.add(
            (
                catalogue,
                DCTERMS.modified,
                Literal(max(f.modified_at for f in files), datatype=XSD.dateTime),
            )
        )
    return graph


def published_files(*, region: Region, municipality: Municipality | None) -> list[PublishedFile]:
    return list(
        PublishedFile.objects.filter(region=region, municipality=municipality)
        .defer("content")
        .order_by("dataset", "file_format")
    )


def serialise(graph: Graph, suffix: str) -> tuple[bytes, str]:
    if suffix == "ttl":
        return graph.serialize(format="turtle").encode("utf-8"), "text/turtle; charset=utf-8"
    return (
        graph.serialize(format="json-ld", auto_compact=True).encode("utf-8"),
        "application/ld+json; charset=utf-8",
    )
