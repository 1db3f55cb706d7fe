"""Latency of the engine alone (language, ranking, fusion, calibration; no database), per
variant, over the questions of the tuning set: median and p95 in ms.

    .venv/bin/python bench/assistant/latency_engine.py
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable

from outcomes import TUNING, build_engine, load_jsonl, load_products

from loket.assistant.language import language_model_load


def timed(call: Callable[[str], object], questions: list[str]) -> tuple[float, float]:
    """Median and p95 in ms of `call` over the questions, one at a time."""
    latencies = []
    for question in questions:
        start = time.perf_counter()
        call(question)
        latencies.append((time.perf_counter() - start) * 1000)
    ordered = sorted(latencies)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)
    ]


def main() -> None:
    language_model_load()
    products = load_products()
    questions = [row["question"] for row in load_jsonl(TUNING)]
    for variant in ("lexical", "semantic"):
        engine = build_engine(products, semantic=variant == "semantic")
        for question in questions[:10]:
            engine.decide(question + " x")
        median, p95 = timed(engine.decide, questions)
        print(f"{variant}: {len(questions)} questions, median {median:.1f} ms, p95 {p95:.1f} ms")
        model = getattr(engine.semantic, "model", None)
        if model is not None:
            # The floor: the bare embedding model on the same questions (cut as the engine does).
            floor_median, floor_p95 = timed(
                lambda question, model=model: model.query(question[:300]), questions
            )
            print(
                f"  floor, the embedding model alone: median {floor_median:.1f} ms, "
                f"p95 {floor_p95:.1f} ms (engine / floor at p95: {p95 / floor_p95:.2f})"
            )


if __name__ == "__main__":
    main()
