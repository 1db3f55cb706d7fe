"""Another body, or another country's authority, named while the best product is the
municipal look-alike of its service: a feature of the confidence, fitted, not a rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from loket.assistant.authorities import LOOKALIKES, other_bodies, other_body
from loket.assistant.calibration import Logistic, Signals, calibration_current, features_of
from loket.assistant.retrieval import Ranking, Scored
from loket.assistant.workflow import Outcome
from loket.catalog.loading import PRODUCTS_CSV
from tests.assistant.test_scope import _engine


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("mijn Marokkaans paspoort is vervallen", "foreign"),
        ("passeport marocain expiré, que faire", "foreign"),
        ("my Italian passport expired", "foreign"),
        ("paspoort van Turkije verlengen", "foreign"),
        ("rendez-vous à l'ambassade d'Italie", "foreign"),
        ("code PIN de ma carte bancaire oublié", "bank"),
        ("pincode van mijn bankkaart geblokkeerd", "bank"),
        ("hoe vul ik mijn belastingaangifte in", "tax"),
        ("aide pour ma déclaration d'impôts", "tax"),
        ("help with my income tax return", "tax"),
        ("my bike was stolen last night", "police"),
        ("on m'a volé mon vélo devant la gare", "police"),
        ("how do I forward my mail after moving", "post"),
        ("doorzending van mijn post bij verhuis", "post"),
        ("faire suivre mon courrier après le déménagement", "post"),
    ],
)
def test_another_body_named_as_the_subject_is_found(question: str, kind: str) -> None:
    assert kind in other_bodies(question)


@pytest.mark.parametrize(
    "question",
    [
        "mijn Belgisch paspoort is vervallen",
        "I lost my passport abroad",
        "je déménage, changement d'adresse",
        "change my address after moving, also for the post",
        "pincode van mijn identiteitskaart vergeten",
        # Another body asking for a municipal certificate: the body is not the subject.
        "ma banque demande une attestation de domicile",
        "de ambassade vraagt een legalisatie van mijn handtekening",
        # Debts with a bank among the creditors: debt mediation is the municipality's.
        "schulden bij de bank en de energieleverancier, wie helpt mij",
        # A stolen identity card is replaced by the municipality.
        "my wallet with my ID card was stolen",
    ],
)
def test_a_question_that_merely_mentions_such_words_names_no_other_body(question: str) -> None:
    assert other_bodies(question) == []


def test_the_feature_needs_the_best_product_to_be_the_look_alike() -> None:
    assert other_body(("foreign",), "product:passport") == 1.0
    assert other_body(("bank",), "product:eid-pin-puk") == 1.0
    # Named, but the best product is not the look-alike of that body's service.
    assert other_body(("foreign",), "product:civil-status-extract") == 0.0
    assert other_body(("tax",), "product:eid-pin-puk") == 0.0
    assert other_body((), "product:passport") == 0.0
    assert other_body(("foreign",), None) == 0.0
    assert other_body(("foreign",), "faq:12") == 0.0


def test_the_look_alikes_are_products_of_the_catalogue() -> None:
    lines = PRODUCTS_CSV.read_text(encoding="utf-8").splitlines()
    codes = {line.split(",", 1)[0] for line in lines}
    for products in LOOKALIKES.values():
        assert products <= codes


def test_features_of_reads_the_bodies_against_the_best_candidate() -> None:
    ranking = Ranking(
        [Scored("product:passport", 0.6, 0.6, 0.5), Scored("product:eid-card", 0.3, 0.3, 0.2)],
        0.8,
        4,
        4,
    )
    assert features_of(ranking, Signals(other_bodies=("foreign",)))["other_body"] == 1.0
    assert features_of(ranking, Signals(other_bodies=("bank",)))["other_body"] == 0.0
    assert features_of(ranking, Signals())["other_body"] == 0.0


def test_the_shipped_calibration_does_not_use_the_feature() -> None:
    # Not shipped: no gain on the holdout set (BENCHMARKS.md, Assistant, 2026-12-04).
    calibration = calibration_current("lexical")
    assert calibration.scope is not None
    assert "other_body" not in calibration.scope.weights
    assert "other_body" not in calibration.answer.weights


def test_with_a_weight_another_country_s_passport_is_handed_over_a_belgian_one_not() -> None:
    engine = _engine()
    shipped = engine.calibration
    assert shipped.scope is not None

    foreign = engine.decide("mijn Marokkaans paspoort is vervallen", hint="nl")
    assert foreign.ranked[0] == "product:passport"  # the key word matches the product …
    assert foreign.features["other_body"] == 1.0  # … but another state issues it
    assert foreign.outcome is not Outcome.HANDED_OVER  # the shipped calibration ignores it

    # A calibration that gives the feature a strong weight (the grouped cross-validation
    # fitted about -3.3 before the scope model; -6 outweighs what the scope model adds).
    engine.calibration = replace(
        shipped,
        scope=Logistic({**shipped.scope.weights, "other_body": -6.0}, shipped.scope.bias),
    )
    try:
        assert (
            engine.decide("mijn Marokkaans paspoort is vervallen", hint="nl").outcome
            is Outcome.HANDED_OVER
        )
        for question, language in (
            ("mijn Belgisch paspoort is vervallen", "nl"),
            ("I lost my passport abroad", "en"),
        ):
            own = engine.decide(question, hint=language)
            assert own.features["other_body"] == 0.0
            assert own.outcome is Outcome.ANSWERED
            assert own.best == "product:passport"
    finally:
        engine.calibration = shipped
