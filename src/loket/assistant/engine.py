"""The assistant's decision for one question, without any database access.

`Engine` holds the in-memory index of the knowledge and decides, for a question: the
language, the ranked documents, the calibrated confidence and the outcome (answer, ask
which of two, or hand over to a person). `bench/assistant/evaluate.py` measures exactly
this object; `loket.assistant.services.assistant_ask` adds the database around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from loket.assistant.calibration import Calibration, calibration_current, features_of
from loket.assistant.common_words import common_words_load
from loket.assistant.language import language_detect
from loket.assistant.retrieval import Document, KnowledgeIndex, Ranking
from loket.assistant.text import LANGUAGES, words
from loket.assistant.workflow import Outcome

# Words that pick one of the two options of a clarifying question.
_ORDINALS = {
    0: frozenset({"1", "eerste", "eerst", "first", "premier", "premiere", "een", "un", "une"}),
    1: frozenset({"2", "tweede", "second", "seconde", "deuxieme", "twee", "deux", "two"}),
}
_CHOICE_WORDS = 4  # a reply this short to a clarifying question is read as a choice


@dataclass(frozen=True)
class Decision:
    language: str
    outcome: Outcome
    best: str | None  # the document key answered with (None when handed over)
    ranked: list[str]  # document keys, best first (at most 5)
    confidence: float
    ranking: Ranking


class Engine:
    def __init__(
        self, documents: Iterable[Document], *, calibration: Calibration | None = None
    ) -> None:
        common_words_load()  # once per process: not on a resident's first question
        self.index = KnowledgeIndex(documents)
        self.calibration = calibration or calibration_current()
        self.knowledge_words = {
            language: frozenset(self.index.vocabularies[language].frequency)
            for language in LANGUAGES
        }

    def language_of(self, question: str, *, hint: str | None = None) -> str:
        return language_detect(question, hint=hint, knowledge_words=self.knowledge_words).language

    def _choice(self, question: str, previous: Sequence[str]) -> str | None:
        """The option a short reply to a clarifying question picks, if any."""
        folded = words(question)
        if not folded or len(folded) > _CHOICE_WORDS:
            return None
        for position, ordinals in _ORDINALS.items():
            if position < len(previous) and any(word in ordinals for word in folded):
                return previous[position]
        return None

    def decide(
        self,
        question: str,
        *,
        language: str | None = None,
        hint: str | None = None,
        allowed: frozenset[str] | None = None,
        awaiting_choice: Sequence[str] = (),
        excluded: frozenset[str] = frozenset(),
    ) -> Decision:
        """What to do with `question`.

        `language` forces the language of the answer (else the question's, `hint` breaking
        ties in the detection); `allowed`
        limits the documents (a municipality's offer); `awaiting_choice` are the two
        options of a clarifying question asked just before.
        """
        # Matching uses the language the question is written in; the caller's `language`
        # only chooses the language of the answer (and breaks ties in the detection).
        forced = language if language in LANGUAGES else None
        question_language = self.language_of(question, hint=forced or hint)
        chosen_language = forced or question_language
        ranking = self.index.rank(
            question,
            language=question_language,
            allowed=allowed,
            excluded=excluded,
        )
        ranked = [candidate.key for candidate in ranking.candidates]
        calibration = self.calibration
        confidence = calibration.confidence(features_of(ranking))
        if awaiting_choice:
            picked = self._choice(question, awaiting_choice)
            if picked is None and ranked and ranked[0] in awaiting_choice:
                picked = ranked[0] if len(words(question)) <= _CHOICE_WORDS else None
            if picked is not None:
                ranked = [picked, *[key for key in ranked if key != picked]]
                return Decision(
                    chosen_language,
                    Outcome.ANSWERED,
                    picked,
                    ranked,
                    max(confidence, calibration.threshold),
                    ranking,
                )
        if not ranked:
            return Decision(chosen_language, Outcome.HANDED_OVER, None, [], 0.0, ranking)
        first, margin, coverage = features_of(ranking)
        if confidence >= calibration.threshold:
            if len(ranked) > 1 and margin < calibration.clarify_margin:
                return Decision(
                    chosen_language, Outcome.CLARIFIED, None, ranked, confidence, ranking
                )
            return Decision(
                chosen_language, Outcome.ANSWERED, ranked[0], ranked, confidence, ranking
            )
        pair_confidence = calibration.confidence((first, calibration.clarify_margin, coverage))
        if (
            len(ranked) > 1
            and margin < calibration.clarify_margin
            and (pair_confidence >= calibration.threshold)
        ):
            return Decision(chosen_language, Outcome.CLARIFIED, None, ranked, confidence, ranking)
        return Decision(chosen_language, Outcome.HANDED_OVER, None, ranked, confidence, ranking)
