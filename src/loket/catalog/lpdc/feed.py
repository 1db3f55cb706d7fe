"""A municipality's LDES feed for LPDC: each product it offers as an
`InstancePublicServiceSnapshot` (full data every time), in pages linked by
`tree:relation` on `prov:generatedAtTime`, shaped like LPDC's reference example.

The members use the compact keys of the IPDC-LPDC JSON-LD context (`naam`,
`beschrijving`, `bevoegdeOverheden` …), which Loket serves beside the pages. Texts are in
formal Dutch (`nl-BE-x-formal`) and English; the instance model allows no French.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from html import escape
from typing import Any

from django.urls import reverse

from loket.catalog.lpdc.data import lau_code
from loket.catalog.models import LpdcFeed, LpdcSnapshot
from loket.catalog.selectors import ProductOffer
from loket.config.links import absolute_url
from loket.tenancy.models import Municipality

PAGE_SIZE = 50
CONTENT_TYPE = "application/ld+json; charset=utf-8"
SNAPSHOT_BASE = "http://data.lblod.info/id/public-service-snapshot/"
INSTANCE_BASE = "http://data.lblod.info/id/public-service/"
# Fixed namespace: a municipality's product keeps the same instance IRI forever.
INSTANCE_NAMESPACE = uuid.UUID("6f1b3c1e-5d0a-4c55-9a53-4c0b8e1f7a21")
FORMAL_DUTCH = "nl-BE-x-formal"
# Loket's themes -> the IPDC "Thema" code list.
THEMES = {
    "identity": "BurgerOverheid",
    "civil-status": "BurgerOverheid",
    "residence": "BouwenWonen",
    "mobility": "MobiliteitOpenbareWerken",
    "permits": "EconomieWerk",
    "housing-environment": "BouwenWonen",
    "waste": "MilieuEnergie",
    "family-childcare": "WelzijnGezondheid",
    "leisure-sport": "CultuurSportVrijeTijd",
    "social-welfare": "WelzijnGezondheid",
    "taxes-finance": "BurgerOverheid",
    "general": "BurgerOverheid",
}
# Keys that change with every snapshot and are not part of the instance's content.
_VOLATILE = ("@id", "creatie", "laatstGewijzigd", "generatedAtTime")


def instance_iri(municipality: Municipality, code: str) -> str:
    return INSTANCE_BASE + str(uuid.uuid5(INSTANCE_NAMESPACE, f"{municipality.nis_code}/{code}"))


def snapshot_iri(snapshot_uuid: uuid.UUID) -> str:
    return SNAPSHOT_BASE + str(snapshot_uuid)


def _html(text: str) -> str:
    return "".join(
        f'<p data-indentation-level="0">{escape(line.strip())}</p>'
        for line in text.splitlines()
        if line.strip()
    )


def _texts(nl: str, en: str, *, html: bool = False) -> dict[str, str]:
    convert = _html if html else str.strip
    texts = {FORMAL_DUTCH: convert(nl), "en": convert(en)}
    return {language: value for language, value in texts.items() if value}


def _euro(cents: int, *, dutch: bool) -> str:
    amount = f"{cents // 100},{cents % 100:02d}" if dutch else f"{cents // 100}.{cents % 100:02d}"
    return f"€ {amount}"


def member_content(offer: ProductOffer, feed: LpdcFeed) -> dict[str, Any]:
    """The instance as LPDC reads it, without the snapshot's identifier and times."""
    product = offer.product
    authority = feed.bestuurseenheid_iri
    content: dict[str, Any] = {
        "@type": ["InstantieSnapshot"],
        "isVersionOf": instance_iri(offer.municipality, product.code),
        "aangemaaktDoor": authority,
        "naam": _texts(product.name_nl, product.name_en),
        "beschrijving": _texts(product.summary_nl, product.summary_en, html=True),
        "bevoegdeOverheden": [authority],
        "uitvoerendeOverheden": [authority],
        "geografischToepassingsgebieden": [lau_code(offer.municipality.nis_code)],
        "themas": [THEMES.get(product.theme, "BurgerOverheid")],
        "talen": ["NLD", "ENG"],
        "kosten": [
            {
                "@type": "Kost",
                "naam": {FORMAL_DUTCH: "Kostprijs", "en": "Cost"},
                "beschrijving": {
                    FORMAL_DUTCH: _html(
                        "Gratis." if not offer.fee_cents else _euro(offer.fee_cents, dutch=True)
                    ),
                    "en": _html(
                        "Free." if not offer.fee_cents else _euro(offer.fee_cents, dutch=False)
                    ),
                },
                "order": 0,
            }
        ],
    }
    further = _texts(offer.instructions_nl, offer.instructions_en, html=True)
    if further:
        content["verdereBeschrijving"] = further
    if product.ipdc_concept_iri:
        content["linkedConcept"] = product.ipdc_concept_iri
    return content


def content_hash(content: dict[str, Any]) -> str:
    stable = {key: value for key, value in content.items() if key not in _VOLATILE}
    encoded = json.dumps(stable, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def member_document(
    content: dict[str, Any], *, snapshot_uuid: uuid.UUID, created: datetime, now: datetime
) -> dict[str, Any]:
    """A full member: the content with its snapshot IRI and the three moments."""
    return {
        "@id": snapshot_iri(snapshot_uuid),
        **{k: v for k, v in content.items() if k not in _VOLATILE},
        "creatie": _timestamp(created),
        "laatstGewijzigd": _timestamp(now),
        "generatedAtTime": _timestamp(now),
    }


def feed_url(municipality: Municipality, page: int) -> str:
    path = reverse("catalog:lpdc-feed", kwargs={"slug": municipality.slug})
    return absolute_url(f"{path}?pageNumber={page}")


def context_urls(municipality: Municipality) -> list[str]:
    return [
        absolute_url(
            reverse("catalog:lpdc-context", kwargs={"slug": municipality.slug, "name": name})
        )
        for name in ("ipdc-lpdc-im.jsonld", "ldes.jsonld")
    ]


def page_count(municipality: Municipality) -> int:
    total = LpdcSnapshot.objects.filter(municipality=municipality).count()
    return max(1, -(-total // PAGE_SIZE))


def page_document(municipality: Municipality, page: int) -> dict[str, Any] | None:
    """Page `page` (from 0) of the feed, as in LPDC's reference example; None past the end.

    Pages hold the snapshots in the order they were made; a full page never changes."""
    pages = page_count(municipality)
    if not 0 <= page < pages:
        return None
    members = list(
        LpdcSnapshot.objects.filter(municipality=municipality)
        .order_by("id")
        .values_list("member", flat=True)[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    )
    relations = []
    if page > 0:
        relations.append(_relation(municipality, page - 1, "LessThanOrEqualToRelation"))
    if page < pages - 1:
        relations.append(_relation(municipality, page + 1, "GreaterThanOrEqualToRelation"))
    this = feed_url(municipality, page)
    return {
        "timestampPath": "generatedAtTime",
        "versionOfPath": "isVersionOf",
        "view": {"@id": this, "@type": "Node", "relation": relations},
        "@context": context_urls(municipality),
        "@id": this,
        "@type": "EventStream",
        "member": members,
    }


def page_is_final(municipality: Municipality, page: int) -> bool:
    """A full page that is not the last one never changes again."""
    return page < page_count(municipality) - 1


def _relation(municipality: Municipality, page: int, kind: str) -> dict[str, str]:
    return {"node": feed_url(municipality, page), "path": "generatedAtTime", "@type": kind}
