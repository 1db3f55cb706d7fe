"""The assistant's decision for one question, without any database access.

`Engine` holds the in-memory index of the knowledge and decides, for a question: the
language, the ranked documents (lexical, fused with the optional embedding ranker), the
two calibrated probabilities and the outcome: answer, offer two or three choices, or
hand over to a person. `bench/assistant/` measures exactly this object;
`loket.assistant.services.assistant_ask` adds the database around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from loket.assistant.authorities import other_bodies
from loket.assistant.calibration import (
    Calibration,
    Signals,
    calibration_current,
    features_of,
    offered_count,
)
from loket.assistant.common_words import common_words_load
from loket.assistant.documents import OUTSIDE_PREFIX
from loket.assistant.language import language_detect
from loket.assistant.retrieval import Document, KnowledgeIndex, Ranking, Scored
from loket.assistant.scope import scope_logit, scope_model_current
from loket.assistant.semantic import SemanticRanker, semantic_ranker_build
from loket.assistant.text import LANGUAGES, content_words, words
from loket.assistant.workflow import Outcome

# Words that pick one of the offered choices.
_ORDINALS = {
    0: frozenset({"1", "eerste", "eerst", "first", "premier", "premiere", "een", "un", "une"}),
    1: frozenset({"2", "tweede", "second", "seconde", "deuxieme", "twee", "deux", "two"}),
    2: frozenset({"3", "derde", "third", "troisieme", "drie", "trois", "three"}),
}
_CHOICE_WORDS = 4  # a reply this short to offered choices is read as a choice
LEXICAL_CANDIDATES = 10  # lexical candidates considered for the fusion
# Embedding similarity (multilingual-e5-small cosine) mapped onto 0..1 for the fusion.
SEMANTIC_FLOOR = 0.78
SEMANTIC_CEILING = 0.92
SEMANTIC_WEIGHT = 0.3  # fused score = (1 - w) * lexical + w * embedding
RESULTS = 5
# Two documents this close are a tie: the first is not answered on its own, they are offered.
TIE_MARGIN = 0.02


@dataclass(frozen=True)
class Decision:
    language: str
    outcome: Outcome
    best: str | None  # the document key answered with (None unless answered)
    ranked: list[str]  # document keys, best first (at most 5)
    confidence: float  # probability that the first document is right
    ranking: Ranking
    offered: list[str] = field(default_factory=list)  # the choices offered, best first
    choice_confidence: float = 0.0  # probability that the right one is among the choices
    features: dict[str, float] = field(default_factory=dict)


def _semantic_part(similarity: float) -> float:
    share = (similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)
    return max(0.0, min(1.0, share))


class Engine:
    def __init__(
        self,
        documents: Iterable[Document],
        *,
        calibration: Calibration | None = None,
        semantic: SemanticRanker | bool | None = True,
    ) -> None:
        """`semantic`: True builds the embedding ranker when the optional model is
        installed; False or None leaves it out; a ranker is used as given."""
        common_words_load()  # once per process: not on a resident's first question
        scope_model_current()  # idem: the scope model's weights are read now
        documents = list(documents)
        self.index = KnowledgeIndex(documents)
        if semantic is True:
            self.semantic: SemanticRanker | None = semantic_ranker_build(documents)
        elif semantic is False:
            self.semantic = None
        else:
            self.semantic = semantic
        self.variant = "semantic" if self.semantic is not None else "lexical"
        self.outside_keys = frozenset(
            document.key for document in documents if document.key.startswith(OUTSIDE_PREFIX)
        )
        self.calibration = calibration or calibration_current(self.variant)
        self.knowledge_words = {
            language: frozenset(self.index.vocabularies[language].frequency)
            for language in LANGUAGES
        }

    def language_of(self, question: str, *, hint: str | None = None) -> str:
        return language_detect(question, hint=hint, knowledge_words=self.knowledge_words).language

    def _choice(self, question: str, previous: Sequence[str]) -> str | None:
        """The option a short reply to offered choices picks, if any."""
        folded = words(question)
        if not folded or len(folded) > _CHOICE_WORDS:
            return None
        for position, ordinals in _ORDINALS.items():
            if position < len(previous) and any(word in ordinals for word in folded):
                return previous[position]
        return None

    def rank(
        self,
        question: str,
        *,
        language: str,
        allowed: frozenset[str] | None = None,
        excluded: frozenset[str] = frozenset(),
    ) -> tuple[Ranking, Signals]:
        """The lexical ranking, fused with the embedding ranker when there is one; the
        topics the municipality does not handle are taken out of it into `Signals`."""
        if allowed is not None:
            allowed = allowed | self.outside_keys
        lexical = self.index.rank(
            question,
            language=language,
            allowed=allowed,
            excluded=excluded,
            limit=LEXICAL_CANDIDATES,
        )
        signals = Signals()
        candidates = lexical.candidates
        if self.semantic is not None:
            candidates, signals = self._fused(question, lexical, allowed, excluded)
        inside = [c for c in candidates if c.key not in self.outside_keys]
        outside = [c.score for c in candidates if c.key in self.outside_keys]
        signals = replace(signals, outside=max(outside, default=0.0))
        return replace(lexical, candidates=inside[:RESULTS]), signals

    def _fused(
        self,
        question: str,
        lexical: Ranking,
        allowed: frozenset[str] | None,
        excluded: frozenset[str],
    ) -> tuple[list[Scored], Signals]:
        assert self.semantic is not None
        similarities = self.semantic.similarities(question, excluded=excluded)
        if allowed is not None:
            similarities = {k: v for k, v in similarities.items() if k in allowed}
        ordered = sorted(similarities.items(), key=lambda item: (-item[1], item[0]))
        lexical_scores = {candidate.key: candidate for candidate in lexical.candidates}
        keys = set(lexical_scores) | {key for key, _value in ordered[:LEXICAL_CANDIDATES]}
        fused = []
        for key in keys:
            found = lexical_scores.get(key)
            lexical_score = found.score if found is not None else 0.0
            score = (1 - SEMANTIC_WEIGHT) * lexical_score + SEMANTIC_WEIGHT * _semantic_part(
                similarities.get(key, 0.0)
            )
            fused.append(
                Scored(
                    key,
                    score,
                    found.words if found is not None else 0.0,
                    found.characters if found is not None else 0.0,
                    found.explained if found is not None else 0.0,
                    found.explained_information if found is not None else 0.0,
                )
            )
        fused.sort(key=lambda item: (-item.score, item.key))
        inside = [(k, v) for k, v in ordered if k not in self.outside_keys]
        outside = [v for k, v in ordered if k in self.outside_keys]
        signals = Signals(
            semantic_outside=(outside[0] - inside[0][1]) * 10 if outside and inside else 0.0,
            semantic_best=inside[0][0] if inside else None,
            semantic_first=_semantic_part(inside[0][1]) if inside else 0.0,
            semantic_margin=(
                _semantic_part(inside[0][1]) - _semantic_part(inside[1][1])
                if len(inside) > 1
                else 0.0
            ),
        )
        return fused, signals

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
        ties in the detection); `allowed` limits the documents (a municipality's offer);
        `awaiting_choice` are the choices offered just before (a short reply such as
        "de tweede" picks one).
        """
        # Matching uses the language the question is written in; the caller's `language`
        # only chooses the language of the answer (and breaks ties in the detection).
        forced = language if language in LANGUAGES else None
        detection = language_detect(
            question, hint=forced or hint, knowledge_words=self.knowledge_words
        )
        question_language = detection.language
        chosen_language = forced or question_language
        ranking, signals = self.rank(
            question, language=question_language, allowed=allowed, excluded=excluded
        )
        signals = replace(
            signals,
            language_certainty=detection.confidence,
            words=len(content_words(question, question_language)),
            other_bodies=tuple(other_bodies(question)),
            scope_logit=scope_logit(question),
        )
        ranked = [candidate.key for candidate in ranking.candidates]
        calibration = self.calibration
        features = features_of(ranking, signals)
        confidence = calibration.confidence(features)
        choice_confidence = calibration.choice_confidence(features)
        scope_confidence = calibration.scope_confidence(features)
        if awaiting_choice:
            picked = self._choice(question, awaiting_choice)
            if picked is None and ranked and ranked[0] in awaiting_choice:
                picked = ranked[0] if len(words(question)) <= _CHOICE_WORDS else None
            if picked is not None:
                return self.chosen(picked, chosen_language, ranking=ranking)
        first = ranking.candidates[0].score if ranking.candidates else 0.0
        if not ranked or signals.outside > first or scope_confidence < calibration.scope_threshold:
            # Nothing fits, or the question is about something the municipality does not
            # do: a topic it does not handle scores higher than every product, or too much
            # of the question is unexplained by the best product for it to be one of ours.
            return Decision(
                chosen_language, Outcome.HANDED_OVER, None, ranked, 0.0, ranking, features=features
            )
        sure = confidence >= calibration.answer_threshold
        # Sure of the answer but two documents tie: they are offered.
        tied = sure and len(ranked) > 1 and features["margin"] < TIE_MARGIN
        if sure and not tied:
            return Decision(
                chosen_language,
                Outcome.ANSWERED,
                ranked[0],
                ranked,
                confidence,
                ranking,
                choice_confidence=choice_confidence,
                features=features,
            )
        count = offered_count(ranking)
        if count >= 2 and (choice_confidence >= calibration.choice_threshold or tied):
            return Decision(
                chosen_language,
                Outcome.CLARIFIED,
                None,
                ranked,
                confidence,
                ranking,
                offered=ranked[:count],
                choice_confidence=choice_confidence,
                features=features,
            )
        return Decision(
            chosen_language,
            Outcome.HANDED_OVER,
            None,
            ranked,
            confidence,
            ranking,
            choice_confidence=choice_confidence,
            features=features,
        )

    def chosen(self, key: str, language: str, *, ranking: Ranking | None = None) -> Decision:
        """The resident picked `key` among the offered choices: answer with it."""
        ranking = ranking or Ranking([], 0.0, 0, 0)
        ranked = [key, *[c.key for c in ranking.candidates if c.key != key]][:RESULTS]
        return Decision(language, Outcome.ANSWERED, key, ranked, 1.0, ranking)

    def handed_over(self, language: str, candidates: Sequence[str]) -> Decision:
        """None of the offered choices is meant: hand the question over."""
        ranking = Ranking([], 0.0, 0, 0)
        return Decision(language, Outcome.HANDED_OVER, None, list(candidates), 0.0, ranking)
