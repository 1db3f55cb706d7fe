"""Turning text into comparable pieces: accent folding, words, stems and character n-grams.

Everything is folded first (lower case, accents removed, apostrophes and hyphens as
spaces), so "identité", "identite" and "IDENTITÉ" are one word. Stems come from the
Snowball stemmers of PyStemmer, one per language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

LANGUAGES = ("nl", "fr", "en")
_STEMMER_NAMES = {"nl": "dutch", "fr": "french", "en": "english"}
_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no subject in a question (after folding), including the words that ask
# about the price or the delay ("kost", "combien", "how much", "jaar", "jours"; numbers
# are left out too): they say what to tell
# about a product, not which one. Kept short on purpose: words such as "kwijt", "perdu" or
# "lost" are not stop words, they help to find the product.
STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "mogen",
            "kunnen",
            "willen",
            "wil",
            "zullen",
            "jaar",
            "jaren",
            "dag",
            "dagen",
            "week",
            "weken",
            "maand",
            "maanden",
            "worden",
            "word",
            "wordt",
            "zijn",
            "ben",
            "is",
            "aan",
            "al",
            "alle",
            "als",
            "bij",
            "dan",
            "dat",
            "de",
            "deze",
            "die",
            "dit",
            "doe",
            "doen",
            "door",
            "een",
            "en",
            "er",
            "ga",
            "gaan",
            "ge",
            "graag",
            "heb",
            "hebben",
            "het",
            "hoe",
            "hoeveel",
            "ik",
            "in",
            "is",
            "je",
            "jij",
            "kan",
            "kun",
            "kunnen",
            "me",
            "men",
            "met",
            "mij",
            "mijn",
            "mn",
            "moet",
            "moeten",
            "mag",
            "na",
            "naar",
            "niet",
            "nodig",
            "nu",
            "of",
            "om",
            "ons",
            "onze",
            "op",
            "over",
            "te",
            "tot",
            "uw",
            "van",
            "voor",
            "waar",
            "wanneer",
            "wat",
            "welke",
            "wie",
            "wil",
            "willen",
            "wij",
            "we",
            "ze",
            "zijn",
            "zo",
            "zou",
            "da",
            "wa",
            "kga",
            "gij",
            "hij",
            "zij",
            "iets",
            "ook",
            "nog",
            "maar",
            "eens",
            "even",
            "dus",
            "daar",
            "hier",
            "mee",
            "zich",
            "u",
            "jullie",
            "welk",
            "hun",
            "haar",
            "hem",
            "krijgen",
            "krijg",
            "aanvragen",
            "aanvraag",
            "vragen",
            "vraag",
            "kost",
            "kosten",
            "prijs",
            "betalen",
            "duurt",
            "lang",
        ]
    ),
    "fr": frozenset(
        [
            "pouvoir",
            "peux",
            "peut",
            "pourrais",
            "vouloir",
            "veut",
            "devoir",
            "doit",
            "an",
            "ans",
            "annee",
            "annees",
            "jour",
            "jours",
            "semaine",
            "semaines",
            "mois",
            "devenir",
            "deviens",
            "etre",
            "suis",
            "a",
            "au",
            "aux",
            "avec",
            "c",
            "ce",
            "ces",
            "cest",
            "comment",
            "d",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "en",
            "est",
            "et",
            "il",
            "j",
            "je",
            "l",
            "la",
            "le",
            "les",
            "leur",
            "lui",
            "m",
            "ma",
            "mais",
            "me",
            "mes",
            "moi",
            "mon",
            "n",
            "ne",
            "nous",
            "on",
            "ou",
            "par",
            "pas",
            "pour",
            "puis",
            "qu",
            "que",
            "quel",
            "quelle",
            "qui",
            "s",
            "sa",
            "se",
            "ses",
            "si",
            "son",
            "sur",
            "t",
            "ta",
            "te",
            "tes",
            "toi",
            "ton",
            "tu",
            "un",
            "une",
            "vos",
            "votre",
            "vous",
            "y",
            "suis",
            "ai",
            "avoir",
            "faire",
            "fait",
            "faut",
            "veux",
            "voudrais",
            "peux",
            "peut",
            "dois",
            "combien",
            "quand",
            "ou",
            "obtenir",
            "demander",
            "demande",
            "coute",
            "couter",
            "cout",
            "prix",
            "temps",
            "delai",
        ]
    ),
    "en": frozenset(
        [
            "may",
            "must",
            "might",
            "shall",
            "year",
            "years",
            "day",
            "days",
            "week",
            "weeks",
            "month",
            "months",
            "become",
            "becoming",
            "be",
            "am",
            "a",
            "about",
            "am",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "can",
            "could",
            "do",
            "does",
            "for",
            "from",
            "get",
            "got",
            "have",
            "how",
            "i",
            "if",
            "in",
            "is",
            "it",
            "me",
            "my",
            "of",
            "on",
            "or",
            "our",
            "please",
            "should",
            "so",
            "that",
            "the",
            "their",
            "there",
            "they",
            "this",
            "to",
            "up",
            "us",
            "want",
            "was",
            "we",
            "what",
            "when",
            "where",
            "which",
            "who",
            "will",
            "with",
            "would",
            "you",
            "your",
            "need",
            "apply",
            "request",
            "cost",
            "costs",
            "price",
            "much",
            "long",
            "take",
            "takes",
        ]
    ),
}

# Regional words and spellings, mapped to the word the catalogue uses (after folding).
# They describe how people in Flanders and Brussels speak, not any one question.
REGIONAL_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "velo": "fiets",
        "bib": "bibliotheek",
        "vuilbak": "afvalcontainer",
        "vuilniszak": "afvalzak",
        "vuilzak": "afvalzak",
        "containerpark": "recyclagepark",
        "kerkhof": "begraafplaats",
        "gsm": "telefoon",
        "frigo": "koelkast",
    },
    "fr": {
        "gsm": "telephone",
        "recyparc": "recypark",
        "septante": "70",
        "nonante": "90",
    },
    "en": {
        "rubbish": "waste",
        "garbage": "waste",
        "trash": "waste",
    },
}


def fold(text: str) -> str:
    """Lower case, without accents, with apostrophes, hyphens and slashes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=3)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMER_NAMES[language])


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    return str(_stemmer(language).stemWord(word))


def content_words(text: str, language: str) -> list[str]:
    """Folded words without stop words, regional words replaced by the common one."""
    regional = REGIONAL_WORDS[language]
    stop = STOPWORDS[language]
    result = []
    for word in words(text):
        if word in stop or word.isdigit():
            continue
        result.append(regional.get(word, word))
    return result


def stems(text: str, language: str) -> list[str]:
    return [stem(word, language) for word in content_words(text, language)]


def char_grams(text: str, sizes: tuple[int, ...] = (3, 4)) -> list[str]:
    """Character n-grams of each folded word padded with spaces (" kaart " -> " ka", ...)."""
    grams: list[str] = []
    for word in words(text):
        padded = f" {word} "
        for size in sizes:
            if len(padded) < size:
                continue
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams
