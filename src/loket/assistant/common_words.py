"""Common words of Dutch, French and English, so that they are not "corrected".

A question word that the knowledge does not know is normally taken for a typo of a known
word ("identiteitskaat" -> "identiteitskaart"). That goes wrong for ordinary words that
are simply not about any product: "weten" is not a typo of "eten", "ville" not of
"fille", "thank" not of "tank". Such words are left as they are (they count as unknown).

The word lists are the frequency dictionaries shipped inside the pyspellchecker wheel
(built from subtitles and other public texts, no download at run time), folded like the
questions; only words seen at least `MINIMUM_COUNT` times are kept, which leaves out the
rare spellings that are themselves typos.
"""

from __future__ import annotations

import gzip
import json
import threading
from importlib import resources

from loket.assistant.text import LANGUAGES, fold

MINIMUM_COUNT = 100

_lock = threading.Lock()
_words: dict[str, frozenset[str]] = {}


def _load(language: str) -> frozenset[str]:
    resource = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(resource.read_bytes()))
    return frozenset(fold(word) for word, count in counts.items() if count >= MINIMUM_COUNT)


def common_words(language: str) -> frozenset[str]:
    """The common words of a language (folded), loaded once per process."""
    words = _words.get(language)
    if words is None:
        with _lock:
            words = _words.get(language)
            if words is None:
                words = _load(language) if language in LANGUAGES else frozenset()
                _words[language] = words
    return words


def common_words_load() -> None:
    """Load the lists now (at start-up) rather than on the first question."""
    for language in LANGUAGES:
        common_words(language)
