"""Write the residents' questions shipped as knowledge of the assistant.

From the questions written outside the team that are training material (the used-up
evaluation sets `holdout.jsonl` and `independent.jsonl`, and `training/*.jsonl`,
`training/README.md`):

- `src/loket/assistant/data/phrasings_residents.csv` (`product_code,language,text`): the
  in-scope questions, as phrasings of their product (read whenever the index is built,
  `documents.resident_phrasings`);
- `src/loket/assistant/data/outside_questions.csv` (`language,text`): the out-of-scope
  questions, each a document of a question not handled here.

Never from the tuning set (the calibration is fitted on it), the development set or the
frozen evaluation set: a question with the same folded words as one of those is left out.
The in-scope questions longer than 300 characters (a phrasing's limit) are left out of the
phrasings (the scope model still reads them).

    .venv/bin/python bench/assistant/build_knowledge.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from outcomes import load_jsonl

from loket.assistant.text import words

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "src" / "loket" / "assistant" / "data"
SOURCES = [
    HERE / "holdout.jsonl",
    HERE / "independent.jsonl",
    *sorted((HERE / "training").glob("*.jsonl")),
]
PHRASING_LENGTH = 300
KEPT_OUT = [HERE / "tuning.jsonl", HERE / "devset.jsonl", HERE / "fresh.jsonl"]


def _key(text: str) -> str:
    """A question as its folded words: case, accents and punctuation do not count."""
    return " ".join(words(text))


def kept_out() -> set[str]:
    """The questions of the tuning, development and evaluation sets (normalised): never
    training material, even when a training writer happened to write the same words."""
    return {_key(row["question"]) for path in KEPT_OUT if path.exists() for row in load_jsonl(path)}


def is_kept_out(question: str, kept: set[str]) -> bool:
    return _key(question) in kept


def main() -> None:
    kept_out_keys = kept_out()
    seen: set[str] = set()
    inside: list[tuple[str, str, str]] = []
    outside: list[tuple[str, str]] = []
    left_out = 0
    for path in SOURCES:
        for row in load_jsonl(path):
            key = _key(row["question"])
            if key in kept_out_keys:
                left_out += 1
                continue
            if key in seen:
                continue
            seen.add(key)
            if row["in_scope"] and row.get("product_code"):
                if len(row["question"].strip()) > PHRASING_LENGTH:
                    continue  # a phrasing is at most this long (`ProductPhrasing.text`)
                inside.append((row["product_code"], row["language"], row["question"].strip()))
            elif not row["in_scope"]:
                outside.append((row["language"], row["question"].strip()))
    with (DATA / "phrasings_residents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["product_code", "language", "text"])
        writer.writerows(sorted(inside))
    with (DATA / "outside_questions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["language", "text"])
        writer.writerows(outside)
    print(
        f"{len(inside)} phrasings, {len(outside)} questions not handled here; "
        f"{left_out} left out (also in the tuning, development or evaluation set)"
    )


if __name__ == "__main__":
    main()
