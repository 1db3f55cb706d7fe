"""Evaluate the assistant on the frozen independent test set, in aggregate only.

The independent set (`bench/assistant/independent.jsonl`, or `--path`) was written outside
the team and is never read while tuning: this script prints only figures per language
(answered right = the right product answered or among the offered choices, answered with
a wrong product, choice rate, handed over, out-of-scope handed over), never a question,
a product code of a question or a per-question outcome. It runs the engine with the
shipped calibration, with and without the embedding model, and the plain BM25 baseline.

Each run is recorded in `bench/assistant/independent_runs.log` (date, commit, file hash);
the protocol allows three runs in all (BENCHMARKS.md). Run from the repository root:

    .venv/bin/python bench/assistant/evaluate_independent.py [--path FILE]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import subprocess
from pathlib import Path

from outcomes import (
    DEVSET,
    HERE,
    PlainBm25,
    baseline_tally,
    build_engine,
    load_jsonl,
    load_products,
    observe,
    outcome_of,
    table_lines,
    tally,
)

from loket.assistant.language import language_model_load

INDEPENDENT = HERE / "independent.jsonl"
RUNS = HERE / "independent_runs.log"
RUNS_ALLOWED = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=INDEPENDENT)
    parser.add_argument(
        "--devset-test",
        action="store_true",
        help="the test part of the development set instead (same figures, not logged)",
    )
    arguments = parser.parse_args()
    if arguments.devset_test:
        rows = [row for row in load_jsonl(DEVSET) if row["split"] == "test"]
        print(f"development set, test part: {len(rows)} questions")
        report(rows)
        return
    previous = RUNS.read_text(encoding="utf-8").splitlines() if RUNS.exists() else []
    if len(previous) >= RUNS_ALLOWED:
        raise SystemExit(f"the independent set was evaluated {len(previous)} times already")
    raw = arguments.path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    rows = load_jsonl(arguments.path)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    with RUNS.open("a", encoding="utf-8") as log:
        log.write(f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} {commit} {digest}\n")
    print(f"independent set: {len(rows)} questions, sha256 {digest}; run {len(previous) + 1}")
    report(rows)


def report(rows: list[dict]) -> None:
    language_model_load()
    products = load_products()
    for variant in ("lexical", "semantic"):
        engine = build_engine(products, semantic=variant == "semantic")
        if variant == "semantic" and engine.semantic is None:
            print("semantic: the embedding model is not installed; skipped")
            continue
        observed = observe(engine, rows)
        decided = [(item, outcome_of(item, engine.calibration)) for item in observed]
        for line in table_lines(tally(decided), f"assistant, {variant}"):
            print(line)
    for line in table_lines(baseline_tally(PlainBm25(products), rows), "plain BM25"):
        print(line)


if __name__ == "__main__":
    main()
