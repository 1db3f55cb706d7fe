"""Shared pieces of the assistant's measurements: the engine over the shipped knowledge,
the features of every question, logistic fitting, cost-based thresholds, the outcome of
each question and the figures per language. No question text is ever printed here.

The costs of the outcomes (docs/assistant.md, "Thresholds"):

| outcome | in scope | out of scope |
|---|---:|---:|
| answered with the right product | 0 | — |
| choices offered, the right one among them | 1 | — |
| choices offered, the right one not among them ("none of these", then a person) | 4 | 2 |
| handed over to a person | 3 | 0 |
| answered with a wrong product | 6 | 6 |

and optionally a constraint (`fit_confidence.py --min-out-of-scope 0.9`): the thresholds
must hand over at least that share of the out-of-scope questions they are chosen on.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# The measurements choose the variant themselves (`build_engine(semantic=...)`).
os.environ.setdefault("LOKET_ASSISTANT_EMBEDDINGS", "on")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from loket.assistant.calibration import (  # noqa: E402
    Calibration,
    Logistic,
    offered_count,
)
from loket.assistant.documents import (  # noqa: E402
    OUTSIDE_TOPIC_FILES,
    outside_documents,
    outside_question_documents,
    product_document,
    resident_phrasings,
    shipped_keywords,
    shipped_phrasings,
)
from loket.assistant.engine import TIE_MARGIN, Engine  # noqa: E402
from loket.assistant.text import words  # noqa: E402

PRODUCTS = ROOT / "src" / "loket" / "catalog" / "data" / "products.csv"
HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset.jsonl"
TUNING = HERE / "tuning.jsonl"
LANGUAGES = ("nl", "fr", "en")

COST_RIGHT = 0.0
COST_CHOICE_RIGHT = 1.0
COST_CHOICE_MISSED = 4.0
COST_HANDOVER_IN_SCOPE = 3.0
COST_WRONG = 6.0
COST_CHOICE_OUT_OF_SCOPE = 2.0
COST_HANDOVER_OUT_OF_SCOPE = 0.0

MIN_OUT_OF_SCOPE_HANDED_OVER = {"share": 0.0}  # set by fit_confidence.py --min-out-of-scope
# The lists of topics not handled here (fit_confidence.py --outside replaces them).
OUTSIDE_FILES: dict[str, list[Path]] = {"paths": list(OUTSIDE_TOPIC_FILES)}
# Whether the residents' questions shipped with Loket (data/phrasings_residents.csv and
# data/outside_questions.csv) are part of the knowledge (fit_confidence.py
# --team-knowledge leaves them out: the knowledge before 2026-12-04's last round).
RESIDENT_KNOWLEDGE: dict[str, bool] = {"on": True}

ANSWER = "answer"
CHOICE = "choice"
HANDOVER = "handover"


def load_products() -> list[dict[str, str]]:
    with PRODUCTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def build_engine(
    products: list[dict[str, str]],
    *,
    semantic: bool,
    calibration: Calibration | None = None,
    extra_phrasings: dict[str, list[tuple[str, str]]] | None = None,
) -> Engine:
    phrasings = shipped_phrasings()
    if RESIDENT_KNOWLEDGE["on"]:
        for code, residents in resident_phrasings().items():
            phrasings[code] = [*phrasings.get(code, []), *residents]
    keywords = shipped_keywords()
    extra = extra_phrasings or {}
    documents = [
        product_document(
            code=row["code"],
            names={language: row[f"name_{language}"] for language in LANGUAGES},
            summaries={language: row[f"summary_{language}"] for language in LANGUAGES},
            phrasings=[*phrasings.get(row["code"], []), *extra.get(row["code"], [])],
            keywords=keywords.get(row["code"], []),
        )
        for row in products
    ]
    documents.extend(outside_documents(OUTSIDE_FILES["paths"]))
    if RESIDENT_KNOWLEDGE["on"]:
        documents.extend(outside_question_documents())
    return Engine(documents, calibration=calibration, semantic=semantic)


@dataclass
class Observed:
    """One question as the engine saw it (no outcome yet)."""

    row: dict
    features: dict[str, float]
    ranked: list[str]
    offered: int
    right_first: bool
    right_offered: bool
    right_rank: int | None
    language: str


def observe(engine: Engine, rows: Sequence[dict], *, leave_one_out: bool = False) -> list[Observed]:
    result = []
    for row in rows:
        excluded = frozenset({row["question"]}) if leave_one_out else frozenset()
        decision = engine.decide(row["question"], excluded=excluded)
        ranked = decision.ranked
        key = f"product:{row['product_code']}" if row.get("product_code") else None
        in_scope = bool(row.get("in_scope")) and key is not None
        count = offered_count(decision.ranking)
        result.append(
            Observed(
                row=row,
                features=decision.features,
                ranked=ranked,
                offered=count,
                right_first=in_scope and ranked[:1] == [key],
                right_offered=in_scope and key in ranked[:count],
                right_rank=ranked.index(key) + 1 if in_scope and key in ranked else None,
                language=row["language"],
            )
        )
    return result


def matrix(observed: Sequence[Observed], names: Sequence[str]) -> np.ndarray:
    return np.array([[item.features.get(name, 0.0) for name in names] for item in observed])


def logistic_fit(x: np.ndarray, y: np.ndarray, *, l2: float = 0.01) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (bias not regularised)."""
    n, k = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(k + 1)
    penalty = np.eye(k + 1) * l2 * n
    penalty[k, k] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(design @ beta, -30, 30)))
        gradient = design.T @ (p - y) + penalty @ beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + np.eye(k + 1) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta[:k], float(beta[k])


def costs(observed: Sequence[Observed]) -> dict[str, np.ndarray]:
    """Per question, the cost of each of the three outcomes."""
    answer, choice, handover = [], [], []
    for item in observed:
        if item.row.get("in_scope"):
            answer.append(COST_RIGHT if item.right_first else COST_WRONG)
            choice.append(
                COST_CHOICE_RIGHT
                if item.right_offered
                else COST_CHOICE_MISSED
                if item.offered >= 2
                else COST_HANDOVER_IN_SCOPE
            )
            handover.append(COST_HANDOVER_IN_SCOPE)
        else:
            answer.append(COST_WRONG)
            choice.append(COST_CHOICE_OUT_OF_SCOPE if item.offered >= 2 else 0.0)
            handover.append(COST_HANDOVER_OUT_OF_SCOPE)
    return {ANSWER: np.array(answer), CHOICE: np.array(choice), HANDOVER: np.array(handover)}


ANSWER_GRID = np.round(np.arange(0.30, 0.991, 0.01), 3)
CHOICE_GRID = np.round(np.arange(0.05, 0.951, 0.01), 3)
SCOPE_GRID = np.round(np.arange(0.0, 0.901, 0.025), 3)
USE_SCOPE = {"on": True}  # set by fit_confidence.py --no-scope


def decisions(
    p_answer: np.ndarray,
    p_choice: np.ndarray,
    offered: np.ndarray,
    tied: np.ndarray,
    outside: np.ndarray,
    a: float,
    c: float,
    p_scope: np.ndarray | None = None,
    s: float = 0.0,
) -> np.ndarray:
    """0 answer, 1 choices, 2 hand over (the rule of `Engine.decide`)."""
    if p_scope is not None:
        outside = outside | (p_scope < s)
    sure = p_answer >= a
    result = np.full(len(p_answer), 2)
    result[((p_choice >= c) | (sure & tied)) & (offered >= 2) & ~outside] = 1
    result[sure & ~tied & ~outside] = 0
    return result


def thresholds_choose(
    observed: Sequence[Observed],
    p_answer: np.ndarray,
    p_choice: np.ndarray,
    p_scope: np.ndarray | None = None,
) -> tuple[float, float, float, float]:
    """The (answer, choice, scope) thresholds of least mean cost on these questions, and
    that cost. The choice grid is searched at once: for fixed answer and scope thresholds
    a question's outcome depends on the choice threshold only through p_choice >= c."""
    table = costs(observed)
    n = len(observed)
    offered = np.array([item.offered for item in observed])
    tied_margin = np.array(
        [len(item.ranked) > 1 and item.features["margin"] < TIE_MARGIN for item in observed],
        dtype=bool,
    )
    out = np.array([not item.row.get("in_scope") for item in observed], dtype=bool)
    outside = np.array(
        [not item.ranked or item.features["outside"] > 0 for item in observed], dtype=bool
    )
    scope = p_scope if p_scope is not None else np.ones(n)
    scope_grid = SCOPE_GRID if p_scope is not None else np.array([0.0])
    above = (p_choice[None, :] >= CHOICE_GRID[:, None]).astype(float)  # (choices, n)
    minimum = MIN_OUT_OF_SCOPE_HANDED_OVER["share"]
    out_count = max(1, int(out.sum()))
    best = (math.inf, 0.5, 0.5, 0.0)
    for s in scope_grid:
        gated = outside | (scope < s)
        for a in ANSWER_GRID:
            sure = p_answer >= a
            answered = sure & ~tied_margin & ~gated
            can_choose = (offered >= 2) & ~gated & ~answered
            always = can_choose & sure & tied_margin  # tied: offered whatever c is
            depends = can_choose & ~always
            base = np.where(answered, table[ANSWER], table[HANDOVER])
            base = np.where(always, table[CHOICE], base)
            delta = np.where(depends, table[CHOICE] - table[HANDOVER], 0.0)
            total = base.sum() + above @ delta  # per choice threshold
            if out.any() and minimum > 0:
                handed = (
                    (out & ~answered & ~always).sum() - above @ (depends & out).astype(float)
                ) / out_count
                total = np.where(handed >= minimum - 1e-12, total, math.inf)
            index = int(np.argmin(total))
            cost = float(total[index]) / n
            if cost < best[0] - 1e-12:
                best = (cost, float(a), float(CHOICE_GRID[index]), float(s))
    return best[1], best[2], best[3], best[0]


def calibration_fit(
    observed: Sequence[Observed], names: Sequence[str], *, l2: float = 0.01
) -> Calibration:
    x = matrix(observed, names)
    y_answer = np.array([item.right_first for item in observed], dtype=float)
    y_choice = np.array([item.right_offered for item in observed], dtype=float)
    y_scope = np.array([bool(item.row.get("in_scope")) for item in observed], dtype=float)
    w_answer, b_answer = logistic_fit(x, y_answer, l2=l2)
    w_choice, b_choice = logistic_fit(x, y_choice, l2=l2)
    answer = Logistic(dict(zip(names, map(float, w_answer), strict=True)), b_answer)
    choice = Logistic(dict(zip(names, map(float, w_choice), strict=True)), b_choice)
    scope = None
    if USE_SCOPE["on"] and 0 < y_scope.sum() < len(y_scope):
        w_scope, b_scope = logistic_fit(x, y_scope, l2=l2)
        scope = Logistic(dict(zip(names, map(float, w_scope), strict=True)), b_scope)
    provisional = Calibration(answer, choice, 0.5, 0.5, scope=scope)
    p_answer, p_choice, p_scope = probabilities(provisional, observed)
    a, c, s, _cost = thresholds_choose(observed, p_answer, p_choice, p_scope)
    return Calibration(answer, choice, a, c, scope=scope, scope_threshold=s)


def probabilities(
    calibration: Calibration, observed: Sequence[Observed]
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    p_answer = np.array([calibration.confidence(item.features) for item in observed])
    p_choice = np.array([calibration.choice_confidence(item.features) for item in observed])
    p_scope = (
        np.array([calibration.scope_confidence(item.features) for item in observed])
        if calibration.scope is not None
        else None
    )
    return p_answer, p_choice, p_scope


def outcome_of(item: Observed, calibration: Calibration) -> str:
    """Exactly the rule of `Engine.decide`."""
    if not item.ranked or item.features["outside"] > 0:
        return HANDOVER
    if calibration.scope_confidence(item.features) < calibration.scope_threshold:
        return HANDOVER
    sure = calibration.confidence(item.features) >= calibration.answer_threshold
    tied = sure and len(item.ranked) > 1 and item.features["margin"] < TIE_MARGIN
    if sure and not tied:
        return ANSWER
    if item.offered >= 2 and (
        calibration.choice_confidence(item.features) >= calibration.choice_threshold or tied
    ):
        return CHOICE
    return HANDOVER


def tally(items: Sequence[tuple[Observed, str]]) -> dict[str, Counter]:
    """Counts per language (and "all") of the outcomes."""
    table: dict[str, Counter] = defaultdict(Counter)
    for item, outcome in items:
        for language in (item.language, "all"):
            counter = table[language]
            if item.row.get("in_scope"):
                counter["in_scope"] += 1
                counter["answered_right"] += (outcome == ANSWER and item.right_first) or (
                    outcome == CHOICE and item.right_offered
                )
                counter["answered_first"] += outcome == ANSWER and item.right_first
                counter["answered_wrong"] += outcome == ANSWER and not item.right_first
                counter["choices"] += outcome == CHOICE
                counter["handed_over"] += outcome == HANDOVER
                counter["top1"] += item.right_first
                counter["top3"] += item.right_rank is not None and item.right_rank <= 3
            else:
                counter["out_of_scope"] += 1
                counter["out_handed_over"] += outcome == HANDOVER
                counter["out_choices"] += outcome == CHOICE
                counter["out_answered"] += outcome == ANSWER
            counter["cost"] += float(costs([item])[outcome][0])
            counter["all"] += 1
    return table


def share(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:6.1%}" if denominator else "     —"


def table_lines(table: dict[str, Counter], title: str) -> list[str]:
    lines = [
        title,
        f"{'':5} {'in':>4} {'right':>7} {'(first)':>7} {'wrong':>7} {'choice':>7} "
        f"{'handed':>7} {'top-1':>7} {'top-3':>7} {'out':>4} {'out→p':>7} {'out→c':>7} "
        f"{'out→a':>7} {'cost':>6}",
    ]
    for language in (*LANGUAGES, "all"):
        c = table.get(language, Counter())
        lines.append(
            f"{language:5} {c['in_scope']:>4} {share(c['answered_right'], c['in_scope']):>7} "
            f"{share(c['answered_first'], c['in_scope']):>7} "
            f"{share(c['answered_wrong'], c['in_scope']):>7} "
            f"{share(c['choices'], c['in_scope']):>7} {share(c['handed_over'], c['in_scope']):>7} "
            f"{share(c['top1'], c['in_scope']):>7} {share(c['top3'], c['in_scope']):>7} "
            f"{c['out_of_scope']:>4} {share(c['out_handed_over'], c['out_of_scope']):>7} "
            f"{share(c['out_choices'], c['out_of_scope']):>7} "
            f"{share(c['out_answered'], c['out_of_scope']):>7} "
            f"{c['cost'] / c['all'] if c['all'] else 0:>6.3f}"
        )
    return lines


class PlainBm25:
    """The baseline: BM25 over folded words of each product's names and summaries in the
    three languages; it answers with its first product and hands over only when no word
    matches."""

    def __init__(self, products: list[dict[str, str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.codes = [row["code"] for row in products]
        self.documents = [
            Counter(
                words(
                    " ".join(
                        row[f"{field}_{language}"]
                        for field in ("name", "summary")
                        for language in LANGUAGES
                    )
                )
            )
            for row in products
        ]
        self.lengths = [sum(document.values()) for document in self.documents]
        self.average = sum(self.lengths) / len(self.lengths)
        frequency: Counter[str] = Counter()
        for document in self.documents:
            frequency.update(document.keys())
        count = len(self.documents)
        self.idf = {t: math.log(1 + (count - df + 0.5) / (df + 0.5)) for t, df in frequency.items()}
        self.k1, self.b = k1, b

    def rank(self, question: str) -> list[str]:
        terms = words(question)
        scores = []
        for code, document, length in zip(self.codes, self.documents, self.lengths, strict=True):
            score = 0.0
            for term in terms:
                count = document.get(term, 0)
                if count:
                    norm = self.k1 * (1 - self.b + self.b * length / self.average)
                    score += self.idf[term] * count * (self.k1 + 1) / (count + norm)
            if score > 0:
                scores.append((code, score))
        scores.sort(key=lambda item: -item[1])
        return [f"product:{code}" for code, _score in scores[:5]]


def baseline_tally(baseline: PlainBm25, rows: Sequence[dict]) -> dict[str, Counter]:
    items = []
    for row in rows:
        ranked = baseline.rank(row["question"])
        key = f"product:{row['product_code']}" if row.get("product_code") else None
        in_scope = bool(row.get("in_scope")) and key is not None
        item = Observed(
            row=row,
            features={},
            ranked=ranked,
            offered=0,
            right_first=in_scope and ranked[:1] == [key],
            right_offered=False,
            right_rank=ranked.index(key) + 1 if in_scope and key in ranked else None,
            language=row["language"],
        )
        items.append((item, ANSWER if ranked else HANDOVER))
    return tally(items)
