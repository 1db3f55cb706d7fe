"""From the engine's decision to what the resident reads: the answer composed from an FAQ
entry or a product offer (handed over when there is none), and the names offered when the
assistant asks which of two the resident means. Reads only; `services.assistant_ask` writes."""

from __future__ import annotations

from dataclasses import dataclass

from loket.assistant.documents import key_parse
from loket.assistant.engine import Decision
from loket.assistant.models import FaqEntry
from loket.assistant.replies import (
    Action,
    faq_answer,
    product_answer,
    product_answer_without_municipality,
    town_hall_answer,
    town_hall_title,
)
from loket.assistant.workflow import Outcome
from loket.catalog.selectors import product_get, product_offer_get
from loket.tenancy.models import Municipality

TOWN_HALL = "town-hall"


def name_of(key: str, language: str) -> str:
    kind, value = key_parse(key)
    if kind == "product":
        product = product_get(value)
        return product.name_in(language) if product is not None else value
    if kind == TOWN_HALL:
        return town_hall_title(value, language)
    entry = FaqEntry.objects.filter(pk=int(value)).prefetch_related("phrasings").first()
    if entry is None:
        return value
    phrasings = [p.text for p in entry.phrasings.all() if p.language == language]
    return phrasings[0] if phrasings else next((p.text for p in entry.phrasings.all()), value)


def product_codes(keys: list[str]) -> list[str]:
    return [value for kind, value in map(key_parse, keys) if kind == "product"]


@dataclass
class Composed:
    answer: str
    actions: list[Action]
    product_code: str | None
    faq_entry: FaqEntry | None = None


def answer_compose(key: str, language: str, municipality: Municipality | None) -> Composed | None:
    kind, value = key_parse(key)
    if kind == TOWN_HALL:
        text, actions = town_hall_answer(value, language, municipality)
        return Composed(text, actions, None)
    if kind == "faq":
        entry = FaqEntry.objects.filter(pk=int(value), is_active=True).first()
        if entry is None:
            return None
        text, actions = faq_answer(entry, language, municipality)
        return Composed(text, actions, entry.product_code or None, entry)
    if municipality is None:
        product = product_get(value)
        if product is None:
            return None
        text, actions = product_answer_without_municipality(
            code=value,
            name=product.name_in(language),
            summary=product.summary_in(language),
            language=language,
        )
        return Composed(text, actions, value)
    offer = product_offer_get(municipality=municipality, code=value)
    if offer is None:
        return None
    text, actions = product_answer(offer, language)
    return Composed(text, actions, value)


def outcome_compose(
    decision: Decision, municipality: Municipality | None
) -> tuple[Outcome, Composed | None, list[str]]:
    """The outcome once the answer is composed (handed over when it cannot be), and the
    names offered when asking which of two the resident means."""
    composed: Composed | None = None
    outcome = decision.outcome
    options: list[str] = []
    if outcome is Outcome.ANSWERED and decision.best is not None:
        composed = answer_compose(decision.best, decision.language, municipality)
        if composed is None:
            outcome = Outcome.HANDED_OVER
    if outcome is Outcome.CLARIFIED:
        options = [name_of(key, decision.language) for key in decision.offered]
    return outcome, composed, options
