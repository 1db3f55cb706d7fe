"""Dutch compounds: "bewonerskaart" is "bewoners" + "kaart", "geboorteakte" is
"geboorte" + "akte". Residents split and join such words freely, so both the knowledge
and the question are also read as their parts, when both parts are known words."""

from __future__ import annotations

from collections.abc import Iterable

MINIMUM_WORD = 8  # shorter words are not split
MINIMUM_PART = 4
LINKS = ("s", "e", "en")  # linking letters between the parts ("huwelijk-s-akte")
COMPOUND_LANGUAGES = frozenset({"nl"})


class Decompounder:
    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word for word in words if len(word) >= MINIMUM_PART)
        self._cache: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The two known parts of a compound, the longest head first; () when none."""
        if word in self._cache:
            return self._cache[word]
        found: tuple[str, ...] = ()
        if len(word) >= MINIMUM_WORD:
            for cut in range(MINIMUM_PART, len(word) - MINIMUM_PART + 1):
                head = word[cut:]
                if head not in self.words:
                    continue
                modifier = word[:cut]
                candidates = [modifier] + [
                    modifier[: -len(link)] for link in LINKS if modifier.endswith(link)
                ]
                known = next((c for c in candidates if c in self.words), None)
                if known is not None:
                    found = (known, head)
                    break
        if len(self._cache) < 20000:
            self._cache[word] = found
        return found
