"""Evaluate the assistant on a frozen test set, in aggregate only.

The frozen set (`bench/assistant/fresh.jsonl`, the default) was written outside the team
and is never read while tuning: this script prints only figures per language
(answered right = the right product answered or among the offered choices, answered with
a wrong product, choice rate, handed over, out-of-scope handed over), never a question,
a product code of a question or a per-question outcome. It runs the engine with the
shipped calibration, with and without the embedding model, and the plain BM25 baseline.

Each run is recorded in the set's own log, `bench/assistant/<set>_runs.log` (date,
commit, file hash). The protocol allows three runs per set and file hash (BENCHMARKS.md);
a fourth is refused before the file is read. The earlier sets (`holdout.jsonl`,
`independent.jsonl`) used their runs and are training material now (residents'
questions, `build_knowledge.py`): evaluating them is refused. Run from the repository root:

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

FRESH = HERE / "fresh.jsonl"
# Sets whose runs are used up and that are training material since (build_knowledge.py).
TRAINING_MATERIAL = ("holdout.jsonl", "independent.jsonl")
RUNS_ALLOWED = 3


def runs_log(path: Path) -> Path:
    """The run log of a set: `<name>_runs.log` next to it."""
    return path.with_name(f"{path.stem}_runs.log")


def runs_of(log: Path, digest: str) -> list[str]:
    """The logged runs on the file with this hash."""
    if not log.exists():
        return []
    return [line for line in log.read_text(encoding="utf-8").splitlines() if digest in line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=FRESH)
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
    path = arguments.path
    if path.name in TRAINING_MATERIAL or path.parent.name == "training":
        raise SystemExit(f"{path.name} is training material: it says nothing of new wording")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    log = runs_log(path)
    previous = runs_of(log, digest)
    if len(previous) >= RUNS_ALLOWED:
        raise SystemExit(f"{path.name} was evaluated {len(previous)} times already")
    rows = load_jsonl(path)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
    ).stdout.strip()
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} {commit} {digest}\n")
    print(f"{path.name}: {len(rows)} questions, sha256 {digest}; run {len(previous) + 1}")
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
