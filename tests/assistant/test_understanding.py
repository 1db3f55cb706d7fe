"""Understanding without the database: keywords, common words and greetings."""

from __future__ import annotations

from loket.assistant.documents import product_document, shipped_keywords
from loket.assistant.retrieval import KnowledgeIndex
from loket.assistant.typos import Vocabulary


def _index(*, with_keywords: bool) -> KnowledgeIndex:
    keywords = shipped_keywords() if with_keywords else {}
    return KnowledgeIndex(
        [
            product_document(
                code="environment-permit",
                names={"nl": "Omgevingsvergunning", "fr": "Permis d'urbanisme", "en": "Permit"},
                summaries={"nl": "Voor bouwwerken.", "fr": "Pour les travaux.", "en": "Works."},
                keywords=keywords.get("environment-permit", []),
            ),
            product_document(
                code="bulky-waste-pickup",
                names={"nl": "Ophaling grofvuil", "fr": "Encombrants", "en": "Bulky waste"},
                summaries={"nl": "Aan huis.", "fr": "A domicile.", "en": "At home."},
                keywords=keywords.get("bulky-waste-pickup", []),
            ),
            product_document(
                code="home-meals",
                names={"nl": "Warme maaltijden", "fr": "Repas", "en": "Meals on wheels"},
                summaries={"nl": "Eten aan huis.", "fr": "Repas.", "en": "Food at home."},
            ),
        ]
    )


def test_shipped_keywords_cover_every_language_of_a_product() -> None:
    keywords = shipped_keywords()

    languages = {language for language, _phrase in keywords["environment-permit"]}
    assert languages == {"nl", "fr", "en"}
    assert ("nl", "bouwvergunning") in keywords["environment-permit"]


def test_a_keyword_finds_a_product_whose_name_does_not_say_it() -> None:
    without = _index(with_keywords=False).rank("carport", language="nl")
    with_keywords = _index(with_keywords=True).rank("carport", language="nl")

    assert without.candidates == []
    assert [c.key for c in with_keywords.candidates] == ["product:environment-permit"]
    assert with_keywords.coverage == 1.0


def test_a_common_word_is_only_corrected_to_another_form_of_itself() -> None:
    vocabulary = Vocabulary(["eten", "document", "parkeren"])

    assert vocabulary.correct("weten") == "eten"
    assert vocabulary.correct("weten", inflection_only=True) is None
    assert vocabulary.correct("papieren", inflection_only=True) is None
    assert vocabulary.correct("documenten", inflection_only=True) == "document"


def test_a_common_word_of_the_question_does_not_point_to_a_product() -> None:
    ranking = _index(with_keywords=True).rank("heten", language="nl")

    assert ranking.words_known == 0
    assert [candidate.words for candidate in ranking.candidates] == [0.0, 0.0, 0.0]


def test_greetings_and_thanks_do_not_lower_the_coverage() -> None:
    index = _index(with_keywords=True)

    plain = index.rank("grofvuil ophalen", language="nl")
    polite = index.rank("hallo, grofvuil ophalen, alvast bedankt", language="nl")
    french = index.rank("bonjour, enlèvement des encombrants, merci d'avance", language="fr")

    assert plain.coverage == 1.0
    assert polite.coverage == 1.0
    assert french.coverage == 1.0
    assert polite.candidates[0].key == "product:bulky-waste-pickup"
    assert french.candidates[0].key == "product:bulky-waste-pickup"
