"""Typo tolerance: map an unknown word to a known one at a small edit distance.

Uses the symmetric-deletion idea (SymSpell): every known word is stored under the strings
obtained by deleting one or two of its letters; an unknown word looks up its own
deletions. Distance 1 for words of 4 to 7 letters, 2 from 8 letters on; shorter words are
never corrected (too many false friends).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

MINIMUM_LENGTH = 4
LONG_WORD = 8
LONGEST_CORRECTED = 30


def _deletions(word: str, distance: int) -> set[str]:
    result = {word}
    for removed in range(1, distance + 1):
        if len(word) - removed < 2:
            break
        for positions in combinations(range(len(word)), removed):
            result.add("".join(c for i, c in enumerate(word) if i not in positions))
    return result


RELATED_GRAM = 5  # pieces of this many letters link an unknown word to known ones


def _grams(word: str) -> set[str]:
    if len(word) < RELATED_GRAM + 1:
        return set()
    return {word[i : i + RELATED_GRAM] for i in range(len(word) - RELATED_GRAM + 1)}


def _allowed_distance(word: str) -> int:
    # A "word" longer than any real one (a pasted link, a row of letters) is not corrected:
    # the deletions of a word grow with the square of its length.
    if len(word) < MINIMUM_LENGTH or len(word) > LONGEST_CORRECTED:
        return 0
    return 2 if len(word) >= LONG_WORD else 1


def _shared_prefix(a: str, b: str) -> int:
    count = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        count += 1
    return count


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b and previous_previous:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The known words of one language, with their frequencies."""

    def __init__(self, words: Iterable[str]) -> None:
        self.frequency: Counter[str] = Counter(words)
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self.frequency:
            distance = _allowed_distance(word)
            if distance:
                for deletion in _deletions(word, distance):
                    self._by_deletion[deletion].add(word)
        self._cache: dict[str, str | None] = {}
        self._by_gram: dict[str, set[str]] = defaultdict(set)
        for word in self.frequency:
            for gram in _grams(word):
                self._by_gram[gram].add(word)

    def __contains__(self, word: object) -> bool:
        return word in self.frequency

    def related(self, word: str, limit: int = 2) -> list[tuple[str, float]]:
        """Known words sharing a long piece with an unknown word ("voetbalkamp" and
        "sportkampen" share "kamp"), with the share of the word's pieces they cover."""
        grams = _grams(word)
        if not grams:
            return []
        shared: Counter[str] = Counter()
        for gram in grams:
            for candidate in self._by_gram.get(gram, ()):
                shared[candidate] += 1
        ranked = sorted(
            shared.items(), key=lambda item: (-item[1], -self.frequency[item[0]], item[0])
        )
        return [(candidate, count / len(grams)) for candidate, count in ranked[:limit]]

    def split_compound(self, word: str) -> list[str]:
        """Known parts of an unknown compound ("huwelijksakte" -> ["huwelijk", "akte"]),
        trying the longest known head first; [] when no part is known."""
        for cut in range(3, len(word) - 3):
            head = word[cut:]
            if head not in self.frequency:
                continue
            modifier = word[:cut]
            for candidate in (modifier, modifier.removesuffix("s"), modifier.removesuffix("e")):
                if len(candidate) >= 3 and candidate in self.frequency:
                    return [candidate, head]
            return [head]
        return []

    def correct(self, word: str, *, inflection_only: bool = False) -> str | None:
        """The closest known word (most frequent on ties), or None.

        With `inflection_only` (for a word that is itself a common word of the language),
        only a known word with the same beginning counts: "documenten" -> "document",
        "trouver" -> "trouves", but not "weten" -> "eten" or "vervallen" -> "vervangen".
        """
        if inflection_only:
            nearest = self.correct(word)
            if nearest is None or _shared_prefix(word, nearest) < max(
                4, min(len(word), len(nearest)) - 2
            ):
                return None
            return nearest
        if word in self._cache:
            return self._cache[word]
        distance = _allowed_distance(word)
        best: tuple[int, int, str] | None = None
        if distance:
            candidates: set[str] = set()
            for deletion in _deletions(word, distance):
                candidates |= self._by_deletion.get(deletion, set())
            for candidate in candidates:
                limit = min(distance, _allowed_distance(candidate))
                found = edit_distance(word, candidate)
                if found > limit:
                    continue
                key = (found, -self.frequency[candidate], candidate)
                if best is None or key < best:
                    best = key
        result = best[2] if best else None
        if len(self._cache) < 10000:
            self._cache[word] = result
        return result
