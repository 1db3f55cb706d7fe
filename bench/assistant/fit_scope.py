"""Fit the assistant's scope model: is a question about something the municipality
handles at all? (`src/loket/assistant/scope.py`)

Material (never the tuning set, on which the calibration is fitted afterwards with this
model's output as a feature, nor the development set, nor the frozen evaluation set
`fresh.jsonl`):

- `holdout.jsonl` and `independent.jsonl`: two evaluation sets written outside the team
  whose three runs each are used up; they are training material now;
- `training/*.jsonl`: questions written for the assistant by five writers who saw only the
  products' public names (`training/README.md`): out-of-scope questions, in-scope ones, and
  contrastive pairs (one in scope, one not, sharing their key words);
- the products' names and keywords (in scope) and the topics and bodies not handled here
  (`data/outside.csv`, `data/bodies.csv`: out of scope), phrase by phrase.

Cross-validation grouped by source: each source is predicted by a model fitted on the
others (a new writer's wording is never seen in fitting); the regularisation is chosen on
the pooled held-out predictions. The tuning set is then scored by the model fitted on
everything, as an outside check. `--save` writes `data/scope_model.json`.

    .venv/bin/python bench/assistant/fit_scope.py [--save]
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np
from build_knowledge import SOURCES, is_kept_out, kept_out
from outcomes import TUNING, load_jsonl, load_products
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from loket.assistant.documents import outside_documents, shipped_keywords
from loket.assistant.scope import ScopeModel, scope_model_save, scope_tokens

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
MIN_DOCUMENT_FREQUENCY = 2  # a feature seen in fewer training questions is not shipped


def material() -> list[tuple[str, str, bool]]:
    """(source, question, in scope) for every training question; a question also found in
    the tuning, development or evaluation set is left out (`build_knowledge.kept_out`)."""
    kept = kept_out()
    rows: list[tuple[str, str, bool]] = []
    for path in SOURCES:
        rows += [
            (path.stem, r["question"], bool(r["in_scope"]))
            for r in load_jsonl(path)
            if not is_kept_out(r["question"], kept)
        ]
    rows += [
        ("keywords", phrase, True)
        for phrases in shipped_keywords().values()
        for _language, phrase in phrases
    ]
    rows += [
        ("names", row[f"name_{language}"], True)
        for row in load_products()
        for language in ("nl", "fr", "en")
    ]
    rows += [
        ("topics", phrase, False)
        for document in outside_documents()
        for _language, phrase in document.keywords
    ]
    return rows


def _fit(x, y, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit(x, y)
    return model


def recall_at(p: np.ndarray, y: np.ndarray, keep: float) -> float:
    """The share of out-of-scope questions below the threshold that keeps `keep` of the
    in-scope ones above it."""
    threshold = np.quantile(p[y == 1], 1 - keep)
    return float(np.mean(p[y == 0] < threshold))


def report(label: str, p: np.ndarray, y: np.ndarray) -> str:
    return (
        f"{label}: AUC {roc_auc_score(y, p):.3f}; out of scope below the threshold keeping "
        f"99 % / 97 % / 95 % in scope: {recall_at(p, y, 0.99):.1%} / "
        f"{recall_at(p, y, 0.97):.1%} / {recall_at(p, y, 0.95):.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", action="store_true", help="write data/scope_model.json")
    arguments = parser.parse_args()
    rows = material()
    sources = np.array([source for source, _q, _s in rows])
    y = np.array([1 if in_scope else 0 for _s, _q, in_scope in rows])
    counts = Counter((source, bool(label)) for source, label in zip(sources, y, strict=True))
    print(
        "material:",
        ", ".join(f"{s} {'in' if i else 'out'} {n}" for (s, i), n in sorted(counts.items())),
    )
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([scope_tokens(question) for _s, question, _i in rows])
    # Features seen in a single question are left out (no label is read to choose them).
    keep = np.asarray((x > 0).sum(axis=0)).ravel() >= MIN_DOCUMENT_FREQUENCY
    x = x[:, keep]
    names = vectorizer.get_feature_names_out()[keep]
    two_class = [s for s in sorted(set(sources)) if len(set(y[sources == s])) == 2]
    best: tuple[float, float] | None = None
    for c in C_GRID:
        pooled = np.zeros(len(rows))
        for source in sorted(set(sources)):
            held = sources == source
            model = _fit(x[~held], y[~held], c)
            pooled[held] = model.predict_proba(x[held])[:, 1]
        # Sources with one class only (names, topics) are on the scale of a model that never
        # saw their kind of text: the choice reads the sources with both classes, each
        # predicted by a model fitted without it.
        aucs = [roc_auc_score(y[sources == s], pooled[sources == s]) for s in two_class]
        auc = float(np.mean(aucs))
        print(f"C={c}: mean held-out AUC over {', '.join(two_class)}: {auc:.3f}")
        for source in two_class:
            held = sources == source
            print("   ", report(source, pooled[held], y[held]))
        if best is None or auc > best[1]:
            best = (c, auc)
    assert best is not None
    c = best[0]
    model = _fit(x, y, c)
    tuning = load_jsonl(TUNING)
    p_tuning = model.predict_proba(
        vectorizer.transform([scope_tokens(r["question"]) for r in tuning])[:, keep]
    )[:, 1]
    y_tuning = np.array([1 if r["in_scope"] else 0 for r in tuning])
    print(report(f"chosen C={c}; the tuning set (not fitted on)", p_tuning, y_tuning))
    if arguments.save:
        weights = {
            str(name): float(weight)
            for name, weight in zip(names, model.coef_[0], strict=True)
            if abs(weight) >= 1e-4
        }
        method = {
            "fitted_by": "bench/assistant/fit_scope.py",
            "material": {f"{s} {'in' if i else 'out'}": n for (s, i), n in sorted(counts.items())},
            "C": c,
            "mean_held_out_auc_two_class_sources": round(best[1], 4),
            "tuning_auc": round(float(roc_auc_score(y_tuning, p_tuning)), 4),
        }
        scope_model_save(ScopeModel(weights, float(model.intercept_[0]), method))
        print(f"saved data/scope_model.json ({len(weights)} weights)")


if __name__ == "__main__":
    main()
