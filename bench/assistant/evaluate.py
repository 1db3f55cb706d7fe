"""Measure the assistant on the development set (bench/assistant/devset.jsonl).

Reports, on the **test** part: top-1 and top-3 accuracy per language on in-scope
questions, the share of out-of-scope questions handed over, the outcomes (answered,
clarifying question, handover) and the latency per question (median and p95, language
detection + retrieval + calibration), for the assistant and for a plain baseline (BM25
over product names and summaries, all languages, no stemming).

The assistant knows the catalogue (src/loket/catalog/data/products.csv) and the shipped
phrasings (src/loket/assistant/data/phrasings.csv = the in-scope *train* questions).
`--fit` refits the confidence calibration on the train part only and writes
src/loket/assistant/data/calibration.json: every train question is ranked without the
phrasing learned from itself (leave-one-out), so the scores look like those of new
questions. Run from the repository root:

    .venv/bin/python bench/assistant/evaluate.py [--fit] [--json results.json]
"""

import argparse
import csv
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from loket.assistant.calibration import (  # noqa: E402
    Calibration,
    calibration_current,
    calibration_fit,
    features_of,
)
from loket.assistant.documents import (  # noqa: E402
    product_document,
    shipped_keywords,
    shipped_phrasings,
)
from loket.assistant.engine import Engine  # noqa: E402
from loket.assistant.language import language_model_load  # noqa: E402
from loket.assistant.text import words  # noqa: E402
from loket.assistant.workflow import Outcome  # noqa: E402

PRODUCTS = ROOT / "src" / "loket" / "catalog" / "data" / "products.csv"
DEVSET = Path(__file__).resolve().parent / "devset.jsonl"
LANGUAGES = ("nl", "fr", "en")
# On the train part, the handover threshold is the highest confidence that still hands
# over at least this share of the out-of-scope questions.
TARGET_OUT_OF_SCOPE_SHARE = 0.95


def load_products() -> list[dict[str, str]]:
    with PRODUCTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_devset() -> list[dict]:
    return [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line]


def build_engine(products: list[dict[str, str]], calibration: Calibration | None = None) -> Engine:
    phrasings = shipped_phrasings()
    keywords = shipped_keywords()
    documents = [
        product_document(
            code=row["code"],
            names={language: row[f"name_{language}"] for language in LANGUAGES},
            summaries={language: row[f"summary_{language}"] for language in LANGUAGES},
            phrasings=phrasings.get(row["code"], []),
            keywords=keywords.get(row["code"], []),
        )
        for row in products
    ]
    return Engine(documents, calibration=calibration)


class PlainBm25:
    """The baseline: BM25 over folded words of each product's names and summaries."""

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

    def rank(self, question: str) -> list[tuple[str, float]]:
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
        return scores[:5]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def fit(engine: Engine, devset: list[dict]) -> Calibration:
    samples = []
    out_of_scope = []
    for row in devset:
        if row["split"] != "train":
            continue
        decision = engine.decide(
            row["question"], language=row["language"], excluded=frozenset({row["question"]})
        )
        features = features_of(decision.ranking)
        right = row["in_scope"] and decision.ranked[:1] == [f"product:{row['product_code']}"]
        samples.append((features, 1 if right else 0))
        if not row["in_scope"]:
            out_of_scope.append(features)
    weights, bias = calibration_fit(samples)
    fitted = Calibration(weights=weights, bias=bias, threshold=0.5)
    confidences = sorted(fitted.confidence(features) for features in out_of_scope)
    index = min(len(confidences) - 1, math.ceil(TARGET_OUT_OF_SCOPE_SHARE * len(confidences)) - 1)
    threshold = max(0.3, min(0.7, confidences[index] + 1e-3)) if confidences else 0.5
    return Calibration(weights=weights, bias=bias, threshold=round(threshold, 4))


def evaluate_assistant(engine: Engine, rows: list[dict], *, leave_one_out: bool = False) -> dict:
    per_language: dict[str, Counter] = defaultdict(Counter)
    outcomes: Counter = Counter()
    latencies = []
    handed_over_out = 0
    out_count = 0
    failures = []
    for row in rows:
        start = time.perf_counter()
        excluded = frozenset({row["question"]}) if leave_one_out else frozenset()
        decision = engine.decide(row["question"], excluded=excluded)
        latencies.append((time.perf_counter() - start) * 1000)
        outcomes[f"{'in' if row['in_scope'] else 'out'}:{decision.outcome}"] += 1
        if not row["in_scope"]:
            out_count += 1
            handed_over_out += decision.outcome == Outcome.HANDED_OVER
            continue
        key = f"product:{row['product_code']}"
        stats = per_language[row["language"]]
        stats["count"] += 1
        stats["top1"] += decision.ranked[:1] == [key]
        stats["top3"] += key in decision.ranked[:3]
        stats["language_right"] += decision.language == row["language"]
        answered_right = (decision.outcome == Outcome.ANSWERED and decision.best == key) or (
            decision.outcome == Outcome.CLARIFIED and key in decision.ranked[:2]
        )
        stats["answered_right"] += answered_right
        if decision.ranked[:1] != [key]:
            failures.append((row["question"], row["product_code"], decision.ranked[:3]))
    return {
        "per_language": per_language,
        "outcomes": outcomes,
        "out_of_scope_handed_over": handed_over_out / out_count if out_count else 0.0,
        "out_of_scope_count": out_count,
        "latency_median_ms": statistics.median(latencies),
        "latency_p95_ms": percentile(latencies, 0.95),
        "failures": failures,
    }


def evaluate_baseline(baseline: PlainBm25, rows: list[dict]) -> dict:
    per_language: dict[str, Counter] = defaultdict(Counter)
    latencies = []
    handed_over_out = 0
    out_count = 0
    for row in rows:
        start = time.perf_counter()
        ranked = [code for code, _score in baseline.rank(row["question"])]
        latencies.append((time.perf_counter() - start) * 1000)
        if not row["in_scope"]:
            out_count += 1
            handed_over_out += not ranked  # the baseline can only hand over when nothing matches
            continue
        stats = per_language[row["language"]]
        stats["count"] += 1
        stats["top1"] += ranked[:1] == [row["product_code"]]
        stats["top3"] += row["product_code"] in ranked[:3]
    return {
        "per_language": per_language,
        "out_of_scope_handed_over": handed_over_out / out_count if out_count else 0.0,
        "latency_p95_ms": percentile(latencies, 0.95),
    }


def share(counter: Counter, field: str) -> float:
    return counter[field] / counter["count"] if counter["count"] else 0.0


def totals(per_language: dict[str, Counter]) -> Counter:
    total: Counter = Counter()
    for counter in per_language.values():
        total.update(counter)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit the calibration on train")
    parser.add_argument("--split", default="test", choices=["test", "train"])
    parser.add_argument("--failures", action="store_true", help="list the top-1 misses")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    if arguments.failures and arguments.split == "test":
        # The protocol (BENCHMARKS.md, "Assistant"): the test part is reported in
        # aggregate only; its individual misses are never read.
        parser.error("--failures lists train misses only (use --split train)")

    products = load_products()
    devset = load_devset()
    start = time.perf_counter()
    language_model_load()
    engine = build_engine(products)
    build_seconds = time.perf_counter() - start
    if arguments.fit:
        calibration = fit(engine, devset)
        calibration.save()
        calibration_current.cache_clear()
        engine = build_engine(products, calibration)
        print(f"calibration fitted on train: {calibration}")
    rows = [row for row in devset if row["split"] == arguments.split]
    for row in rows[:20]:  # warm-up (caches of stems and corrections)
        engine.decide(row["question"] + " x")
    # Train questions are phrasings of the knowledge: rank each without its own phrasing.
    result = evaluate_assistant(engine, rows, leave_one_out=arguments.split == "train")
    baseline = evaluate_baseline(PlainBm25(products), rows)

    in_scope = sum(1 for row in rows if row["in_scope"])
    print(
        f"split: {arguments.split}; in-scope questions: {in_scope}; "
        f"out-of-scope: {result['out_of_scope_count']}; index built in {build_seconds:.2f} s"
    )
    headers = ("questions", "top-1", "top-3", "answered right", "baseline top-1", "baseline top-3")
    print(f"{'':10} " + " ".join(f"{header:>15}" for header in headers))
    for language in (*LANGUAGES, "all"):
        ours = (
            totals(result["per_language"])
            if language == "all"
            else result["per_language"][language]
        )
        base = (
            totals(baseline["per_language"])
            if language == "all"
            else baseline["per_language"][language]
        )
        figures = [
            share(ours, "top1"),
            share(ours, "top3"),
            share(ours, "answered_right"),
            share(base, "top1"),
            share(base, "top3"),
        ]
        print(
            f"{language:10} {ours['count']:>15} " + " ".join(f"{value:>15.1%}" for value in figures)
        )
    print(
        f"out-of-scope handed over: {result['out_of_scope_handed_over']:.1%} "
        f"(baseline: {baseline['out_of_scope_handed_over']:.1%})"
    )
    language_share = share(totals(result["per_language"]), "language_right")
    print(f"language detected right (in-scope): {language_share:.1%}")
    print(f"outcomes: {dict(sorted(result['outcomes'].items()))}")
    print(
        f"latency per question: median {result['latency_median_ms']:.2f} ms, "
        f"p95 {result['latency_p95_ms']:.2f} ms "
        f"(baseline p95 {baseline['latency_p95_ms']:.2f} ms)"
    )
    if arguments.failures:
        for question, expected, ranked in result["failures"]:
            print(f"  miss: {question!r} expected {expected}, got {ranked}")
    if arguments.json:
        payload = {
            "split": arguments.split,
            "assistant": {
                language: {k: v for k, v in counter.items()}
                for language, counter in result["per_language"].items()
            },
            "baseline": {
                language: {k: v for k, v in counter.items()}
                for language, counter in baseline["per_language"].items()
            },
            "out_of_scope_handed_over": result["out_of_scope_handed_over"],
            "latency_p95_ms": result["latency_p95_ms"],
        }
        arguments.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
