"""Lexical retrieval over the assistant's knowledge, in memory.

Two views of every question are combined:

- **Words**: BM25 over Snowball stems, one inverted index per language. A question is
  stemmed with each language's stemmer and matched against the texts of that language;
  texts in the question's own language count fully, the others at `OTHER_LANGUAGE_WEIGHT`
  (names such as "Kids-ID" or "passport" are shared across languages). Words missing from
  the vocabulary are corrected to a known word at edit distance 1 (2 for long words).
- **Characters**: TF-IDF cosine over character 3- and 4-grams of the folded words, which
  forgives typos, missing accents and Dutch compounds ("parkeerkaart", "bewonerskaart").

A BM25 score is divided by the best score the question could reach (every word matched),
so scores of different questions compare; that makes the confidence calibration possible.
This module knows nothing of Django: `bench/assistant/outcomes.py` uses it directly.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from loket.assistant.common_words import common_words, word_information
from loket.assistant.compounds import COMPOUND_LANGUAGES, Decompounder
from loket.assistant.lexicon import SYNONYM_WEIGHT, synonyms
from loket.assistant.text import LANGUAGES, char_grams, content_words, stem
from loket.assistant.typos import Vocabulary

BM25_K1 = 1.2
BM25_B = 0.75
OTHER_LANGUAGE_WEIGHT = 0.8
CORRECTED_WORD_WEIGHT = 0.8
NAME_COMPLETENESS_WEIGHT = 0.5
COMPOUND_PART_WEIGHT = 0.3  # a part of a known compound stands for the whole word
RELATED_WORD_WEIGHT = 0.6  # times the share of the unknown word's 5-letter pieces shared
POOLING = 0.25  # words = POOLING * pooled terms + (1 - POOLING) * best single text
PROTECT_COMMON_WORDS = True  # common words of the language are never corrected
CHARACTER_CANDIDATES = 50  # documents kept on their character score alone, at least
WORD_SHARE = 0.8  # final score = WORD_SHARE * words + (1 - WORD_SHARE) * characters


Alternatives = list[tuple[str, float]]  # (stem, weight) pairs standing for one question word


class UnitKind(StrEnum):
    NAME = "name"
    PHRASING = "phrasing"
    SUMMARY = "summary"
    WHOLE = "whole"  # name (twice) and summary of one language together
    KEYWORD = "keyword"  # a shipped keyword phrase of the product ("bouwvergunning")


# Texts compared by character n-grams (summaries only count in their frequencies).
CHARACTER_KINDS = frozenset({UnitKind.NAME, UnitKind.PHRASING, UnitKind.KEYWORD})
# Texts that describe the product at length: their evidence is added to that of the best
# name, phrasing or keyword rather than competing with it.
BACKGROUND_KINDS = frozenset({UnitKind.SUMMARY, UnitKind.WHOLE})
KIND_WEIGHTS = {
    UnitKind.NAME: 1.0,
    UnitKind.PHRASING: 1.0,
    UnitKind.SUMMARY: 0.5,
    UnitKind.WHOLE: 0.7,
    UnitKind.KEYWORD: 0.9,
}


@dataclass(frozen=True)
class Document:
    """One thing the assistant can answer with: a product or an FAQ entry."""

    key: str  # "product:<code>" or "faq:<id>"
    names: dict[str, str] = field(default_factory=dict)  # language -> name
    summaries: dict[str, str] = field(default_factory=dict)
    phrasings: tuple[tuple[str, str], ...] = ()  # (language, question)
    keywords: tuple[tuple[str, str], ...] = ()  # (language, short phrase)


@dataclass(frozen=True)
class Unit:
    document: int
    kind: UnitKind
    language: str
    text: str


@dataclass(frozen=True)
class Scored:
    key: str
    score: float
    words: float
    characters: float
    # Share of the question's content words this document's own texts contain (as such,
    # corrected, split or through a synonym): what the document explains of the question.
    explained: float = 0.0
    # The same share, each word weighted by how much it says in its language
    # (`word_information`): "wijn" weighs more than "vorige".
    explained_information: float = 0.0


@dataclass(frozen=True)
class Ranking:
    candidates: list[Scored]
    coverage: float  # share of the question's words known to the knowledge (0..1)
    words_known: int
    words_total: int


class _WordIndex:
    """BM25 over the stems of the units of one language."""

    def __init__(
        self, language: str, units: Sequence[Unit], decompounder: Decompounder | None = None
    ) -> None:
        self.language = language
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self.lengths: dict[int, int] = {}
        self.distinct: dict[int, int] = {}
        lengths_by_kind: dict[UnitKind, list[int]] = defaultdict(list)
        for unit_id, unit in enumerate(units):
            if unit.language != language:
                continue
            terms = []
            for word in content_words(unit.text, language):
                terms.append(stem(word, language))
                if decompounder is not None:
                    terms.extend(stem(part, language) for part in decompounder.parts(word))
            counted = Counter(terms)
            for term, count in counted.items():
                self.postings[term][unit_id] = count
            self.distinct[unit_id] = len(counted)
            self.lengths[unit_id] = len(terms)
            lengths_by_kind[unit.kind].append(len(terms))
        self.kinds = {unit_id: units[unit_id].kind for unit_id in self.lengths}
        self.average = {
            kind: (sum(values) / len(values)) or 1.0 for kind, values in lengths_by_kind.items()
        }
        count = len(self.lengths) or 1
        self.idf = {
            term: math.log(1 + (count - len(ids) + 0.5) / (len(ids) + 0.5))
            for term, ids in self.postings.items()
        }
        self.unknown_idf = math.log(1 + (count + 0.5) / 0.5)

    def contributions(self, positions: Sequence[Alternatives]) -> dict[int, dict[int, float]]:
        """Per unit, what each question word adds to its normalised BM25 score (0..1).

        A question word is a list of alternative (stem, weight) pairs (the word, its
        correction, its synonyms); a unit scores the best alternative it contains. The
        normaliser is the score of a text containing every word."""
        result: dict[int, dict[int, float]] = defaultdict(dict)
        best = sum(
            max(self.idf.get(term, self.unknown_idf) * weight for term, weight in alternatives)
            for alternatives in positions
            if alternatives
        )
        if not best:
            return result
        for position, alternatives in enumerate(positions):
            for term, weight in alternatives:
                ids = self.postings.get(term)
                if not ids:
                    continue
                idf = self.idf[term]
                for unit_id, count in ids.items():
                    length = self.lengths[unit_id] / self.average[self.kinds[unit_id]]
                    saturation = count / (count + BM25_K1 * (1 - BM25_B + BM25_B * length))
                    value = weight * idf * saturation / best
                    parts = result[unit_id]
                    if value > parts.get(position, 0.0):
                        parts[position] = value
        return result


class _CharacterIndex:
    """TF-IDF cosine over character n-grams (names and phrasings only).

    The postings are arrays, so a question is scored against thousands of texts with a
    few array operations; the result is per document: the best of its texts, those of
    another language than the question's at `OTHER_LANGUAGE_WEIGHT`."""

    def __init__(self, units: Sequence[Unit], documents: int) -> None:
        # Document frequencies count every text (summaries too), so the n-grams of common
        # words ("gemeente", "commune") weigh little; only names and phrasings are scored.
        counts: dict[int, Counter[str]] = {}
        frequency: Counter[str] = Counter()
        for unit_id, unit in enumerate(units):
            grams = Counter(char_grams(unit.text))
            frequency.update(grams.keys())
            if unit.kind in CHARACTER_KINDS:
                counts[unit_id] = grams
        total = len(units) or 1
        self.idf = {gram: math.log((total + 1) / (df + 1)) + 1 for gram, df in frequency.items()}
        self.default_idf = math.log(total + 1) + 1
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for unit_id, grams in counts.items():
            vector = {g: (1 + math.log(c)) * self.idf[g] for g, c in grams.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for gram, value in vector.items():
                postings[gram].append((unit_id, value / norm))
        self.postings = {
            gram: (
                np.array([unit_id for unit_id, _ in entries], dtype=np.int64),
                np.array([weight for _, weight in entries], dtype=np.float64),
            )
            for gram, entries in postings.items()
        }
        self.unit_count = len(units)
        self.document_count = documents
        self.unit_document = np.array([unit.document for unit in units], dtype=np.int64)
        self.language_weight = {
            language: np.array(
                [1.0 if unit.language == language else OTHER_LANGUAGE_WEIGHT for unit in units]
            )
            for language in LANGUAGES
        }

    def document_scores(
        self, text: str, language: str, excluded_units: Sequence[int] = ()
    ) -> np.ndarray:
        """Per document, the best cosine of its texts with `text` (0 when none shares an
        n-gram); `excluded_units` are left out."""
        grams = Counter(char_grams(text))
        vector = {
            g: (1 + math.log(c)) * self.idf.get(g, self.default_idf) for g, c in grams.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        found = [
            (self.postings[g], value / norm) for g, value in vector.items() if g in self.postings
        ]
        best = np.zeros(self.document_count)
        if not found:
            return best
        units = np.concatenate([ids for (ids, _weights), _value in found])
        weights = np.concatenate([weights * value for (_ids, weights), value in found])
        scores = np.bincount(units, weights=weights, minlength=self.unit_count)
        scores *= self.language_weight[language]
        if len(excluded_units):
            scores[np.asarray(excluded_units, dtype=np.int64)] = 0.0
        scored = np.flatnonzero(scores)
        np.maximum.at(best, self.unit_document[scored], scores[scored])
        return best


class KnowledgeIndex:
    """Everything needed to rank documents for a question; built once, read many times."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = list(documents)
        units: list[Unit] = []
        for number, document in enumerate(self.documents):
            for language, text in document.names.items():
                if text:
                    units.append(Unit(number, UnitKind.NAME, language, text))
            for language, text in document.summaries.items():
                if text:
                    units.append(Unit(number, UnitKind.SUMMARY, language, text))
            for language, text in document.phrasings:
                units.append(Unit(number, UnitKind.PHRASING, language, text))
            for language, text in document.keywords:
                units.append(Unit(number, UnitKind.KEYWORD, language, text))
            for language in LANGUAGES:
                parts = [document.names.get(language, "")] * 2
                parts.append(document.summaries.get(language, ""))
                whole = " ".join(part for part in parts if part)
                if whole:
                    units.append(Unit(number, UnitKind.WHOLE, language, whole))
        self.units = units
        self.vocabularies = {
            language: Vocabulary(
                word
                for unit in units
                if unit.language == language
                for word in content_words(unit.text, language)
            )
            for language in LANGUAGES
        }
        self.decompounders = {
            language: Decompounder(self.vocabularies[language].frequency)
            for language in COMPOUND_LANGUAGES
        }
        self.words = {
            language: _WordIndex(language, units, self.decompounders.get(language))
            for language in LANGUAGES
        }
        self.characters = _CharacterIndex(units, len(self.documents))
        self.phrasing_units: dict[str, list[int]] = defaultdict(list)
        for unit_id, unit in enumerate(units):
            if unit.kind is UnitKind.PHRASING:
                self.phrasing_units[unit.text].append(unit_id)
        self._allowed: tuple[frozenset[str] | None, np.ndarray | None] = (None, None)

    def _positions(
        self, question_words: Sequence[str], language: str, question_language: str
    ) -> tuple[list[Alternatives], int, list[list[str]]]:
        """The question's words as alternatives of stems in `language`, how many of
        them the knowledge knows (as such, corrected, split or through a synonym), and per
        question word the stems that stand for it firmly (not the weak related words)."""
        vocabulary = self.vocabularies[language]
        positions: list[Alternatives] = []
        known = 0
        firm: list[list[str]] = []
        for word in question_words:
            alternatives: Alternatives = []
            parts: list[str] = []
            related_words: list[tuple[str, float]] = []
            if word in vocabulary:
                alternatives.append((stem(word, language), 1.0))
                decompounder = self.decompounders.get(language)
                if decompounder is not None:
                    alternatives.extend(
                        (stem(part, language), COMPOUND_PART_WEIGHT)
                        for part in decompounder.parts(word)
                    )
            else:
                # An ordinary word of the question's language is not a typo ("weten" is
                # not "eten"): it is only corrected to another form of itself, and else
                # keeps its own stem and links to no other word.
                common = PROTECT_COMMON_WORDS and word in common_words(question_language)
                corrected = vocabulary.correct(word, inflection_only=common)
                if corrected is not None:
                    alternatives.append((stem(corrected, language), CORRECTED_WORD_WEIGHT))
                else:
                    parts = vocabulary.split_compound(word)
                    if not parts:
                        alternatives.append((stem(word, language), 1.0))
                        related_words = [] if common else vocabulary.related(word)
            found = synonyms(word, question_language=question_language, target_language=language)
            for synonym in found:
                if synonym in vocabulary:
                    alternatives.append((stem(synonym, language), SYNONYM_WEIGHT))
            is_known = bool(parts) or any(
                term in self.words[language].postings for term, _weight in alternatives
            )
            known += is_known
            firm.append(
                [term for term, _weight in alternatives] + [stem(part, language) for part in parts]
            )
            # Words sharing a long piece are weak evidence: they rank, but do not count
            # as known for the confidence.
            alternatives.extend(
                (stem(related, language), RELATED_WORD_WEIGHT * share)
                for related, share in related_words
            )
            if alternatives:
                positions.append(alternatives)
            share = CORRECTED_WORD_WEIGHT / max(1, len(parts))
            positions.extend([(stem(part, language), share)] for part in parts)
        return positions, known, firm

    def _explaining(
        self, firm: Sequence[Sequence[str]], language: str, excluded: frozenset[str]
    ) -> dict[int, set[int]]:
        """Per document, the indexes of the question words its texts in `language` contain."""
        index = self.words[language]
        result: dict[int, set[int]] = defaultdict(set)
        for position, terms in enumerate(firm):
            for term in terms:
                for unit_id in index.postings.get(term, ()):
                    unit = self.units[unit_id]
                    if unit.kind is UnitKind.PHRASING and unit.text in excluded:
                        continue
                    result[unit.document].add(position)
        return result

    def _word_scores(
        self, question_words: Sequence[str], language: str, excluded: frozenset[str]
    ) -> tuple[dict[int, float], int, dict[int, set[int]]]:
        """The words part of every document's score, how many question words are known,
        and per document the indexes of the question words it explains."""
        explained: dict[int, set[int]] = defaultdict(set)
        word_scores: dict[int, float] = defaultdict(float)
        summary_scores: dict[int, float] = defaultdict(float)
        pooled_scores: dict[int, float] = defaultdict(float)
        known_words = 0
        for index_language, index in self.words.items():
            positions, known, firm = self._positions(question_words, index_language, language)
            if index_language == language:
                known_words = known
            for number, found in self._explaining(firm, index_language, excluded).items():
                explained[number] |= found
            weight = 1.0 if index_language == language else OTHER_LANGUAGE_WEIGHT
            # Each question word counts once per document, with its best text: evidence
            # spread over a name and two phrasings adds up.
            pooled: dict[int, dict[int, float]] = defaultdict(dict)
            for unit_id, parts in index.contributions(positions).items():
                unit = self.units[unit_id]
                if unit.kind is UnitKind.PHRASING and unit.text in excluded:
                    continue
                kind_weight = KIND_WEIGHTS[unit.kind]
                best_parts = pooled[unit.document]
                for position, value in parts.items():
                    best_parts[position] = max(best_parts.get(position, 0.0), kind_weight * value)
                unit_total = weight * kind_weight * sum(parts.values())
                if unit.kind is UnitKind.NAME:
                    # A name matched in full ("rijbewijs") beats one matched in part
                    # ("internationaal rijbewijs").
                    share = min(1.0, len(parts) / max(1, index.distinct[unit_id]))
                    unit_total *= 1 - NAME_COMPLETENESS_WEIGHT * (1 - share)
                target = summary_scores if unit.kind in BACKGROUND_KINDS else word_scores
                target[unit.document] = max(target[unit.document], unit_total)
            for number, best_parts in pooled.items():
                pooled_scores[number] = max(
                    pooled_scores[number], weight * sum(best_parts.values())
                )
        result = {
            number: POOLING * pooled_scores[number]
            + (1 - POOLING) * min(1.0, word_scores[number] + summary_scores[number])
            for number in pooled_scores
        }
        return result, known_words, explained

    def _allowed_mask(self, allowed: frozenset[str]) -> np.ndarray:
        """1 for the documents in `allowed`, 0 for the others. The last mask is kept; the
        pair is read and replaced as one tuple, so threads sharing the index never mix
        one offer's set with another's mask."""
        kept_allowed, kept_mask = self._allowed
        if kept_mask is not None and kept_allowed == allowed:
            return kept_mask
        mask = np.array([1.0 if d.key in allowed else 0.0 for d in self.documents])
        mask.flags.writeable = False  # shared between the questions of this offer
        self._allowed = (allowed, mask)
        return mask

    def rank(
        self,
        question: str,
        *,
        language: str,
        allowed: frozenset[str] | None = None,
        excluded: frozenset[str] = frozenset(),
        limit: int = 5,
    ) -> Ranking:
        """The best documents for a question in `language`, best first.

        `allowed` limits the answer to these document keys (a municipality's offer);
        `excluded` leaves these phrasings out (to score a question of the training set
        without the phrasing learned from that very question).
        """
        question_words = content_words(question, language)
        words_by_document, known_words, explained = self._word_scores(
            question_words, language, excluded
        )
        total_words = len(question_words)
        information = [word_information(word, language) for word in question_words]
        total_information = sum(information) or 1.0
        excluded_units = [unit for text in excluded for unit in self.phrasing_units.get(text, ())]
        character_scores = self.characters.document_scores(question, language, excluded_units)
        if allowed is not None:
            character_scores = character_scores * self._allowed_mask(allowed)
        # The documents matched by a word, and the best by characters alone: a document
        # outside those cannot reach the first `limit` (its total is at most 0.2 times a
        # character score below theirs).
        # Every document tied with the last one kept is kept too, so ties are broken by
        # key below, as for any other documents.
        best_by_characters = min(len(character_scores), max(CHARACTER_CANDIDATES, limit))
        candidates = set(words_by_document)
        if best_by_characters:
            cut = np.partition(character_scores, -best_by_characters)[-best_by_characters]
            kept = np.flatnonzero((character_scores >= cut) & (character_scores > 0))
            candidates.update(int(number) for number in kept)
        totals: list[tuple[float, str, int, float, float]] = []
        for number in candidates:
            key = self.documents[number].key
            if allowed is not None and key not in allowed:
                continue
            words_part = words_by_document.get(number, 0.0)
            characters_part = float(character_scores[number])
            total = WORD_SHARE * words_part + (1 - WORD_SHARE) * characters_part
            totals.append((total, key, number, words_part, characters_part))
        totals.sort(key=lambda item: (-item[0], item[1]))
        scored: list[Scored] = []
        for total, key, number, words_part, characters_part in totals[:limit]:
            found = explained.get(number, set())
            share = len(found) / total_words if total_words else 0.0
            weighted = sum(information[i] for i in found) / total_information
            scored.append(Scored(key, total, words_part, characters_part, share, weighted))
        coverage = known_words / total_words if total_words else 0.0
        return Ranking(scored, coverage, known_words, total_words)
