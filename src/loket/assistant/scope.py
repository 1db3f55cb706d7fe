"""Is a question about something the municipality handles at all? A text classifier.

The ranking says which product fits a question best; it cannot say well that *none*
does, since a question about the tax office, a bank card or a recipe often shares a word
with some product. This module reads the question as a whole: a logistic model over its
words, pairs of adjacent words and character 4-grams of its words (which forgive typos
and inflections), in any of the three languages, estimates the probability that the
question is in scope. Its log-odds are a feature of the calibration (`scope_text` in
`calibration.py`), next to what the ranking says.

The weights are fitted offline by `bench/assistant/fit_scope.py` on questions written by
people outside the team (never on the tuning set the calibration is fitted on, nor on
the frozen evaluation sets) and shipped in `data/scope_model.json`; at run time the model
is a sum of the weights of the question's features (a few hundred dictionary lookups).
Without the file the feature is 0 and the assistant works as before.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from loket.assistant.text import STOPWORDS, char_grams, words

SCOPE_MODEL_FILE = Path(__file__).resolve().parent / "data" / "scope_model.json"
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
LOGIT_BOUND = 8.0  # the log-odds are clipped to ±8 before they become a feature


def scope_tokens(question: str) -> dict[str, float]:
    """The question's features: each group (words, word pairs, character 4-grams) has
    unit length, so a long question does not outweigh a short one."""
    content = [word for word in words(question) if word not in _ALL_STOPWORDS]
    groups = {
        "w": {f"w:{word}" for word in content},
        "b": {f"b:{first}_{second}" for first, second in pairwise(content)},
        "c": {f"c:{gram}" for gram in char_grams(" ".join(content), sizes=(4,))},
    }
    tokens: dict[str, float] = {}
    for group in groups.values():
        if group:
            value = 1 / math.sqrt(len(group))
            tokens.update(dict.fromkeys(group, value))
    return tokens


@dataclass(frozen=True)
class ScopeModel:
    weights: dict[str, float]
    bias: float
    method: dict[str, object]

    def logit(self, question: str) -> float:
        """The log-odds that `question` is in scope, clipped to ±`LOGIT_BOUND`."""
        weights = self.weights
        z = self.bias + sum(
            weights.get(token, 0.0) * value for token, value in scope_tokens(question).items()
        )
        return max(-LOGIT_BOUND, min(LOGIT_BOUND, z))

    def probability(self, question: str) -> float:
        return 1 / (1 + math.exp(-self.logit(question)))


def scope_model_save(model: ScopeModel, path: Path = SCOPE_MODEL_FILE) -> None:
    payload = {
        "method": model.method,
        "bias": round(model.bias, 5),
        "weights": {key: round(value, 5) for key, value in sorted(model.weights.items())},
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    scope_model_current.cache_clear()


@lru_cache(maxsize=1)
def scope_model_current() -> ScopeModel | None:
    """The shipped model, or None when there is none (the feature is then 0)."""
    if not SCOPE_MODEL_FILE.exists():
        return None
    payload = json.loads(SCOPE_MODEL_FILE.read_text(encoding="utf-8"))
    return ScopeModel(
        weights={str(k): float(v) for k, v in payload["weights"].items()},
        bias=float(payload["bias"]),
        method=dict(payload.get("method", {})),
    )


def scope_logit(question: str) -> float:
    """The shipped model's log-odds that the question is in scope (0 without a model)."""
    model = scope_model_current()
    return model.logit(question) if model is not None else 0.0
