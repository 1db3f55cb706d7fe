"""k-fold cross-validation of the assistant on the **train** part of the development set.

The test part is never read here. The in-scope and out-of-scope train questions are
dealt into `--folds` folds (5 by default), product by product, so each fold holds about
a fifth of every product's questions. For each fold:

1. the engine learns the in-scope questions of the *other* folds as product phrasings
   (as `src/loket/assistant/data/phrasings.csv` does for the whole train part);
2. the confidence calibration and the handover threshold are fitted on the other folds
   only, exactly as `evaluate.py --fit` does on the whole train part (each question
   ranked without its own phrasing);
3. the questions of the fold are asked as new questions.

The figures of the folds are added up: top-1 and top-3 per language, "answered right",
the mean reciprocal rank, the share of out-of-scope questions handed over and the log
loss of the confidence. `--no-phrasings` measures the method with no learned phrasing
at all (the catalogue, the keywords and the thesaurus only); `--no-keywords` leaves out
data/keywords.csv; `--noise N` also asks N misspelled copies of every held-out question
(accents dropped, one edit in about a third of the words), a test of robustness that no
word list was written for; `--chatter N` asks N copies between an everyday greeting and
thank-you ("hallo, ik wou eens weten …, alvast bedankt"). `--set NAME=VALUE` changes a
constant of a module of the assistant for the run (`--set retrieval.WORD_SHARE=0.7`), to
compare variants of the method; `--misses` lists the top-1 misses (of train questions
only). Run from the repository root:

    .venv/bin/python bench/assistant/crossval.py [--folds 5] [--set retrieval.WORD_SHARE=0.7]
"""

import argparse
import importlib
import json
import math
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from evaluate import (  # noqa: E402
    LANGUAGES,
    PlainBm25,
    evaluate_baseline,
    fit,
    load_devset,
    load_products,
    share,
    totals,
)

from loket.assistant.calibration import Calibration, features_of  # noqa: E402
from loket.assistant.documents import product_document, shipped_keywords  # noqa: E402
from loket.assistant.engine import Engine  # noqa: E402
from loket.assistant.language import language_model_load  # noqa: E402
from loket.assistant.text import words  # noqa: E402
from loket.assistant.workflow import Outcome  # noqa: E402

PLACEHOLDER = Calibration(weights=(1.0, 1.0, 1.0), bias=0.0, threshold=0.5)


def folds_of(rows: list[dict], count: int) -> list[list[dict]]:
    """Deal the rows into folds, grouped by product (out of scope as one group)."""
    folds: list[list[dict]] = [[] for _ in range(count)]
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["product_code"] or ""].append(row)
    position = 0
    for code in sorted(grouped):
        for row in sorted(grouped[code], key=lambda item: item["id"]):
            folds[position % count].append(row)
            position += 1
    return folds


# Everyday openings and closings of a message, to wrap held-out questions in (`--chatter`).
CHATTER = {
    "nl": (
        ("hallo, ik wou eens weten", "alvast bedankt"),
        ("goedemiddag, ik heb een vraagje:", "groetjes"),
        ("dag, kunt u mij helpen?", "dank u wel"),
    ),
    "fr": (
        ("bonjour, je voudrais savoir", "merci d'avance"),
        ("bonsoir, petite question:", "bonne journée"),
        ("salut, vous pouvez m'aider?", "merci beaucoup"),
    ),
    "en": (
        ("hello, i was wondering", "thanks in advance"),
        ("hi there, quick question:", "cheers"),
        ("good morning, can you help me?", "thank you"),
    ),
}
KEYBOARD_NEIGHBOURS = "qwertyuiop asdfghjkl zxcvbnm azertyuiop qsdfghjklm wxcvbn"


def misspelled(row: dict, copy: int) -> str:
    """A reproducible misspelled copy of a question: accents dropped, and each word of
    four letters or more changed by one edit (a letter dropped, doubled, swapped with
    the next one or replaced by a neighbour on the keyboard) with a chance of 0.35."""
    generator = random.Random(f"{row['id']}-{copy}")
    result = []
    for word in words(row["question"]):
        if len(word) >= 4 and generator.random() < 0.35:
            position = generator.randrange(1, len(word) - 1)
            edit = generator.choice(("drop", "double", "swap", "neighbour"))
            if edit == "drop":
                word = word[:position] + word[position + 1 :]
            elif edit == "double":
                word = word[:position] + word[position] + word[position:]
            elif edit == "swap":
                word = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
            else:
                rows = [line for line in KEYBOARD_NEIGHBOURS.split() if word[position] in line]
                if rows:
                    line = rows[0]
                    at = line.index(word[position])
                    neighbour = line[at - 1] if at > 0 else line[at + 1]
                    word = word[:position] + neighbour + word[position + 1 :]
        result.append(word)
    return " ".join(result)


def chattered(row: dict, copy: int) -> str:
    """The question between an everyday opening and closing of its language."""
    opening, closing = CHATTER[row["language"]][(row["id"] + copy) % 3]
    return f"{opening} {row['question']}, {closing}"


def engine_with(
    products: list[dict[str, str]],
    learned: list[dict],
    calibration: Calibration,
    *,
    use_keywords: bool = True,
) -> Engine:
    keywords = shipped_keywords()
    phrasings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in learned:
        if row["in_scope"]:
            phrasings[row["product_code"]].append((row["language"], row["question"]))
    documents = [
        product_document(
            code=row["code"],
            names={language: row[f"name_{language}"] for language in LANGUAGES},
            summaries={language: row[f"summary_{language}"] for language in LANGUAGES},
            phrasings=phrasings.get(row["code"], []),
            keywords=keywords.get(row["code"], []) if use_keywords else [],
        )
        for row in products
    ]
    return Engine(documents, calibration=calibration)


def apply_settings(settings: list[str]) -> None:
    for setting in settings:
        name, _, value = setting.partition("=")
        module_name, _, attribute = name.rpartition(".")
        module = importlib.import_module(f"loket.assistant.{module_name}")
        if not hasattr(module, attribute):
            raise SystemExit(f"unknown setting {name}")
        setattr(module, attribute, json.loads(value))


def crossvalidate(
    products: list[dict[str, str]],
    train: list[dict],
    folds: int,
    *,
    phrasings: bool = True,
    keywords: bool = True,
    noise: int = 0,
    chatter: int = 0,
) -> dict:
    per_language: dict[str, Counter] = defaultdict(Counter)
    handed_over_out = 0
    out_count = 0
    log_loss = 0.0
    misses = []
    for held in folds_of(train, folds):
        held_ids = {row["id"] for row in held}
        learning = [row for row in train if row["id"] not in held_ids]
        engine = engine_with(
            products,
            learning if phrasings else [],
            PLACEHOLDER,
            use_keywords=keywords,
        )
        engine.calibration = fit(engine, learning)
        asked = [row for row in held]
        for copy in range(noise):
            asked.extend({**row, "question": misspelled(row, copy)} for row in held)
        for copy in range(chatter):
            asked.extend({**row, "question": chattered(row, copy)} for row in held)
        for row in asked:
            decision = engine.decide(row["question"])
            right = row["in_scope"] and decision.ranked[:1] == [f"product:{row['product_code']}"]
            confidence = min(
                1 - 1e-6, max(1e-6, engine.calibration.confidence(features_of(decision.ranking)))
            )
            log_loss -= math.log(confidence if right else 1 - confidence)
            if not row["in_scope"]:
                out_count += 1
                handed_over_out += decision.outcome == Outcome.HANDED_OVER
                if decision.outcome != Outcome.HANDED_OVER:
                    misses.append((row["question"], None, decision.ranked[:3]))
                continue
            key = f"product:{row['product_code']}"
            stats = per_language[row["language"]]
            stats["count"] += 1
            stats["top1"] += right
            stats["top3"] += key in decision.ranked[:3]
            if key in decision.ranked:
                stats["reciprocal_rank"] += 1 / (decision.ranked.index(key) + 1)
            stats["answered_right"] += (
                decision.outcome == Outcome.ANSWERED and decision.best == key
            ) or (decision.outcome == Outcome.CLARIFIED and key in decision.ranked[:2])
            if not right:
                misses.append((row["question"], row["product_code"], decision.ranked[:3]))
    return {
        "per_language": per_language,
        "out_of_scope_handed_over": handed_over_out / out_count if out_count else 0.0,
        "out_of_scope_count": out_count,
        "log_loss": log_loss / (len(train) * (1 + noise + chatter)),
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--no-phrasings", action="store_true", help="learn no phrasing")
    parser.add_argument("--no-keywords", action="store_true", help="leave out data/keywords.csv")
    parser.add_argument(
        "--noise", type=int, default=0, help="ask N misspelled copies of each held-out question"
    )
    parser.add_argument(
        "--chatter", type=int, default=0, help="ask N copies with a greeting and a thank-you"
    )
    parser.add_argument("--misses", action="store_true", help="list the top-1 misses")
    parser.add_argument("--baseline", action="store_true", help="also the plain BM25")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    apply_settings(arguments.set)

    products = load_products()
    train = [row for row in load_devset() if row["split"] == "train"]
    language_model_load()
    start = time.perf_counter()
    result = crossvalidate(
        products,
        train,
        arguments.folds,
        phrasings=not arguments.no_phrasings,
        keywords=not arguments.no_keywords,
        noise=arguments.noise,
        chatter=arguments.chatter,
    )
    seconds = time.perf_counter() - start
    baseline = evaluate_baseline(PlainBm25(products), train) if arguments.baseline else None

    in_scope = sum(1 for row in train if row["in_scope"])
    print(
        f"train part, {arguments.folds}-fold cross-validation"
        f"{' without phrasings' if arguments.no_phrasings else ''}: {in_scope} in-scope, "
        f"{result['out_of_scope_count']} out-of-scope questions ({seconds:.1f} s)"
    )
    headers = ["questions", "top-1", "top-3", "answered right"]
    if baseline:
        headers += ["baseline top-1", "baseline top-3"]
    print(f"{'':6} " + " ".join(f"{header:>14}" for header in headers))
    for language in (*LANGUAGES, "all"):
        pick = totals if language == "all" else (lambda table, lang=language: table[lang])
        ours = pick(result["per_language"])
        figures = [share(ours, "top1"), share(ours, "top3"), share(ours, "answered_right")]
        if baseline:
            base = pick(baseline["per_language"])
            figures += [share(base, "top1"), share(base, "top3")]
        print(f"{language:6} {ours['count']:>14} " + " ".join(f"{v:>14.1%}" for v in figures))
    print(
        f"mean reciprocal rank: {share(totals(result['per_language']), 'reciprocal_rank'):.3f}; "
        f"out-of-scope handed over: {result['out_of_scope_handed_over']:.1%}; "
        f"log loss of the confidence: {result['log_loss']:.3f}"
    )
    if arguments.misses:
        for question, expected, ranked in result["misses"]:
            print(f"  miss: {question!r} expected {expected}, got {ranked}")
    if arguments.json:
        all_ = totals(result["per_language"])
        payload = {
            "top1": share(all_, "top1"),
            "top3": share(all_, "top3"),
            "answered_right": share(all_, "answered_right"),
            "mean_reciprocal_rank": share(all_, "reciprocal_rank"),
            "out_of_scope_handed_over": result["out_of_scope_handed_over"],
            "log_loss": result["log_loss"],
            "per_language": {k: dict(v) for k, v in result["per_language"].items()},
        }
        arguments.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
