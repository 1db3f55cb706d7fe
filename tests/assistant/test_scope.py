"""Questions the municipality does not handle: what the best product explains of a
question, the bodies other than the municipality, and the in-scope model that hands a
question over when too little of it is explained."""

from __future__ import annotations

import csv
import functools

from loket.assistant.calibration import (
    Calibration,
    Logistic,
    calibration_current,
    calibration_from_json,
)
from loket.assistant.documents import (
    OUTSIDE_BODIES,
    outside_documents,
    outside_question_documents,
    product_document,
)
from loket.assistant.engine import Engine
from loket.assistant.retrieval import KnowledgeIndex
from loket.assistant.semantic import document_texts
from loket.assistant.workflow import Outcome
from loket.catalog.loading import PRODUCTS_CSV


def _products() -> list[dict[str, str]]:
    with PRODUCTS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def _engine() -> Engine:
    """The shipped knowledge (catalogue, keywords, phrasings, topics and questions not
    handled here) and the shipped lexical calibration, without the database."""
    from loket.assistant.documents import resident_phrasings, shipped_keywords, shipped_phrasings

    phrasings, keywords = shipped_phrasings(), shipped_keywords()
    for code, residents in resident_phrasings().items():
        phrasings[code] = [*phrasings.get(code, []), *residents]
    documents = [
        product_document(
            code=row["code"],
            names={language: row[f"name_{language}"] for language in ("nl", "fr", "en")},
            summaries={language: row[f"summary_{language}"] for language in ("nl", "fr", "en")},
            phrasings=phrasings.get(row["code"], []),
            keywords=keywords.get(row["code"], []),
        )
        for row in _products()
    ]
    return Engine([*documents, *outside_documents(), *outside_question_documents()], semantic=False)


def test_the_best_product_explains_the_share_of_the_question_it_contains() -> None:
    index = KnowledgeIndex(
        [
            product_document(
                code="passport",
                names={"nl": "Reispas", "fr": "Passeport", "en": "Passport"},
                summaries={"en": "A passport to travel outside Europe."},
            )
        ]
    )

    whole = index.rank("passport", language="en").candidates[0]
    half = index.rank("passport wine", language="en").candidates[0]

    assert whole.explained == 1.0
    assert half.explained == 0.5
    # "wine" says more in English than "passport" is rare: weighted, it explains less.
    assert 0.0 < half.explained_information < 1.0


def test_the_bodies_other_than_the_municipality_are_topics_not_handled_here() -> None:
    keys = {document.key for document in outside_documents()}
    only_bodies = {document.key for document in outside_documents([OUTSIDE_BODIES])}

    assert "outside:body-utilities" in only_bodies
    assert only_bodies <= keys
    with OUTSIDE_BODIES.open(encoding="utf-8", newline="") as handle:
        languages = {(row["topic"], row["language"]) for row in csv.DictReader(handle)}
    assert {language for _topic, language in languages} == {"nl", "fr", "en"}
    assert len(languages) == 3 * len(only_bodies)


def test_a_question_about_another_body_is_handed_over() -> None:
    decision = _engine().decide("mijn factuur van Luminus is veel te hoog", hint="nl")

    assert decision.outcome is Outcome.HANDED_OVER
    assert decision.features["outside"] > 0


def test_a_question_mostly_unexplained_is_handed_over_not_offered_choices() -> None:
    engine = _engine()
    calibration = engine.calibration
    assert calibration.scope is not None
    assert calibration.scope_threshold > 0

    for question, language in (
        ("comment réparer la fuite de mon robinet de cuisine", "fr"),
        ("what is the best way to learn to play the guitar", "en"),
    ):
        decision = engine.decide(question, hint=language)

        # The in-scope probability alone hands it over, whether or not a topic or a
        # question not handled here scores above the best product.
        assert calibration.scope_confidence(decision.features) < calibration.scope_threshold
        assert decision.outcome is Outcome.HANDED_OVER
        assert decision.offered == []


def test_an_ordinary_question_is_still_answered() -> None:
    decision = _engine().decide("mijn identiteitskaart is vervallen", hint="nl")

    assert decision.outcome is Outcome.ANSWERED
    assert decision.best == "product:eid-card"


def test_the_in_scope_gate_hands_over_below_its_threshold() -> None:
    engine = _engine()
    question = "mijn identiteitskaart is vervallen"
    shipped = engine.calibration
    strict = Calibration(
        shipped.answer,
        shipped.choice,
        shipped.answer_threshold,
        shipped.choice_threshold,
        scope=Logistic({}, -5.0),  # every question out of scope (p = 0.007)
        scope_threshold=0.5,
    )
    engine.calibration = strict
    try:
        assert engine.decide(question, hint="nl").outcome is Outcome.HANDED_OVER
    finally:
        engine.calibration = shipped
    assert engine.decide(question, hint="nl").outcome is Outcome.ANSWERED


def test_the_calibration_keeps_its_in_scope_model_in_json() -> None:
    shipped = calibration_current("lexical")
    again = calibration_from_json(shipped.as_json())

    assert again.scope == shipped.scope
    assert again.scope_threshold == shipped.scope_threshold
    assert (
        calibration_from_json(
            {k: v for k, v in shipped.as_json().items() if not k.startswith("scope")}
        ).scope_confidence({"first": 0.1})
        == 1.0
    )


def test_a_topic_not_handled_here_is_embedded_by_its_keywords() -> None:
    topic = outside_documents([OUTSIDE_BODIES])[0]

    texts = document_texts(topic)

    assert texts
    assert set(texts) == {keyword for _language, keyword in topic.keywords}
