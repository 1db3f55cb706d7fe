"""The assistant's knowledge as one in-memory engine per process, rebuilt when it changes.

The fingerprint of the knowledge is read on every question (two small queries): the
number and latest change of the catalogue products, and `KnowledgeRevision`, which every
change of FAQ entries and phrasings bumps. A changed fingerprint rebuilds the engine, so
a phrasing taught in the back office is used by every web process on its next question.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from loket.assistant.documents import (
    TOWN_HALL_PHRASINGS,
    faq_document,
    faq_key,
    outside_documents,
    outside_question_documents,
    product_document,
    product_key,
    resident_phrasings,
    shipped_keywords,
    town_hall_documents,
)
from loket.assistant.engine import Engine
from loket.assistant.models import FaqEntry, FaqPhrasing, KnowledgeRevision, ProductPhrasing
from loket.catalog.selectors import products_all, products_for_municipality
from loket.tenancy.models import Municipality


@dataclass(frozen=True)
class Knowledge:
    engine: Engine
    product_codes: frozenset[str]
    # FAQ document key -> (region id, municipality id or None)
    faq_scopes: dict[str, tuple[int, int | None]]

    def allowed_for(self, municipality: Municipality | None) -> frozenset[str]:
        """The document keys that may answer in this municipality (or anywhere)."""
        if municipality is None:
            products = {product_key(code) for code in self.product_codes}
            faqs = {key for key, (_region, owner) in self.faq_scopes.items() if owner is None}
            return frozenset(products | faqs | TOWN_HALL_KEYS)
        offered = {
            product_key(offer.code)
            for offer in products_for_municipality(municipality=municipality)
        }
        faqs = {
            key
            for key, (region, owner) in self.faq_scopes.items()
            if region == municipality.region_id and owner in (None, municipality.pk)
        }
        # The town hall's hours and appointments are answered from its contact details,
        # when the municipality has published them.
        town_hall = TOWN_HALL_KEYS if municipality.has_contact else frozenset()
        return frozenset(offered | faqs | town_hall)


TOWN_HALL_KEYS = frozenset(TOWN_HALL_PHRASINGS)
_lock = threading.Lock()
_state: dict[str, Any] = {"fingerprint": None, "knowledge": None}


def knowledge_fingerprint() -> tuple[Any, ...]:
    products = products_all().aggregate(count=Count("pk"), changed=Max("updated_at"))
    revision = KnowledgeRevision.objects.values_list("number", flat=True).first() or 0
    return (products["count"], products["changed"], revision)


def knowledge_build() -> Knowledge:
    """Read products, phrasings and FAQ entries and build the engine."""
    learned: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, language, text in ProductPhrasing.objects.values_list(
        "product_code", "language", "text"
    ):
        learned[code].append((language, text))
    for code, phrasings in resident_phrasings().items():
        learned[code].extend(phrasings)
    keywords = shipped_keywords()
    documents = []
    codes = set()
    for product in products_all():
        codes.add(product.code)
        documents.append(
            product_document(
                code=product.code,
                names={
                    language: getattr(product, f"name_{language}")
                    for language in ("nl", "fr", "en")
                },
                summaries={
                    language: getattr(product, f"summary_{language}")
                    for language in ("nl", "fr", "en")
                },
                phrasings=learned.get(product.code, []),
                keywords=keywords.get(product.code, []),
            )
        )
    faq_phrasings: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry_id, language, text in FaqPhrasing.objects.filter(entry__is_active=True).values_list(
        "entry_id", "language", "text"
    ):
        faq_phrasings[entry_id].append((language, text))
    scopes: dict[str, tuple[int, int | None]] = {}
    for entry_id, region_id, municipality_id in FaqEntry.objects.filter(is_active=True).values_list(
        "pk", "region_id", "municipality_id"
    ):
        if faq_phrasings.get(entry_id):
            documents.append(faq_document(entry_id=entry_id, phrasings=faq_phrasings[entry_id]))
            scopes[faq_key(entry_id)] = (region_id, municipality_id)
    documents.extend(town_hall_documents())
    documents.extend(outside_documents())
    documents.extend(outside_question_documents())
    return Knowledge(Engine(documents), frozenset(codes), scopes)


def knowledge_current() -> Knowledge:
    """The knowledge of this process, rebuilt when the database says it changed."""
    fingerprint = knowledge_fingerprint()
    knowledge = _state["knowledge"]
    if knowledge is not None and _state["fingerprint"] == fingerprint:
        return knowledge  # type: ignore[no-any-return]
    with _lock:
        if _state["knowledge"] is None or _state["fingerprint"] != fingerprint:
            _state["knowledge"] = knowledge_build()
            _state["fingerprint"] = fingerprint
        return _state["knowledge"]  # type: ignore[no-any-return]


def knowledge_forget() -> None:
    """Drop this process's engine (tests; the fingerprint makes it unnecessary otherwise)."""
    with _lock:
        _state["fingerprint"] = None
        _state["knowledge"] = None
