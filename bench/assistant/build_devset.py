"""Build devset.jsonl from questions.txt, with a fixed train/test split.

A question goes to the train part when the first byte of the SHA-1 of its text is below
0.4 * 256 (about 40 %), otherwise to test. The split depends on the text only, so adding
questions never moves existing ones. The in-scope train questions are also written as the
shipped product phrasings (src/loket/assistant/data/phrasings.csv): the only sentences of
the set the assistant learns from. Run from the repository root:

    .venv/bin/python bench/assistant/build_devset.py
"""

import csv
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PHRASINGS = ROOT / "src" / "loket" / "assistant" / "data" / "phrasings.csv"
TRAIN_SHARE = 0.4


def split_of(question: str) -> str:
    digest = hashlib.sha1(question.encode("utf-8")).digest()
    return "train" if digest[0] < TRAIN_SHARE * 256 else "test"


def main() -> None:
    rows = []
    for line in (HERE / "questions.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, language, question = line.split("|", 2)
        rows.append(
            {
                "id": len(rows) + 1,
                "question": question.strip(),
                "language": language,
                "product_code": None if code == "none" else code,
                "in_scope": code != "none",
                "split": split_of(question.strip()),
            }
        )
    with (HERE / "devset.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    PHRASINGS.parent.mkdir(parents=True, exist_ok=True)
    with PHRASINGS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["product_code", "language", "text"])
        for row in rows:
            if row["in_scope"] and row["split"] == "train":
                writer.writerow([row["product_code"], row["language"], row["question"]])
    counts: dict[str, int] = {}
    for row in rows:
        key = f"{'in' if row['in_scope'] else 'out'}-{row['split']}-{row['language']}"
        counts[key] = counts.get(key, 0) + 1
    print(json.dumps(counts, sort_keys=True, indent=1))


if __name__ == "__main__":
    main()
