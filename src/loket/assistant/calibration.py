"""From a ranking to two calibrated probabilities and the three outcomes.

Three logistic models read the same features of a ranking (`FEATURES`):

- **answer**: the probability that the first document is the right one;
- **choice**: the probability that the right one is among the documents offered as
  choices (the first two or three, `offered_count`);
- **scope** (optional): the probability that the question is about something the
  municipality handles at all; below its threshold the question is handed over.

The features: the fused score of the best document, the margin to the second, the gap
to the third, the share of the question's content words the knowledge knows
(coverage), the share the best document explains (plain and weighted by how much each
word says) and the number of words it leaves unexplained, the certainty of the language
detection, the length of the question, the score of the best topic not handled here
relative to the best document, whether another body or another country's authority is
named while the best document is the municipal look-alike of its service
(`authorities.py`; computed, but without weight in the shipped calibration), and, when
the embedding ranker runs, the agreement of the two rankers, the embedding similarity of
the best document with its margin, and the similarity of the closest topic not handled
here minus that of the closest product; and the scope model's log-odds that the question
is about something the municipality handles at all (`scope.py`, `scope_text`).

The weights and the three thresholds are fitted by `bench/assistant/fit_confidence.py`
with cross-validation grouped by author and style, the thresholds chosen to minimise
the expected cost of the outcomes (docs/assistant.md, "Thresholds"). They are stored in
data/calibration.json, one calibration for the lexical ranker alone and one for the
lexical and embedding rankers together.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from loket.assistant.authorities import other_body
from loket.assistant.retrieval import Ranking
from loket.assistant.scope import LOGIT_BOUND

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"

FEATURES = (
    "first",
    "margin",
    "third_gap",
    "coverage",
    "language_certainty",
    "length",
    "agreement",
    "semantic_first",
    "semantic_margin",
    "outside",
    "explained",
    "unexplained",
    "explained_information",
    "semantic_outside",
    "other_body",
    "scope_text",
)
SEMANTIC_ONLY = frozenset({"agreement", "semantic_first", "semantic_margin", "semantic_outside"})
LEXICAL_FEATURES = tuple(name for name in FEATURES if name not in SEMANTIC_ONLY)
THIRD_SHARE = 0.5  # a third choice is offered when its score reaches this share of the first


@dataclass(frozen=True)
class Signals:
    """What is known of a question besides its ranking."""

    language_certainty: float = 1.0
    words: int = 0
    # Embedding ranker: the key it puts first, its similarity and its margin (None: absent).
    semantic_best: str | None = None
    semantic_first: float = 0.0
    semantic_margin: float = 0.0
    # The score of the best topic the municipality does not handle (0 when none matched).
    outside: float = 0.0
    # Embedding similarity of the closest such topic minus that of the closest product.
    semantic_outside: float = 0.0
    # The kinds of other bodies the question names (`authorities.other_bodies`: "my
    # Moroccan passport" → foreign, "my bank card" → bank).
    other_bodies: tuple[str, ...] = ()
    # The scope model's log-odds that the question is in scope (`scope.py`; 0 without it).
    scope_logit: float = 0.0


def offered_count(ranking: Ranking) -> int:
    """How many documents a choice offers: two, or three when the third is close enough."""
    candidates = ranking.candidates
    if len(candidates) < 3:
        return len(candidates)
    return 3 if candidates[2].score >= THIRD_SHARE * candidates[0].score else 2


def features_of(ranking: Ranking, signals: Signals | None = None) -> dict[str, float]:
    signals = signals or Signals()
    scores = [candidate.score for candidate in ranking.candidates[:3]]
    scores += [0.0] * (3 - len(scores))
    best = ranking.candidates[0] if ranking.candidates else None
    explained = best.explained if best is not None else 0.0
    agreement = 0.0
    if signals.semantic_best is not None and ranking.candidates:
        agreement = 1.0 if ranking.candidates[0].key == signals.semantic_best else -1.0
    return {
        "first": scores[0],
        "margin": scores[0] - scores[1],
        "third_gap": scores[0] - scores[2],
        "coverage": ranking.coverage,
        "language_certainty": signals.language_certainty,
        "length": math.log1p(signals.words) / 3,
        "agreement": agreement,
        "semantic_first": signals.semantic_first,
        "semantic_margin": signals.semantic_margin,
        "semantic_outside": signals.semantic_outside,
        "outside": signals.outside - scores[0],
        "explained": explained,
        "unexplained": math.log1p(signals.words * (1 - explained)) / 3,
        "explained_information": best.explained_information if best is not None else 0.0,
        "other_body": other_body(signals.other_bodies, best.key if best is not None else None),
        "scope_text": signals.scope_logit / LOGIT_BOUND,
    }


@dataclass(frozen=True)
class Logistic:
    weights: dict[str, float]
    bias: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def as_json(self) -> dict[str, object]:
        return {"weights": self.weights, "bias": self.bias}


@dataclass(frozen=True)
class Calibration:
    answer: Logistic
    choice: Logistic
    answer_threshold: float  # answer with the first document from this probability on
    choice_threshold: float  # else offer the choices from this probability on, else hand over
    method: dict[str, object] = field(default_factory=dict)  # how it was fitted (for the record)
    # The probability that the question is one the municipality handles at all; below
    # `scope_threshold` it is handed over (None: no such model, nothing is gated).
    scope: Logistic | None = None
    scope_threshold: float = 0.0

    @property
    def threshold(self) -> float:
        return self.answer_threshold

    def confidence(self, features: dict[str, float]) -> float:
        return self.answer.probability(features)

    def choice_confidence(self, features: dict[str, float]) -> float:
        return self.choice.probability(features)

    def scope_confidence(self, features: dict[str, float]) -> float:
        return self.scope.probability(features) if self.scope is not None else 1.0

    def as_json(self) -> dict[str, object]:
        return {
            "answer": self.answer.as_json(),
            "choice": self.choice.as_json(),
            "answer_threshold": self.answer_threshold,
            "choice_threshold": self.choice_threshold,
            **(
                {"scope": self.scope.as_json(), "scope_threshold": self.scope_threshold}
                if self.scope is not None
                else {}
            ),
            "method": self.method,
        }


def _logistic(data: dict[str, Any]) -> Logistic:
    weights = {str(name): float(value) for name, value in data["weights"].items()}
    return Logistic(weights, float(data["bias"]))


def calibration_from_json(data: dict[str, Any]) -> Calibration:
    return Calibration(
        answer=_logistic(data["answer"]),
        choice=_logistic(data["choice"]),
        answer_threshold=float(data["answer_threshold"]),
        choice_threshold=float(data["choice_threshold"]),
        method=dict(data.get("method") or {}),
        scope=_logistic(data["scope"]) if "scope" in data else None,
        scope_threshold=float(data.get("scope_threshold", 0.0)),
    )


DEFAULT = Calibration(
    answer=Logistic({"first": 6.0, "margin": 6.0, "coverage": 3.0}, -5.0),
    choice=Logistic({"first": 6.0, "coverage": 3.0}, -4.0),
    answer_threshold=0.6,
    choice_threshold=0.5,
)


def calibrations_save(calibrations: dict[str, Calibration], path: Path = CALIBRATION_FILE) -> None:
    payload = {name: calibration.as_json() for name, calibration in calibrations.items()}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def calibration_current(variant: str = "lexical") -> Calibration:
    """The shipped calibration of a variant ("lexical" or "semantic"); the default when
    the file or the variant is missing."""
    if not CALIBRATION_FILE.exists():
        return DEFAULT
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    if variant not in data:
        return DEFAULT
    return calibration_from_json(data[variant])


def weights_named(values: Sequence[float], names: Sequence[str]) -> dict[str, float]:
    return {name: float(value) for name, value in zip(names, values, strict=True)}
