"""Public reports as JSON-LD in the Flemish OSLO "Melding" vocabulary (application profile
"Issue tracking voor burgers en organisaties"), beside Open311 (docs/interop.md).

Only what the public Open311 view shows leaves through here: the category, the status and
its history, the location, the address, the description and the handling department or
municipality. Never the reporter: the profile requires an `indiener`, so each report has an
anonymous agent of its own (`…#indiener`) with no property at all. Reports that are not
public (sensitive categories) are not exported, exactly as in Open311.

The document uses the profile's own JSON-LD context (shipped in data/oslo/, see NOTICE),
extended with the few terms the profile's context lacks (the classes of a status, a body
and a geometry; SKOS labels; Hydra paging). Two quirks of the published profile shape the
output: its `Organisatie` is `https://www.w3.org/ns/org#Organization` (https), so the
municipality is typed with that and the W3C `http://` class; and its geometry requires
both WKT and GML literals typed `rdfs:Literal`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from loket.config.links import absolute_url
from loket.reports.models import EventKind, Report, ReportEvent
from loket.reports.selectors import PUBLIC_REPORT_FIELDS
from loket.reports.workflow import ReportStatus
from loket.tenancy.models import Department, Municipality, Region

MELDING_NS = "https://data.vlaanderen.be/ns/melding#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LANGUAGES = ("nl", "fr", "en")
# History rows that set a status.
STATUS_EVENTS = (
    EventKind.CREATED,
    EventKind.STATUS_CHANGED,
    EventKind.REOPENED,
    EventKind.MERGED,
)
CONTENT_TYPE = "application/ld+json; charset=utf-8"


@cache
def oslo_context() -> dict[str, Any]:
    """The profile's context (unchanged) with Loket's additions."""
    path = Path(__file__).parent / "data" / "oslo" / "context_melding.jsonld"
    profile: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["@context"]
    additions = {
        "Meldingstatus": f"{MELDING_NS}Meldingstatus",
        "MeldingBody": f"{MELDING_NS}MeldingBody",
        "Geometrie": "http://www.w3.org/ns/locn#Geometry",
        "Concept": f"{SKOS}Concept",
        "ConceptSchema": f"{SKOS}ConceptScheme",
        "W3COrganisatie": "http://www.w3.org/ns/org#Organization",
        "Pagina": "http://www.w3.org/ns/hydra/core#PartialCollectionView",
        "voorkeursnaam": {"@id": f"{SKOS}prefLabel", "@container": "@language"},
        "notatie": f"{SKOS}notation",
        "inSchema": {"@id": f"{SKOS}inScheme", "@type": "@id"},
        "identificator": "http://purl.org/dc/terms/identifier",
        "aangemaakt": {
            "@id": "http://purl.org/dc/terms/created",
            "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
        },
        "gewijzigd": {
            "@id": "http://purl.org/dc/terms/modified",
            "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
        },
        "adresvoorstelling": "http://www.w3.org/ns/locn#fullAddress",
        "postcode": "http://www.w3.org/ns/locn#postCode",
        "volgende": {"@id": "http://www.w3.org/ns/hydra/core#next", "@type": "@id"},
        "eerste": {"@id": "http://www.w3.org/ns/hydra/core#first", "@type": "@id"},
    }
    return {"@context": [profile, additions]}


def feed_url() -> str:
    return absolute_url(reverse("reports:oslo-feed"))


def report_iri(report_id: int) -> str:
    return absolute_url(reverse("reports:oslo-report", kwargs={"report_id": report_id}))


def status_scheme_iri() -> str:
    return f"{feed_url()}#statuswaarden"


def status_iri(status: str) -> str:
    return f"{feed_url()}#status-{status}"


def _labels(source: Any) -> dict[str, str]:
    return {language: source.name_in(language) for language in LANGUAGES}


def _status_labels(status: str) -> dict[str, str]:
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(ReportStatus(status).label)
    return labels


def _municipality(municipality: Municipality) -> dict[str, Any]:
    page = reverse("reports:public-municipality", kwargs={"slug": municipality.slug})
    return {
        "@id": f"{absolute_url(page)}#organisatie",
        "@type": ["Agent", "PubliekeOrganisatie", "Organisatie", "W3COrganisatie"],
        "voorkeursnaam": _labels(municipality),
        "identificator": municipality.nis_code,
    }


def _region(region: Region) -> dict[str, Any]:
    return {
        "@id": f"{absolute_url(reverse('reports:public-list'))}#regio-{region.slug}",
        "@type": ["Agent", "PubliekeOrganisatie", "Organisatie", "W3COrganisatie"],
        "voorkeursnaam": _labels(region),
    }


def _department(department: Department) -> dict[str, Any]:
    organisation = (
        _municipality(department.municipality)
        if department.municipality is not None
        else _region(department.region)
    )
    return {
        "@id": f"{organisation['@id']}-afdeling-{department.code}",
        "@type": ["Agent", "OrganisatieEenheid"],
        "voorkeursnaam": _labels(department),
        "isEenheidVan": organisation,
    }


def _category(report: Report) -> dict[str, Any]:
    category = report.category
    services = reverse("open311:service-definition", kwargs={"service_code": category.code})
    return {
        "@id": f"{absolute_url(services)}.json?jurisdiction_id={report.region.slug}",
        "@type": "Concept",
        "voorkeursnaam": _labels(category),
        "notatie": category.code,
    }


def _geometry(report: Report, iri: str) -> dict[str, Any] | None:
    if report.latitude is None or report.longitude is None:
        return None
    lat, lon = f"{report.latitude:.7f}", f"{report.longitude:.7f}"
    return {
        "@id": f"{iri}#geometrie",
        "@type": "Geometrie",
        "wkt": f"<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT ({lon} {lat})",
        "gml": (
            '<gml:Point xmlns:gml="http://www.opengis.net/gml/3.2" '
            'srsName="http://www.opengis.net/def/crs/EPSG/0/4326">'
            f"<gml:pos>{lat} {lon}</gml:pos></gml:Point>"
        ),
    }


def _statuses(
    report: Report, iri: str, handler: dict[str, Any], reporter: dict[str, Any]
) -> list[dict[str, Any]]:
    statuses = []
    for event in report.events.all():
        target = event.to_status or (ReportStatus.NEW if event.kind == EventKind.CREATED else "")
        if event.kind not in STATUS_EVENTS or not target:
            continue
        by_reporter = event.kind in (EventKind.CREATED, EventKind.REOPENED)
        statuses.append(
            {
                "@id": f"{iri}#status-{event.pk}",
                "@type": "Meldingstatus",
                "statuswaarde": {
                    "@id": status_iri(target),
                    "@type": "Concept",
                    "inSchema": status_scheme_iri(),
                    "notatie": target,
                    "voorkeursnaam": _status_labels(target),
                },
                "statusdatum": event.created_at.isoformat(),
                "beschrijving": str(ReportStatus(target).label),
                "statuswijzigingDoor": {"@id": reporter["@id"] if by_reporter else handler["@id"]},
            }
        )
    return statuses


def melding(report: Report) -> dict[str, Any]:
    """One public report as a `Melding` node (without @context)."""
    iri = report_iri(report.pk)
    municipality = _municipality(report.municipality)
    handler = _department(report.department) if report.department else municipality
    reporter = {"@id": f"{iri}#indiener", "@type": "Agent"}
    body: dict[str, Any] = {"@id": f"{iri}#body", "@type": "MeldingBody"}
    if report.description:
        body["beschrijving"] = report.description
    geometry = _geometry(report, iri)
    if geometry is not None:
        body["geometrie"] = geometry
    place = report.address or report.municipality.name
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "Melding",
        "identificator": str(report.pk),
        "titel": f"{report.category.name}: {place}",
        "meldingstype": [_category(report)],
        "heeftBody": [body],
        "heeftStatus": _statuses(report, iri, handler, reporter),
        "behandelaar": handler,
        "indiener": reporter,
        "meldingsorganisatie": municipality,
        "webpagina": absolute_url(reverse("reports:detail", kwargs={"report_id": report.pk})),
        "aangemaakt": report.created_at.isoformat(),
        "gewijzigd": (report.closed_at or report.updated_at).isoformat(),
    }
    if report.address:
        node["adresvoorstelling"] = report.address
    if report.postal_code:
        node["postcode"] = report.postal_code
    return node


def with_history(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Public reports with what the export reads, and only public fields."""
    events = ReportEvent.objects.filter(kind__in=STATUS_EVENTS).only(
        "id", "report_id", "kind", "to_status", "created_at"
    )
    return (
        reports.select_related(
            "municipality",
            "region",
            "category",
            "department__municipality",
            "department__region",
        )
        .only(
            *PUBLIC_REPORT_FIELDS,
            "municipality__name_nl",
            "municipality__name_fr",
            "municipality__name_en",
            "municipality__slug",
            "municipality__nis_code",
            "region__slug",
            "category__code",
            "category__name_nl",
            "category__name_fr",
            "category__name_en",
            "department__code",
            "department__name_nl",
            "department__name_fr",
            "department__name_en",
            "department__municipality__name_nl",
            "department__municipality__name_fr",
            "department__municipality__name_en",
            "department__municipality__slug",
            "department__municipality__nis_code",
            "department__region__slug",
            "department__region__name_nl",
            "department__region__name_fr",
            "department__region__name_en",
        )
        .prefetch_related(Prefetch("events", queryset=events))
    )


def document(report: Report) -> dict[str, Any]:
    return {**oslo_context(), **melding(report)}


def status_scheme() -> dict[str, Any]:
    return {
        "@id": status_scheme_iri(),
        "@type": "ConceptSchema",
        "voorkeursnaam": {language: _scheme_label(language) for language in LANGUAGES},
    }


def _scheme_label(language: str) -> str:
    with translation.override(language):
        return gettext("Statuses of a public-space report")


def feed(
    reports: Iterable[Report], *, page_url: str, first_url: str, next_url: str | None
) -> dict[str, Any]:
    """A page of the feed: the reports, the status code list, a link to the next page."""
    view: dict[str, Any] = {"@id": page_url, "@type": "Pagina", "eerste": first_url}
    if next_url:
        view["volgende"] = next_url
    return {**oslo_context(), "@graph": [view, status_scheme(), *map(melding, reports)]}
