"""A municipality's catalogue as JSON-LD in the EU Core Public Service Vocabulary
Application Profile (CPSV-AP 3.2.0), the model of the Single Digital Gateway and of the
Belgian and Flemish product catalogues built on it (docs/interop.md, "CPSV-AP").

One `cpsv:PublicService` per product the municipality offers: its names and summaries in
Dutch, French and English, the municipality as competent authority, the fee (`cv:Cost` in
euro), the processing time (`xsd:duration`), the channels it can be asked through, its
theme and life events. Code-list values are typed `skos:Concept` in the document itself:
the EU's currency and language tables, and Loket's own themes, life events and channel
types (concepts of this document, labelled in three languages).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from loket.catalog.selectors import ProductOffer
from loket.catalog.vocabulary import RequestChannel, term_get
from loket.config.links import absolute_url
from loket.tenancy.models import Municipality

LANGUAGES = ("nl", "fr", "en")
EU_LANGUAGE = {
    "nl": "http://publications.europa.eu/resource/authority/language/NLD",
    "fr": "http://publications.europa.eu/resource/authority/language/FRA",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}
EURO = "http://publications.europa.eu/resource/authority/currency/EUR"
CONTENT_TYPE = "application/ld+json; charset=utf-8"

CONTEXT: dict[str, Any] = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "PublicService": "cpsv:PublicService",
    "PublicOrganisation": "cv:PublicOrganisation",
    "Location": "dct:Location",
    "LinguisticSystem": "dct:LinguisticSystem",
    "Cost": "cv:Cost",
    "Channel": "cv:Channel",
    "Event": "cv:Event",
    "LifeEvent": "cv:LifeEvent",
    "Concept": "skos:Concept",
    "identifier": "dct:identifier",
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "notation": "skos:notation",
    "language": {"@id": "dct:language", "@type": "@id"},
    "spatial": {"@id": "dct:spatial", "@type": "@id"},
    "type": {"@id": "dct:type", "@type": "@id"},
    "hasCompetentAuthority": {"@id": "cv:hasCompetentAuthority", "@type": "@id"},
    "hasCost": {"@id": "cv:hasCost", "@type": "@id"},
    "hasValue": {"@id": "cv:hasValue", "@type": "xsd:double"},
    "currency": {"@id": "cv:currency", "@type": "@id"},
    "hasChannel": {"@id": "cv:hasChannel", "@type": "@id"},
    "ownedBy": {"@id": "cv:ownedBy", "@type": "@id"},
    "processingTime": {"@id": "cv:processingTime", "@type": "xsd:duration"},
    "thematicArea": {"@id": "cv:thematicArea", "@type": "@id"},
    "isGroupedBy": {"@id": "cv:isGroupedBy", "@type": "@id"},
}


def catalogue_iri(municipality: Municipality) -> str:
    return absolute_url(reverse("catalog:cpsv-ap", kwargs={"slug": municipality.slug}))


def _labels(function: Any) -> dict[str, str]:
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(function(language))
    return labels


def _authority(municipality: Municipality) -> dict[str, Any]:
    portal = absolute_url(reverse("catalog:portal", kwargs={"slug": municipality.slug}))
    return {
        "@id": f"{portal}#organisatie",
        "@type": ["PublicOrganisation", "org:Organization"],
        "prefLabel": _labels(municipality.name_in),
        "identifier": municipality.nis_code,
        "spatial": {
            "@id": f"{portal}#grondgebied",
            "@type": "Location",
            "prefLabel": _labels(municipality.name_in),
        },
    }


def _concept(iri: str, code: str, labels: dict[str, str]) -> dict[str, Any]:
    return {"@id": iri, "@type": "Concept", "notation": code, "prefLabel": labels}


def _days(days: int) -> str:
    return f"P{days}D"


def public_service(
    offer: ProductOffer, *, document: str, authority: dict[str, Any]
) -> dict[str, Any]:
    product = offer.product
    iri = absolute_url(
        reverse("catalog:product", kwargs={"slug": offer.municipality.slug, "code": product.code})
    )
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "PublicService",
        "identifier": product.code,
        "title": {language: offer.name_in(language) for language in LANGUAGES},
        "description": {language: offer.summary_in(language) for language in LANGUAGES},
        "language": [{"@id": EU_LANGUAGE[code], "@type": "LinguisticSystem"} for code in LANGUAGES],
        "hasCompetentAuthority": authority["@id"],
        "spatial": authority["spatial"]["@id"],
        "hasCost": {
            "@id": f"{iri}#kosten",
            "@type": "Cost",
            "identifier": f"{offer.municipality.nis_code}-{product.code}-cost",
            "hasValue": offer.fee_cents / 100,
            "currency": {"@id": EURO, "@type": "Concept", "notation": "EUR"},
        },
        "hasChannel": [
            {
                "@id": f"{iri}#kanaal-{channel}",
                "@type": "Channel",
                "identifier": f"{offer.municipality.nis_code}-{product.code}-{channel}",
                "type": _concept(
                    f"{document}#kanaal-{channel}",
                    channel,
                    _labels(lambda _language, c=channel: RequestChannel(c).label),
                ),
                "ownedBy": authority["@id"],
            }
            for channel in product.channels
        ],
    }
    if offer.processing_days:
        node["processingTime"] = _days(offer.processing_days)
    theme = term_get(product.theme)
    if theme is not None:
        node["thematicArea"] = _concept(
            f"{document}#thema-{theme.code}", theme.code, _labels(theme.label_in)
        )
    events = []
    for code in product.life_events:
        term = term_get(code)
        if term is None:
            continue
        events.append(
            {
                "@id": f"{document}#levensgebeurtenis-{code}",
                "@type": ["Event", "LifeEvent"],
                "identifier": code,
                "title": _labels(term.label_in),
            }
        )
    if events:
        node["isGroupedBy"] = events
    return node


def catalogue_document(municipality: Municipality, offers: list[ProductOffer]) -> dict[str, Any]:
    """The municipality's offered products as one JSON-LD document."""
    document = catalogue_iri(municipality)
    authority = _authority(municipality)
    services = [public_service(offer, document=document, authority=authority) for offer in offers]
    return {"@context": CONTEXT, "@graph": [authority, *services]}
