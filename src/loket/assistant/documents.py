"""How products and FAQ entries become retrieval documents (no database access here)."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from loket.assistant.retrieval import Document
from loket.assistant.text import LANGUAGES

SHIPPED_PHRASINGS = Path(__file__).resolve().parent / "data" / "phrasings.csv"
# Residents' questions written outside the team (bench/assistant/build_knowledge.py): the
# in-scope ones as phrasings of their product, the others as questions not handled here.
RESIDENT_PHRASINGS = Path(__file__).resolve().parent / "data" / "phrasings_residents.csv"
OUTSIDE_QUESTIONS = Path(__file__).resolve().parent / "data" / "outside_questions.csv"
SHIPPED_KEYWORDS = Path(__file__).resolve().parent / "data" / "keywords.csv"
OUTSIDE_TOPICS = Path(__file__).resolve().parent / "data" / "outside.csv"
OUTSIDE_BODIES = Path(__file__).resolve().parent / "data" / "bodies.csv"
OUTSIDE_TOPIC_FILES = (OUTSIDE_TOPICS, OUTSIDE_BODIES)
OUTSIDE_PREFIX = "outside:"


def product_key(code: str) -> str:
    return f"product:{code}"


def faq_key(entry_id: int) -> str:
    return f"faq:{entry_id}"


def key_parse(key: str) -> tuple[str, str]:
    """("product", code) or ("faq", id)."""
    kind, _, value = key.partition(":")
    return kind, value


def product_document(
    *,
    code: str,
    names: Mapping[str, str],
    summaries: Mapping[str, str],
    phrasings: Iterable[tuple[str, str]] = (),
    keywords: Iterable[tuple[str, str]] = (),
) -> Document:
    """A product as a document: its names and summaries, the phrasings learned for it
    and its shipped keywords."""
    # The code itself ("kids-id", "eid-card") is how some people write it.
    extra = ((language, code.replace("-", " ")) for language in ("en",))
    return Document(
        key=product_key(code),
        names={language: names.get(language, "") for language in LANGUAGES},
        summaries={language: summaries.get(language, "") for language in LANGUAGES},
        phrasings=tuple([*phrasings, *extra]),
        keywords=tuple(keywords),
    )


def faq_document(*, entry_id: int, phrasings: Iterable[tuple[str, str]]) -> Document:
    return Document(key=faq_key(entry_id), phrasings=tuple(phrasings))


def shipped_phrasings(
    paths: Sequence[Path] = (SHIPPED_PHRASINGS,),
) -> dict[str, list[tuple[str, str]]]:
    """The product phrasings shipped with Loket that `loket assistant_load` adds to the
    database: product code -> [(language, text)].

    data/phrasings.csv holds the in-scope questions of the development set's train part
    (written by the team)."""
    result: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                result[row["product_code"]].append((row["language"], row["text"]))
    return result


def resident_phrasings(path: Path = RESIDENT_PHRASINGS) -> dict[str, list[tuple[str, str]]]:
    """The residents' questions shipped as phrasings (data/phrasings_residents.csv, written
    outside the team, bench/assistant/build_knowledge.py): product code -> [(language,
    text)]. Read from the file whenever the knowledge is built, like the keywords, so an
    upgrade brings them without a command; staff-taught phrasings live in the database."""
    return shipped_phrasings((path,))


def shipped_keywords(path: Path = SHIPPED_KEYWORDS) -> dict[str, list[tuple[str, str]]]:
    """The keywords shipped with Loket: product code -> [(language, phrase)].

    data/keywords.csv holds, per product and language, the everyday words residents use
    for it ("bouwvergunning", "permis de bâtir", "building permit"), separated by ";".
    They were written from the catalogue and the municipal vocabulary, not from questions.
    """
    result: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if not path.exists():
        return result
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for phrase in row["keywords"].split(";"):
                if phrase.strip():
                    result[row["product_code"]].append((row["language"], phrase.strip()))
    return result


# Built-in knowledge about the town hall itself, answered from the municipality's contact
# details (loket.tenancy): when it is open, and how to make an appointment at the counter.
TOWN_HALL_HOURS = "town-hall:hours"
TOWN_HALL_APPOINTMENT = "town-hall:appointment"
TOWN_HALL_PHRASINGS: dict[str, tuple[tuple[str, str], ...]] = {
    TOWN_HALL_HOURS: (
        ("nl", "wanneer is het gemeentehuis open"),
        ("nl", "openingsuren van het gemeentehuis"),
        ("nl", "hoe laat gaat het stadhuis open"),
        ("nl", "openingsuren van het loket van de gemeente"),
        ("nl", "adres en telefoonnummer van het gemeentehuis"),
        ("fr", "quand la maison communale est-elle ouverte"),
        ("fr", "heures d'ouverture de la maison communale"),
        ("fr", "heures d'ouverture de l'administration communale"),
        ("fr", "à quelle heure ouvre l'hôtel de ville"),
        ("fr", "adresse et téléphone de la maison communale"),
        ("en", "when is the town hall open"),
        ("en", "opening hours of the town hall"),
        ("en", "what time does the city hall open"),
        ("en", "town hall opening times"),
        ("en", "address and phone number of the town hall"),
    ),
    TOWN_HALL_APPOINTMENT: (
        ("nl", "ik wil een afspraak maken aan het loket"),
        ("nl", "afspraak maken in het gemeentehuis"),
        ("nl", "hoe maak ik een afspraak bij de gemeente"),
        ("nl", "afspraak aan de balie"),
        ("fr", "je veux prendre rendez-vous au guichet"),
        ("fr", "prendre rendez-vous à la maison communale"),
        ("fr", "comment prendre un rendez-vous à la commune"),
        ("en", "I want to make an appointment at the counter"),
        ("en", "book an appointment at the town hall"),
        ("en", "how do I make an appointment with the municipality"),
    ),
}


def town_hall_documents() -> list[Document]:
    return [
        Document(key=key, phrasings=phrasings) for key, phrasings in TOWN_HALL_PHRASINGS.items()
    ]


def outside_documents(paths: Sequence[Path] = OUTSIDE_TOPIC_FILES) -> list[Document]:
    """Topics a municipality does not handle (federal taxes, the police, banks, health
    insurance, …), as documents: when one ranks first the question is handed over.

    data/outside.csv (`topic,language,keywords`, phrases separated by ";") was written
    from the division of tasks between the municipality and other services (a second
    pass after reading the tuning set's out-of-scope questions the first one missed).
    data/bodies.csv (same columns) is a taxonomy of the bodies other than the
    municipality — federal and regional administrations, social security, health insurance
    funds, insurers, banks, employment services, utilities, transport, courts, police,
    education, private housing, foreign authorities, commerce — by their names and their
    own services, written from that division of tasks and not from questions."""
    topics: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for phrase in row["keywords"].split(";"):
                    if phrase.strip():
                        topics[row["topic"]].append((row["language"], phrase.strip()))
    return [
        Document(key=f"{OUTSIDE_PREFIX}{topic}", keywords=tuple(keywords))
        for topic, keywords in sorted(topics.items())
    ]


def outside_question_documents(path: Path = OUTSIDE_QUESTIONS) -> list[Document]:
    """Questions residents ask that the municipality does not handle, each its own
    document (data/outside_questions.csv, `language,text`): a new question closer to one
    of them than to any product is handed over. One document per question, so that the
    words of different questions do not add up into a topic that matches everything."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Document(
                key=f"{OUTSIDE_PREFIX}question-{number}",
                phrasings=((row["language"], row["text"]),),
            )
            for number, row in enumerate(csv.DictReader(handle), start=1)
        ]
