"""What the region's harvester requires of each published document: the classes it must
find and, for every resource of a class, the properties it must carry (minimum count 1).

Written for Loket from the publication profile of the Flemish decision validator ("Lokale
Besluiten als Gelinkte Open Data": the blueprints of an agenda, a decision list and
minutes) and from real publications of Flemish municipalities; it names no file of theirs.
"""

from __future__ import annotations

BESLUIT = "http://data.vlaanderen.be/ns/besluit#"
MANDAAT = "http://data.vlaanderen.be/ns/mandaat#"
ELI = "http://data.europa.eu/eli/ontology#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
EXT = "http://mu.semte.ch/vocabularies/ext/"

# The governing unit and body every document names (besluit:isGehoudenDoor).
_ORGANISATION: dict[str, set[str]] = {
    BESLUIT + "Bestuursorgaan": set(),  # the body itself, and the body in its legislature
    BESLUIT + "Bestuurseenheid": {
        SKOS + "prefLabel",
        ORG + "classification",
        BESLUIT + "werkingsgebied",
    },
    PROV + "Location": {RDFS + "label"},
}
_BODY = {SKOS + "prefLabel", ORG + "classification", BESLUIT + "bestuurt"}

AGENDA: dict[str, set[str]] = {
    FOAF + "Document": set(),
    BESLUIT + "Zitting": {
        BESLUIT + "behandelt",
        BESLUIT + "geplandeStart",
        BESLUIT + "isGehoudenDoor",
        BESLUIT + "heeftAgenda",
    },
    BESLUIT + "Agendapunt": {DCT + "title", BESLUIT + "geplandOpenbaar"},
    **_ORGANISATION,
}

DECISION_LIST: dict[str, set[str]] = {
    FOAF + "Document": set(),
    BESLUIT + "Zitting": {
        BESLUIT + "behandelt",
        PROV + "startedAtTime",
        PROV + "endedAtTime",
        BESLUIT + "geplandeStart",
        BESLUIT + "isGehoudenDoor",
        BESLUIT + "heeftVoorzitter",
        BESLUIT + "heeftSecretaris",
        BESLUIT + "heeftBesluitenlijst",
    },
    BESLUIT + "Agendapunt": {DCT + "title", BESLUIT + "geplandOpenbaar"},
    BESLUIT + "BehandelingVanAgendapunt": {
        DCT + "subject",
        PROV + "generated",
        BESLUIT + "openbaar",
        BESLUIT + "heeftStemming",
    },
    BESLUIT + "Besluit": {
        ELI + "title",
        ELI + "description",
        ELI + "language",
        PROV + "wasGeneratedBy",
    },
    BESLUIT + "Stemming": {
        BESLUIT + "onderwerp",
        BESLUIT + "gevolg",
        BESLUIT + "aantalVoorstanders",
        BESLUIT + "aantalTegenstanders",
        BESLUIT + "aantalOnthouders",
    },
    MANDAAT + "Mandataris": set(),
    **_ORGANISATION,
}

MINUTES: dict[str, set[str]] = {
    **DECISION_LIST,
    BESLUIT + "Zitting": (DECISION_LIST[BESLUIT + "Zitting"] - {BESLUIT + "heeftBesluitenlijst"})
    | {BESLUIT + "heeftNotulen"},
    # An open vote recorded per member names who voted and how.
    BESLUIT + "Stemming": DECISION_LIST[BESLUIT + "Stemming"]
    | {BESLUIT + "heeftStemmer", BESLUIT + "heeftVoorstander", BESLUIT + "heeftTegenstander"},
    MANDAAT + "Mandataris": {MANDAAT + "isBestuurlijkeAliasVan"},
}

# The link from the meeting to each document, which carries its date of publication.
DOCUMENT_LINKS = {
    "agenda": BESLUIT + "heeftAgenda",
    "besluitenlijst": BESLUIT + "heeftBesluitenlijst",
    "notulen": BESLUIT + "heeftNotulen",
}
PUBLISHED_DOCUMENT = {ELI + "date_publication"}

# The properties whose values must be literals of a given datatype.
DATATYPES: dict[str, str] = {
    BESLUIT + "geplandeStart": XSD + "dateTime",
    PROV + "startedAtTime": XSD + "dateTime",
    PROV + "endedAtTime": XSD + "dateTime",
    BESLUIT + "geplandOpenbaar": XSD + "boolean",
    BESLUIT + "openbaar": XSD + "boolean",
    ELI + "date_publication": XSD + "date",
    ELI + "title": XSD + "string",
    ELI + "description": XSD + "string",
    DCT + "title": XSD + "string",
    SKOS + "prefLabel": XSD + "string",
}
# The body in its legislature points at the body (mandaat:isTijdspecialisatieVan), which
# carries its name, classification and the unit it governs.
BODY = _BODY
