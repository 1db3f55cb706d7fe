"""The texts of the council's demo meetings, in Dutch and in French (a municipality's
decisions are written in its first official language)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoItem:
    title: str
    decision: str
    vote: str
    topic: str = "general"
    description: str = ""
    public: bool = True
    against: int = 0


SECOND_KORTRIJK_MEETING = (
    DemoItem(
        "Budgetwijziging: renovatie van de stadsbibliotheek",
        "De gemeenteraad keurt de budgetwijziging voor de renovatie van de stadsbibliotheek "
        "goed (1,2 miljoen euro, gespreid over twee jaar).",
        "Goedkeuring van de budgetwijziging",
        topic="finance",
        description="De bibliotheek krijgt nieuwe verlichting, isolatie en een leeszaal.",
        against=2,
    ),
    DemoItem(
        "Klimaatplan: zonnepanelen op gemeentelijke gebouwen",
        "De gemeenteraad beslist zonnepanelen te plaatsen op de daken van de sporthal, de "
        "bibliotheek en het administratief centrum.",
        "Goedkeuring van het klimaatplan",
        topic="environment",
    ),
    DemoItem(
        "Personeelsaangelegenheid: aanstelling van een diensthoofd",
        "Besloten beslissing over de aanstelling.",
        "Geheime stemming over de aanstelling",
        topic="personnel",
        public=False,
        against=1,
    ),
)

_DUTCH = (
    (
        DemoItem(
            "Goedkeuring van de meerjarenplanaanpassing",
            "De gemeenteraad keurt de aanpassing van het meerjarenplan goed.",
            "Stemming over de meerjarenplanaanpassing",
            topic="finance",
            against=1,
        ),
        DemoItem(
            "Aanleg van een fietsstraat in het centrum",
            "De gemeenteraad keurt de inrichting van de fietsstraat en het aanvullend "
            "reglement op het wegverkeer goed.",
            "Stemming over de fietsstraat",
            topic="mobility",
        ),
        DemoItem(
            "Personeelsaangelegenheid: tuchtdossier",
            "Besloten beslissing over het tuchtdossier.",
            "Geheime stemming",
            topic="personnel",
            public=False,
        ),
    ),
    (
        DemoItem(
            "Subsidiereglement voor jeugdverenigingen",
            "De gemeenteraad keurt het gewijzigde subsidiereglement voor jeugdverenigingen goed.",
            "Stemming over het subsidiereglement",
            topic="education",
        ),
        DemoItem(
            "Vergroening van het marktplein",
            "De gemeenteraad keurt het ontwerp voor de vergroening van het marktplein goed: "
            "bomen, waterdoorlatende verharding en een speelzone.",
            "Stemming over de vergroening",
            topic="environment",
            against=1,
        ),
    ),
    "Raadzaal, gemeentehuis %(name)s",
    "Algemeen directeur",
)

_FRENCH = (
    (
        DemoItem(
            "Approbation de la modification budgétaire",
            "Le conseil communal approuve la modification budgétaire de l'exercice en cours.",
            "Vote sur la modification budgétaire",
            topic="finance",
            against=1,
        ),
        DemoItem(
            "Aménagement d'une rue cyclable au centre",
            "Le conseil communal approuve l'aménagement de la rue cyclable et le règlement "
            "complémentaire de circulation routière.",
            "Vote sur la rue cyclable",
            topic="mobility",
        ),
        DemoItem(
            "Personnel : dossier disciplinaire",
            "Décision à huis clos sur le dossier disciplinaire.",
            "Vote secret",
            topic="personnel",
            public=False,
        ),
    ),
    (
        DemoItem(
            "Règlement de subsides aux associations de jeunesse",
            "Le conseil communal approuve le règlement modifié des subsides aux associations "
            "de jeunesse.",
            "Vote sur le règlement de subsides",
            topic="education",
        ),
        DemoItem(
            "Verdurisation de la place du marché",
            "Le conseil communal approuve le projet de verdurisation de la place du marché : "
            "arbres, revêtement perméable et une zone de jeux.",
            "Vote sur la verdurisation",
            topic="environment",
            against=1,
        ),
    ),
    "Salle du conseil, maison communale de %(name)s",
    "Directeur général",
)

OTHER_MEETINGS = {"nl": _DUTCH, "fr": _FRENCH, "en": _DUTCH, "de": _DUTCH}

_NAMES = {
    "nl": (
        ("Lies", "Verstraete"),
        ("Tom", "Desmet"),
        ("Nele", "Coppens"),
        ("Bart", "Lemmens"),
        ("Hanne", "Wouters"),
        ("Pieter", "Claeys"),
        ("Sien", "Goossens"),
    ),
    "fr": (
        ("Claire", "Dubois"),
        ("Marc", "Lambert"),
        ("Amina", "Benali"),
        ("Julien", "Martin"),
        ("Sophie", "Leclercq"),
        ("Nicolas", "Dupont"),
        ("Léa", "Renard"),
    ),
}
_PARTIES = {"nl": ("Samen Vooruit", "Open Gemeente"), "fr": ("Ensemble", "Commune ouverte")}
_ROLES = ("chair", "councillor", "councillor", "councillor", "councillor")


def members_of(seed: int, language: str) -> list[tuple[str, str, str, str]]:
    """Five members (the chair first) for a municipality's council: (first name, last name,
    party, role), varied by `seed` so that neighbouring municipalities differ."""
    names = _NAMES.get(language, _NAMES["nl"])
    parties = _PARTIES.get(language, _PARTIES["nl"])
    return [
        (*names[(seed + index) % len(names)], parties[index % 2], role)
        for index, role in enumerate(_ROLES)
    ]
