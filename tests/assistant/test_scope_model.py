"""The scope model (is a question about something the municipality handles at all?) and
the residents' questions shipped as knowledge: phrasings of products and questions the
municipality does not handle."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from loket.assistant import scope
from loket.assistant.calibration import Signals, features_of
from loket.assistant.documents import (
    OUTSIDE_QUESTIONS,
    RESIDENT_PHRASINGS,
    outside_question_documents,
    product_document,
    resident_phrasings,
    shipped_phrasings,
)
from loket.assistant.engine import Engine
from loket.assistant.retrieval import Ranking
from loket.assistant.scope import ScopeModel, scope_model_current, scope_tokens
from loket.assistant.text import words
from loket.assistant.workflow import Outcome

BENCH = Path(__file__).resolve().parents[2] / "bench" / "assistant"


def test_tokens_are_words_pairs_and_character_grams_each_group_of_unit_length() -> None:
    tokens = scope_tokens("Mijn identiteitskaart is vervallen!")
    assert "w:identiteitskaart" in tokens
    assert "w:vervallen" in tokens
    assert "w:mijn" not in tokens  # a stop word
    assert "b:identiteitskaart_vervallen" in tokens
    assert "c:kaar" in tokens
    for prefix in ("w:", "b:", "c:"):
        group = [value for key, value in tokens.items() if key.startswith(prefix)]
        assert math.isclose(sum(value * value for value in group), 1.0)


def test_tokens_forgive_accents_and_case() -> None:
    assert scope_tokens("CARTE D'IDENTITÉ") == scope_tokens("carte d identite")


def test_the_logit_sums_the_weights_and_is_clipped() -> None:
    model = ScopeModel({"w:recept": -2.0, "w:paspoort": 3.0}, bias=0.5, method={})
    assert math.isclose(model.logit("recept"), 0.5 - 2.0)
    assert math.isclose(model.logit("paspoort"), 3.5)
    assert model.logit("iets anders") == 0.5
    strong = ScopeModel({"w:paspoort": 100.0}, bias=0.0, method={})
    assert strong.logit("paspoort") == scope.LOGIT_BOUND
    assert 0.5 < model.probability("paspoort") < 1.0


def test_the_shipped_model_tells_a_municipal_question_from_another_bodys() -> None:
    model = scope_model_current()
    assert model is not None
    inside = [
        "mijn identiteitskaart is vervallen",
        "je dois faire une attestation de domicile pour ma banque",
        "how do I register the birth of my daughter",
    ]
    outside = [
        "hoe vul ik mijn belastingaangifte in op tax-on-web",
        "ma carte bancaire est bloquée, que faire",
        "what is a good recipe for rabbit with prunes",
    ]
    assert min(model.logit(q) for q in inside) > max(model.logit(q) for q in outside)


def test_the_feature_is_the_logit_over_its_bound() -> None:
    ranking = Ranking([], 0.0, 0, 0)
    features = features_of(ranking, Signals(scope_logit=-4.0))
    assert features["scope_text"] == -4.0 / scope.LOGIT_BOUND


def _eid_engine() -> Engine:
    """An engine with one product, the eID, without the embedding model."""
    return Engine(
        [
            product_document(
                code="eid-card",
                names={"nl": "Identiteitskaart", "fr": "Carte d'identité", "en": "ID card"},
                summaries={},
            )
        ],
        semantic=False,
    )


def test_without_a_model_file_the_feature_is_zero_and_the_engine_decides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(scope, "SCOPE_MODEL_FILE", tmp_path / "absent.json")
    scope_model_current.cache_clear()
    try:
        assert scope.scope_logit("mijn identiteitskaart is vervallen") == 0.0
        engine = _eid_engine()
        decision = engine.decide("identiteitskaart")
        assert decision.features["scope_text"] == 0.0
        assert decision.ranked[0] == "product:eid-card"
    finally:
        scope_model_current.cache_clear()


def test_a_question_close_to_one_not_handled_here_is_handed_over(tmp_path: Path) -> None:
    questions = tmp_path / "outside.csv"
    questions.write_text(
        "language,text\nnl,hoe vraag ik een nieuwe pincode voor mijn bankkaart aan\n"
        "fr,quel temps fera-t-il demain\n",
        encoding="utf-8",
    )
    documents = outside_question_documents(questions)
    assert [document.key for document in documents] == [
        "outside:question-1",
        "outside:question-2",
    ]
    engine = Engine(
        [
            product_document(
                code="eid-pin-puk",
                names={"nl": "Nieuwe PIN- en PUK-code voor uw eID"},
                summaries={},
                phrasings=[("nl", "ik ben de pincode van mijn identiteitskaart vergeten")],
            ),
            *documents,
        ],
        semantic=False,
    )
    assert engine.decide("nieuwe pincode bankkaart aanvragen").outcome is Outcome.HANDED_OVER
    answered = engine.decide("pincode van mijn identiteitskaart vergeten")
    assert answered.outcome is not Outcome.HANDED_OVER
    assert answered.ranked[0] == "product:eid-pin-puk"


def test_the_shipped_residents_questions_are_not_from_the_tuning_or_development_set() -> None:
    with RESIDENT_PHRASINGS.open(encoding="utf-8", newline="") as handle:
        phrasings = {" ".join(words(row["text"])) for row in csv.DictReader(handle)}
    with OUTSIDE_QUESTIONS.open(encoding="utf-8", newline="") as handle:
        outside = {" ".join(words(row["text"])) for row in csv.DictReader(handle)}
    assert len(phrasings) > 1000
    assert len(outside) > 500
    for name in ("tuning.jsonl", "devset.jsonl"):
        for line in (BENCH / name).read_text(encoding="utf-8").splitlines():
            question = " ".join(words(json.loads(line)["question"]))
            assert question not in phrasings, name
            assert question not in outside, name


def test_the_database_gets_the_teams_phrasings_the_residents_are_read_from_their_file() -> None:
    team = shipped_phrasings()
    residents = resident_phrasings()
    with RESIDENT_PHRASINGS.open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    assert (first["language"], first["text"]) in residents[first["product_code"]]
    assert (first["language"], first["text"]) not in team.get(first["product_code"], [])
    assert ("nl", "mijn identiteitskaart is vervallen") in team["eid-card"]


@pytest.mark.django_db
def test_the_knowledge_has_the_residents_phrasings_without_loading_anything() -> None:
    from loket.assistant.knowledge import knowledge_build
    from loket.assistant.models import ProductPhrasing
    from loket.catalog.loading import catalog_load

    catalog_load()
    assert not ProductPhrasing.objects.exists()  # `loket assistant_load` was not run
    with RESIDENT_PHRASINGS.open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle))
    knowledge = knowledge_build()
    texts = {
        unit.text
        for unit in knowledge.engine.index.units
        if knowledge.engine.index.documents[unit.document].key == f"product:{first['product_code']}"
    }
    assert first["text"] in texts
    assert any(key.startswith("outside:question-") for key in knowledge.engine.outside_keys)


def test_the_engine_feeds_the_scope_models_log_odds_into_the_features(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = tmp_path / "scope_model.json"
    model.write_text(
        json.dumps({"method": {}, "bias": 0.5, "weights": {"w:identiteitskaart": 1.5}}),
        encoding="utf-8",
    )
    monkeypatch.setattr(scope, "SCOPE_MODEL_FILE", model)
    scope_model_current.cache_clear()
    try:
        engine = _eid_engine()
        decision = engine.decide("identiteitskaart")
        assert decision.features["scope_text"] == pytest.approx((0.5 + 1.5) / scope.LOGIT_BOUND)
        other = engine.decide("iets anders")
        assert other.features["scope_text"] == pytest.approx(0.5 / scope.LOGIT_BOUND)
    finally:
        scope_model_current.cache_clear()


def _two_products() -> list:
    return [
        product_document(
            code="bulky-waste-pickup",
            names={"nl": "Ophaling grofvuil"},
            summaries={},
            phrasings=[("nl", "grofvuil laten ophalen aan huis")],
        ),
        product_document(
            code="recycling-park-card",
            names={"nl": "Toegang recyclagepark"},
            summaries={},
            phrasings=[("fr", "carte pour le parc à conteneurs")],
        ),
    ]


def test_the_character_index_scores_per_document_with_language_weights() -> None:
    from loket.assistant.retrieval import OTHER_LANGUAGE_WEIGHT, KnowledgeIndex

    index = KnowledgeIndex(_two_products())
    same = index.characters.document_scores("grofvuil laten ophalen aan huis", "nl")
    assert same[0] == pytest.approx(1.0)  # the phrasing itself, in the question's language
    other = index.characters.document_scores("grofvuil laten ophalen aan huis", "fr")
    assert other[0] == pytest.approx(OTHER_LANGUAGE_WEIGHT)
    assert index.characters.document_scores("", "nl").tolist() == [0.0, 0.0]
    assert index.characters.document_scores("🙂 ?!", "nl").tolist() == [0.0, 0.0]


def test_a_left_out_phrasing_and_a_document_not_allowed_score_nothing() -> None:
    from loket.assistant.retrieval import KnowledgeIndex

    index = KnowledgeIndex(_two_products())
    question = "grofvuil laten ophalen aan huis"
    ranked = index.rank(question, language="nl")
    assert ranked.candidates[0].key == "product:bulky-waste-pickup"
    assert ranked.candidates[0].characters == pytest.approx(1.0)
    left_out = index.rank(question, language="nl", excluded=frozenset({question}))
    best = {c.key: c for c in left_out.candidates}["product:bulky-waste-pickup"]
    assert best.characters < 1.0  # only the name is left to match by characters
    allowed = index.rank(
        question, language="nl", allowed=frozenset({"product:recycling-park-card"})
    )
    assert [c.key for c in allowed.candidates] == ["product:recycling-park-card"]
    # The mask of an offer is kept, and a different offer gets its own.
    again = index.rank(question, language="nl", allowed=frozenset({"product:bulky-waste-pickup"}))
    assert [c.key for c in again.candidates] == ["product:bulky-waste-pickup"]


def test_documents_tied_at_the_character_cut_are_broken_by_key() -> None:
    from loket.assistant.retrieval import CHARACTER_CANDIDATES, KnowledgeIndex

    index = KnowledgeIndex(
        product_document(code=f"p{number:03d}", names={"nl": "abcdefgh"}, summaries={})
        for number in range(CHARACTER_CANDIDATES * 4)
    )
    ranked = index.rank("abcdzzzz", language="nl", limit=5)
    assert [c.key for c in ranked.candidates] == [f"product:p{n:03d}" for n in range(5)]


def test_a_very_long_word_is_not_corrected() -> None:
    from loket.assistant.typos import LONGEST_CORRECTED, Vocabulary

    vocabulary = Vocabulary(["identiteitskaart"])
    assert vocabulary.correct("identiteitskart") == "identiteitskaart"
    assert vocabulary.correct("a" * (LONGEST_CORRECTED + 1)) is None
