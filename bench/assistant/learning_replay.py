"""Learning, measured: a simulated month of teaching through the learning page, then a
fresh set of similar questions.

The tuning set is split by persona: the questions of half the personas are "the month",
those of the other half the fresh set (then the other way round; the figures are added).
The month's questions are asked; those the staff would see on the learning page are
taught the way `question_learn` does (the question as asked becomes a phrasing of its
product; out-of-scope ones are set aside): either only the questions handed over, or
also those answered with choices. The engine is rebuilt with the learned phrasings
(exactly what `knowledge_build` does with `ProductPhrasing` rows) and the fresh set is
asked before and after. Only aggregate figures are printed.

    .venv/bin/python bench/assistant/learning_replay.py [--semantic]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from outcomes import (
    CHOICE,
    HANDOVER,
    TUNING,
    build_engine,
    load_jsonl,
    load_products,
    observe,
    outcome_of,
    table_lines,
    tally,
)

from loket.assistant.language import language_model_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--semantic", action="store_true", help="with the embedding ranker")
    arguments = parser.parse_args()
    language_model_load()
    products = load_products()
    rows = load_jsonl(TUNING)
    personas = sorted({row["persona"] for row in rows})
    halves = [set(personas[: len(personas) // 2]), set(personas[len(personas) // 2 :])]
    engine = build_engine(products, semantic=arguments.semantic)
    results: dict[str, list] = defaultdict(list)
    taught: Counter[str] = Counter()
    for month_personas, fresh_personas in (halves, halves[::-1]):
        month = [row for row in rows if row["persona"] in month_personas]
        fresh = [row for row in rows if row["persona"] in fresh_personas]
        calibration = engine.calibration
        outcomes = [(item, outcome_of(item, calibration)) for item in observe(engine, month)]
        results["before"].extend(
            (item, outcome_of(item, calibration)) for item in observe(engine, fresh)
        )
        for variant, kinds in (("handed over", {HANDOVER}), ("+ choices", {HANDOVER, CHOICE})):
            learned: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for item, outcome in outcomes:
                if outcome in kinds and item.row["in_scope"]:
                    learned[item.row["product_code"]].append(
                        (item.row["language"], item.row["question"])
                    )
                    taught[variant] += 1
            after = build_engine(
                products,
                semantic=arguments.semantic,
                calibration=calibration,
                extra_phrasings=learned,
            )
            results[variant].extend(
                (item, outcome_of(item, calibration)) for item in observe(after, fresh)
            )
    print(f"personas, month / fresh: {sorted(halves[0])} / {sorted(halves[1])}, then swapped")
    for name, decided in results.items():
        title = f"fresh questions, {name}" + (
            f" ({taught[name]} questions taught)" if name in taught else ""
        )
        for line in table_lines(tally(decided), title):
            print(line)


if __name__ == "__main__":
    main()
