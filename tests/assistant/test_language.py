"""Language detection: Dutch, French and English, also short and without accents."""

from __future__ import annotations

import pytest

from loket.assistant.language import language_detect


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("mijn identiteitskaart is vervallen", "nl"),
        ("wa kost een bewonerskaart", "nl"),
        ("rijbewijs kwijt", "nl"),
        ("grofvuil", "nl"),
        ("kga verhuizen", "nl"),
        ("combien coûte une carte de riverain", "fr"),
        ("combien coute une carte de riverain", "fr"),
        ("carte identite perdue", "fr"),
        ("je demenage", "fr"),
        ("permis de conduire", "fr"),
        ("how do I sign my son up for the sports camp", "en"),
        ("lost my id card", "en"),
        ("moving house", "en"),
        ("where do i register my bike", "en"),
    ],
)
def test_language_detect_recognises_the_three_languages(question: str, expected: str) -> None:
    assert language_detect(question).language == expected


def test_language_detect_uses_the_hint_only_when_the_text_says_nothing() -> None:
    assert language_detect("eID", hint="fr").language == "fr"
    assert language_detect("eID", hint="nl").language == "nl"
    assert language_detect("waar vraag ik een reispas aan", hint="fr").language == "nl"


def test_language_detect_uses_words_of_the_knowledge() -> None:
    knowledge_words = {
        "nl": frozenset({"grofvuil"}),
        "fr": frozenset({"encombrants"}),
        "en": frozenset(),
    }
    assert language_detect("encombrants", knowledge_words=knowledge_words).language == "fr"
    assert language_detect("grofvuil", knowledge_words=knowledge_words).language == "nl"


def test_language_detect_reports_a_confidence_between_0_and_1() -> None:
    detection = language_detect("comment renouveler ma carte d'identité")
    assert detection.language == "fr"
    assert 0.5 < detection.confidence <= 1.0
