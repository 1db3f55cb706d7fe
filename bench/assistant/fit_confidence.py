"""Fit the assistant's confidence and thresholds with cross-validation grouped by author
and style, and report the outcomes per language.

Material: the train part of the development set (written by the team; each question
ranked without the phrasing learned from itself) and the tuning set
`bench/assistant/tuning.jsonl` (written by someone outside the team in six personas and
eight styles). The test part of the development set and the independent set are not read.

Grouped cross-validation: the personas are dealt into three groups and the styles into
two, giving six cells. For each cell, the two logistic models and the two thresholds are
fitted on the development train part plus the tuning questions of the *other* persona
groups *and* the other style group, so no persona and no style is on both sides; the
cell's questions are then decided with that fit. The pooled held-out decisions give the
figures. The shipped calibration is fitted on all of that material; its thresholds are
those of least cost on the pooled held-out probabilities.

    .venv/bin/python bench/assistant/fit_confidence.py [--variant lexical|semantic|both]
        [--features no-body|all|lexical|share|previous|basic] [--save]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from outcomes import (
    DEVSET,
    MIN_OUT_OF_SCOPE_HANDED_OVER,
    OUTSIDE_FILES,
    RESIDENT_KNOWLEDGE,
    TUNING,
    USE_SCOPE,
    Calibration,
    Observed,
    PlainBm25,
    baseline_tally,
    build_engine,
    calibration_fit,
    load_jsonl,
    load_products,
    observe,
    outcome_of,
    probabilities,
    table_lines,
    tally,
    thresholds_choose,
)

from loket.assistant.calibration import (
    FEATURES,
    LEXICAL_FEATURES,
    SEMANTIC_ONLY,
    calibration_current,
    calibrations_save,
)
from loket.assistant.language import language_model_load

FEATURE_SETS = {
    "basic": ("first", "margin", "coverage"),
    "previous": tuple(
        name
        for name in FEATURES
        if name
        not in (
            "explained",
            "unexplained",
            "explained_information",
            "semantic_outside",
            "other_body",
            "scope_text",
        )
    ),
    "share": tuple(
        name
        for name in FEATURES
        if name not in ("explained_information", "semantic_outside", "other_body", "scope_text")
    ),
    # The method before the feature "another body is the subject" (2026-12-04).
    "no-body": tuple(name for name in FEATURES if name != "other_body"),
    # The method before the scope model (2026-12-04).
    "no-scope-text": tuple(name for name in FEATURES if name not in ("other_body", "scope_text")),
    "lexical": LEXICAL_FEATURES,
    "all": FEATURES,
}
PERSONA_GROUPS = 3
STYLE_GROUPS = 2


def cells_of(rows: Sequence[Observed]) -> list[tuple[set[str], set[str]]]:
    personas = sorted({item.row.get("persona", "") for item in rows})
    styles = sorted({item.row.get("style", "") for item in rows})
    persona_groups = [set(personas[i::PERSONA_GROUPS]) for i in range(PERSONA_GROUPS)]
    style_groups = [set(styles[i::STYLE_GROUPS]) for i in range(STYLE_GROUPS)]
    return [(p, s) for p in persona_groups if p for s in style_groups if s]


def grouped_cv(
    team: Sequence[Observed], tuning: Sequence[Observed], names: Sequence[str], l2: float
) -> tuple[list[tuple[Observed, str]], np.ndarray, np.ndarray, np.ndarray | None, list[Observed]]:
    decided: list[tuple[Observed, str]] = []
    held_all: list[Observed] = []
    p_answer_all, p_choice_all, p_scope_all = [], [], []
    for personas, styles in cells_of(tuning):
        held = [
            item
            for item in tuning
            if item.row.get("persona", "") in personas and item.row.get("style", "") in styles
        ]
        fitting = [
            item
            for item in tuning
            if item.row.get("persona", "") not in personas
            and item.row.get("style", "") not in styles
        ]
        calibration = calibration_fit([*team, *fitting], names, l2=l2)
        decided.extend((item, outcome_of(item, calibration)) for item in held)
        p_answer, p_choice, p_scope = probabilities(calibration, held)
        p_answer_all.append(p_answer)
        p_choice_all.append(p_choice)
        p_scope_all.append(p_scope if p_scope is not None else np.ones(len(held)))
        held_all.extend(held)
    return (
        decided,
        np.concatenate(p_answer_all),
        np.concatenate(p_choice_all),
        np.concatenate(p_scope_all) if USE_SCOPE["on"] else None,
        held_all,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", default="both", choices=["lexical", "semantic", "both"])
    # "all" adds `other_body` (another body named while the best product is its municipal
    # look-alike), not shipped: BENCHMARKS.md, Assistant, 2026-12-04 "another body".
    parser.add_argument("--features", default="no-body", choices=sorted(FEATURE_SETS))
    parser.add_argument("--l2", type=float, default=0.0001)
    parser.add_argument("--save", action="store_true", help="write data/calibration.json")
    parser.add_argument(
        "--min-out-of-scope",
        type=float,
        default=0.0,
        help="thresholds must hand over at least this share of out-of-scope questions",
    )
    parser.add_argument(
        "--no-scope", action="store_true", help="no in-scope model (the previous method)"
    )
    parser.add_argument(
        "--outside",
        type=Path,
        action="append",
        help="lists of topics not handled here instead of the shipped ones (repeatable)",
    )
    parser.add_argument(
        "--team-knowledge",
        action="store_true",
        help="without the residents' questions shipped as knowledge (the earlier knowledge)",
    )
    arguments = parser.parse_args()
    RESIDENT_KNOWLEDGE["on"] = not arguments.team_knowledge
    if arguments.outside:
        OUTSIDE_FILES["paths"] = arguments.outside
    USE_SCOPE["on"] = not arguments.no_scope
    MIN_OUT_OF_SCOPE_HANDED_OVER["share"] = arguments.min_out_of_scope

    products = load_products()
    team_rows = [row for row in load_jsonl(DEVSET) if row["split"] == "train"]
    tuning_rows = load_jsonl(TUNING) if TUNING.exists() else []
    language_model_load()
    variants = ["lexical", "semantic"] if arguments.variant == "both" else [arguments.variant]
    fitted: dict[str, Calibration] = {}
    for variant in variants:
        start = time.perf_counter()
        engine = build_engine(products, semantic=variant == "semantic")
        if variant == "semantic" and engine.semantic is None:
            print("semantic: the embedding model is not installed; skipped")
            continue
        team = observe(engine, team_rows, leave_one_out=True)
        tuning = observe(engine, tuning_rows)
        names = [
            name
            for name in FEATURE_SETS[arguments.features]
            if variant == "semantic" or name not in SEMANTIC_ONLY
        ]
        seconds = time.perf_counter() - start
        print(f"\n== {variant}: features {', '.join(names)} ({seconds:.0f} s to rank)")
        if tuning:
            decided, p_answer, p_choice, p_scope, held = grouped_cv(
                team, tuning, names, arguments.l2
            )
            for line in table_lines(
                tally(decided), "tuning set, grouped cross-validation (held-out cells)"
            ):
                print(line)
            answer_threshold, choice_threshold, scope_threshold, cost = thresholds_choose(
                held, p_answer, p_choice, p_scope
            )
        else:
            print("no tuning set yet: thresholds from the development train part only")
            answer_threshold = choice_threshold = cost = None
            scope_threshold = None
        calibration = calibration_fit([*team, *tuning], names, l2=arguments.l2)
        if answer_threshold is not None and choice_threshold is not None:
            calibration = Calibration(
                calibration.answer,
                calibration.choice,
                answer_threshold,
                choice_threshold,
                scope=calibration.scope,
                scope_threshold=scope_threshold or 0.0,
            )
        method = {
            "features": names,
            "l2": arguments.l2,
            "min_out_of_scope_handed_over": arguments.min_out_of_scope,
            "fitted_on": f"devset train ({len(team)}) + tuning ({len(tuning)})",
            "thresholds": "least cost on the pooled held-out probabilities of the grouped "
            "cross-validation"
            if tuning
            else "least cost on the fitting material",
            "held_out_mean_cost": cost,
        }
        fitted[variant] = Calibration(
            calibration.answer,
            calibration.choice,
            round(calibration.answer_threshold, 3),
            round(calibration.choice_threshold, 3),
            method,
            scope=calibration.scope,
            scope_threshold=round(calibration.scope_threshold, 3),
        )
        print(
            f"shipped thresholds: answer {fitted[variant].answer_threshold}, "
            f"choices {fitted[variant].choice_threshold}, "
            f"in scope {fitted[variant].scope_threshold}"
        )
        if tuning:
            for line in table_lines(
                baseline_tally(PlainBm25(products), tuning_rows), "plain BM25 on the tuning set"
            ):
                print(line)
    if arguments.save and fitted:
        existing = {}
        for variant in ("lexical", "semantic"):
            if variant not in fitted:
                existing[variant] = calibration_current(variant)
        calibrations_save({**existing, **fitted})
        print("saved src/loket/assistant/data/calibration.json")


if __name__ == "__main__":
    main()
