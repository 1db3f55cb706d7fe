"""IPDC concepts into Loket: read the pages of the IPDC concept LDES (from files or from a
URL, following the pages' `GreaterThanOrEqualToRelation`s), and turn the newest snapshot
of each concept into a proposal for a municipality's editor: new texts for the product
linked to the concept, or a new product. Accepting changes the regional catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from typing import Any

import requests
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.catalog.loading import DEFAULT_FORM, shipped_form_definitions
from loket.catalog.lpdc.services import lpdc_product_changed, lpdc_snapshots_sync
from loket.catalog.models import ConceptProposal, FormDefinition, MunicipalityProduct, Product
from loket.catalog.search import product_search_text
from loket.catalog.selectors import catalog_is_editable_by
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

MAX_PAGES = 1000
TIMEOUT_SECONDS = 30
# The Dutch text LPDC shows first, best first.
DUTCH = ("nl-BE-x-formal", "nl-BE-x-generated-formal", "nl", "nl-BE-x-informal")


def pages_from_files(paths: Iterable[Path]) -> list[dict[str, Any]]:
    return [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]


def pages_from_url(url: str, *, session: requests.Session | None = None) -> list[dict[str, Any]]:
    """The page at `url` and every later page it leads to."""
    http = session or requests.Session()
    pages: list[dict[str, Any]] = []
    seen: set[str] = set()
    queue = [url]
    while queue and len(pages) < MAX_PAGES:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        response = http.get(
            current, headers={"Accept": "application/ld+json"}, timeout=TIMEOUT_SECONDS
        )
        response.raise_for_status()
        page = response.json()
        pages.append(page)
        for relation in (page.get("view") or {}).get("relation", []):
            if relation.get("@type") == "GreaterThanOrEqualToRelation" and relation.get("node"):
                queue.append(str(relation["node"]))
    return pages


def _is_concept(member: dict[str, Any]) -> bool:
    kind = member.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ConceptSnapshot" in kinds and bool(member.get("isVersionOf"))


def latest_concepts(pages: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The newest snapshot of each concept (by generatedAtTime), archived ones left out."""
    newest: dict[str, dict[str, Any]] = {}
    for page in pages:
        for member in page.get("member", []):
            if not _is_concept(member):
                continue
            concept = str(member["isVersionOf"])
            stamp = str(member.get("generatedAtTime", ""))
            if concept not in newest or stamp >= str(newest[concept].get("generatedAtTime", "")):
                newest[concept] = member
    return [
        member
        for member in newest.values()
        if str(member.get("gearchiveerd", "false")).lower() != "true"
    ]


def _text(texts: Any, languages: tuple[str, ...]) -> str:
    if isinstance(texts, str):
        return texts
    for language in languages:
        value = (texts or {}).get(language)
        if value:
            return " ".join(unescape(strip_tags(str(value))).split())
    return ""


@transaction.atomic
def concepts_import(
    *, municipality: Municipality, pages: Iterable[dict[str, Any]]
) -> list[ConceptProposal]:
    """Proposals for the municipality from the concept pages (each snapshot only once)."""
    linked = {p.ipdc_concept_iri: p for p in Product.objects.exclude(ipdc_concept_iri="")}
    created = []
    for member in latest_concepts(pages):
        concept = str(member["isVersionOf"])
        name_nl = _text(member.get("naam"), DUTCH)[:300]
        description_nl = _text(member.get("beschrijving"), DUTCH)
        if not name_nl or not description_nl:
            continue
        name_en = _text(member.get("naam"), ("en",))[:300]
        description_en = _text(member.get("beschrijving"), ("en",))
        product = linked.get(concept)
        if product is not None and (product.name_nl, product.summary_nl) == (
            name_nl,
            description_nl,
        ):
            continue
        proposal, is_new = ConceptProposal.objects.get_or_create(
            municipality=municipality,
            concept_snapshot_iri=str(member.get("@id", concept))[:300],
            defaults={
                "kind": ConceptProposal.Kind.NEW_PRODUCT
                if product is None
                else ConceptProposal.Kind.TEXTS,
                "product": product,
                "concept_iri": concept[:300],
                "product_number": str(member.get("productnummer", ""))[:20],
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": description_nl,
                "description_en": description_en,
            },
        )
        if is_new:
            created.append(proposal)
    return created


def _unique_code(name: str) -> str:
    base = slugify(name)[:50].strip("-") or "ipdc-product"
    code, number = base, 2
    while Product.objects.filter(code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def concept_proposal_decide(
    *, actor: Actor, proposal: ConceptProposal, accept: bool
) -> ConceptProposal:
    """Accept (change the regional catalogue) or reject an open proposal."""
    if not actor.has(Permission.CATALOG_MANAGE, proposal.municipality_id):
        raise PermissionDenied
    proposal = ConceptProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ConceptProposal.Status.OPEN:
        raise ValidationError(_("This proposal was decided already."))
    if accept:
        if not catalog_is_editable_by(actor=actor):
            raise PermissionDenied
        if proposal.kind == ConceptProposal.Kind.TEXTS and proposal.product is not None:
            _texts_apply(proposal, proposal.product)
        else:
            _product_create(proposal)
    proposal.status = ConceptProposal.Status.ACCEPTED if accept else ConceptProposal.Status.REJECTED
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor.user
    proposal.save()
    return proposal


def _texts_apply(proposal: ConceptProposal, product: Product) -> None:
    product = Product.objects.select_for_update().get(pk=product.pk)
    product.name_nl = proposal.name_nl[:200]
    product.summary_nl = proposal.description_nl
    if proposal.name_en and proposal.description_en:
        product.name_en = proposal.name_en[:200]
        product.summary_en = proposal.description_en
    product.search_text = product_search_text(product)
    product.save()
    lpdc_product_changed(product=product)


def _product_create(proposal: ConceptProposal) -> None:
    """A new regional product, offered by the proposal's municipality only."""
    product = Product(
        code=_unique_code(proposal.name_nl),
        theme="general",
        name_nl=proposal.name_nl[:200],
        name_fr="",
        name_en=proposal.name_en[:200],
        summary_nl=proposal.description_nl,
        summary_fr="",
        summary_en=proposal.description_en,
        channels=["counter"],
        ipdc_concept_iri=proposal.concept_iri,
    )
    product.search_text = product_search_text(product)
    product.save()
    FormDefinition.objects.create(
        product=product,
        version=1,
        definition=shipped_form_definitions()[DEFAULT_FORM],
        is_shipped=True,
    )
    MunicipalityProduct.objects.bulk_create(
        MunicipalityProduct(municipality=other, product=product, is_enabled=False)
        for other in Municipality.objects.exclude(pk=proposal.municipality_id)
    )
    proposal.product = product
    municipality = Municipality.objects.get(pk=proposal.municipality_id)
    lpdc_snapshots_sync(municipality=municipality, products=[product])
