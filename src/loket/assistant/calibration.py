"""From retrieval scores to a calibrated confidence (0..1).

The confidence is a logistic function of three features of a ranking:

- the combined score of the best document,
- the margin between the best and the second best document,
- the coverage: the share of the question's words that the knowledge knows at all.

The weights are fitted on the training part of the development set
(`bench/assistant/evaluate.py --fit`): for every training question the label is 1 when the
best document is the right one, 0 when it is wrong or when the question is out of scope.
So the confidence estimates the probability that the first answer is right. The fitted
weights and the handover threshold are stored in data/calibration.json.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from loket.assistant.retrieval import Ranking

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"


def features_of(ranking: Ranking) -> tuple[float, float, float]:
    first = ranking.candidates[0].score if ranking.candidates else 0.0
    second = ranking.candidates[1].score if len(ranking.candidates) > 1 else 0.0
    return (first, first - second, ranking.coverage)


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, float, float]
    bias: float
    threshold: float  # below this confidence the assistant hands over
    # A second document this close (in confidence) to the first asks for a choice.
    clarify_margin: float = 0.08

    def confidence(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def save(self, path: Path = CALIBRATION_FILE) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")


DEFAULT = Calibration(weights=(12.0, 6.0, 2.0), bias=-5.0, threshold=0.5)


@lru_cache(maxsize=1)
def calibration_current() -> Calibration:
    """The shipped calibration (the default when the file is missing)."""
    if not CALIBRATION_FILE.exists():
        return DEFAULT
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    return Calibration(
        weights=(float(data["weights"][0]), float(data["weights"][1]), float(data["weights"][2])),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        clarify_margin=float(data.get("clarify_margin", DEFAULT.clarify_margin)),
    )


def calibration_fit(
    samples: Sequence[tuple[Sequence[float], int]],
    *,
    iterations: int = 4000,
    learning_rate: float = 0.5,
    regularisation: float = 0.001,
) -> tuple[tuple[float, float, float], float]:
    """Logistic regression by gradient descent (features are all of order 1)."""
    weights = [0.0, 0.0, 0.0]
    bias = 0.0
    count = len(samples) or 1
    for _ in range(iterations):
        gradient = [0.0, 0.0, 0.0]
        gradient_bias = 0.0
        for features, label in samples:
            z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
            error = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for i, x in enumerate(features):
                gradient[i] += error * x
            gradient_bias += error
        for i in range(3):
            weights[i] -= learning_rate * (gradient[i] / count + regularisation * weights[i])
        bias -= learning_rate * gradient_bias / count
    return (weights[0], weights[1], weights[2]), bias
