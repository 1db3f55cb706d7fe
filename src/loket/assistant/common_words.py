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
import math
import threading
from importlib import resources

from loket.assistant.text import LANGUAGES, fold

MINIMUM_COUNT = 100

_lock = threading.Lock()
_words: dict[str, frozenset[str]] = {}
_information: dict[str, tuple[dict[str, float], float]] = {}


def _load(language: str) -> None:
    resource = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    counts: dict[str, int] = json.loads(gzip.decompress(resource.read_bytes()))
    folded: dict[str, int] = {}
    for word, count in counts.items():
        if count >= MINIMUM_COUNT:
            key = fold(word)
            folded[key] = folded.get(key, 0) + count
    total = sum(folded.values()) or 1
    # Self-information of a word in the language, log(total / count): "de" ~ 3, "wijn" ~ 11.
    information = {word: math.log(total / count) for word, count in folded.items()}
    rare = math.log(total / MINIMUM_COUNT) + 1.0  # words under the minimum count
    _information[language] = (information, rare)
    _words[language] = frozenset(folded)


def common_words(language: str) -> frozenset[str]:
    """The common words of a language (folded), loaded once per process."""
    words = _words.get(language)
    if words is None:
        with _lock:
            if language not in _words:
                if language in LANGUAGES:
                    _load(language)
                else:
                    _words[language] = frozenset()
            words = _words[language]
    return words


def word_information(word: str, language: str) -> float:
    """How much a (folded) word says in its language: the log of its inverse frequency in
    the language's frequency list; a word too rare for the list gets the most."""
    common_words(language)
    information, rare = _information.get(language, ({}, 12.0))
    return information.get(word, rare)


def common_words_load() -> None:
    """Load the lists now (at start-up) rather than on the first question."""
    for language in LANGUAGES:
        common_words(language)
