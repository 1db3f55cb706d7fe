"""Which of Dutch, French and English a question is written in.

Three signals are added up as log-odds:

1. py3langid's naive Bayes model over byte n-grams (it ships its model in the wheel),
   limited to nl/fr/en;
2. function words: a word that belongs to one language only ("mijn", "hoe", "je",
   "comment", "my", "how") is strong evidence, which matters for questions of two words;
3. the knowledge itself: a word that appears in the texts of one language only
   ("grofvuil", "passeport", "bulky") points to that language.

When the evidence is thin (one unknown word), the hint (the page language, or the
language of the conversation so far) decides.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from loket.assistant.text import LANGUAGES, STOPWORDS, words

FUNCTION_WORD_WEIGHT = 2.5
KNOWLEDGE_WORD_WEIGHT = 1.5
HINT_WEIGHT = 1.0
MODEL_WEIGHT = 1.0

# Function words shared by two of the languages say nothing ("de", "en", "in", "a").
_SHARED = {
    word
    for language in LANGUAGES
    for other in LANGUAGES
    if other != language
    for word in STOPWORDS[language] & STOPWORDS[other]
}
_FUNCTION_WORDS = {language: frozenset(STOPWORDS[language] - _SHARED) for language in LANGUAGES}

_model_lock = threading.Lock()
_model: Any = None


def _identifier() -> Any:
    """py3langid's identifier for nl/fr/en, loaded once per process (about a second)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_modelpath(
                    MODEL_DIR / MODEL_FILE, norm_probs=True
                )
                identifier.set_languages(list(LANGUAGES))
                _model = identifier
    return _model


def language_model_load() -> None:
    """Load the language model now (at start-up) rather than on the first question."""
    _identifier()


@dataclass(frozen=True)
class Detection:
    language: str
    confidence: float  # 0..1, the share of the evidence for the chosen language


def _model_log_odds(text: str) -> dict[str, float]:
    ranked = _identifier().rank(text)
    probabilities = {language: 1e-6 for language in LANGUAGES}
    for language, probability in ranked:
        if language in probabilities:
            probabilities[language] = max(float(probability), 1e-6)
    return {language: math.log(value) for language, value in probabilities.items()}


def language_detect(
    text: str,
    *,
    hint: str | None = None,
    knowledge_words: Mapping[str, frozenset[str]] | None = None,
) -> Detection:
    """The language of `text`, one of nl/fr/en."""
    folded = words(text)
    scores = {language: 0.0 for language in LANGUAGES}
    if any(char.isalpha() for char in text):
        for language, value in _model_log_odds(text).items():
            scores[language] += MODEL_WEIGHT * value
    for word in folded:
        for language in LANGUAGES:
            if word in _FUNCTION_WORDS[language]:
                scores[language] += FUNCTION_WORD_WEIGHT
    if knowledge_words:
        for word in folded:
            owners = [
                language for language in LANGUAGES if word in knowledge_words.get(language, ())
            ]
            if len(owners) == 1:
                scores[owners[0]] += KNOWLEDGE_WORD_WEIGHT
    if hint in scores:
        scores[hint] += HINT_WEIGHT
    best = max(LANGUAGES, key=lambda language: (scores[language], language == hint))
    top = max(scores.values())
    total = sum(math.exp(value - top) for value in scores.values())
    return Detection(best, math.exp(scores[best] - top) / total)
