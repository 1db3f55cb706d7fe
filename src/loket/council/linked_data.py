"""The published documents of a meeting as linked open data in the Flemish LBLOD
vocabularies (besluit:, mandaat:, eli:, prov:, dct:), so that the region's harvester reads
them as it reads every other municipality's.

One place says which resources a document holds and how they are named: the public
pages write the same resources and properties as RDFa (templates/council/public/), and
`document_graph` builds them as an rdflib graph for the JSON-LD variant. Every literal is
an xsd:string (the publication profile asks for strings, not language-tagged text).

Identifiers are addresses on this installation (LOKET_PUBLIC_URL): the meeting is its
public page, its items, treatments, decisions and votes fragments of it; the governing
bodies, mandates and parties fragments of the municipality's page of its bodies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.urls import reverse
from django.utils import translation
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS, DefinedNamespace

from loket.config.links import absolute_url
from loket.council.models import (
    AgendaItem,
    Attendance,
    BodyKind,
    GoverningBody,
    Mandate,
    Meeting,
    Vote,
)
from loket.tenancy.models import Municipality

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PERSOON = Namespace("https://data.vlaanderen.be/ns/persoon#")
PERSON = Namespace("http://www.w3.org/ns/person#")
LEIDINGGEVENDEN = Namespace("http://data.lblod.info/vocabularies/leidinggevenden/")
REGORG = Namespace("https://www.w3.org/ns/regorg#")
EXT = Namespace("http://mu.semte.ch/vocabularies/ext/")
# Absent at the start: the region's extension property (besluit: has only the present ones).
ABSENT = EXT.heeftAfwezigeBijStart

PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "besluit": BESLUIT,
    "mandaat": MANDAAT,
    "eli": ELI,
    "prov": PROV,
    "dct": DCTERMS,
    "foaf": FOAF,
    "skos": SKOS,
    "org": ORG,
    "persoon": PERSOON,
    "person": PERSON,
    "leidinggevenden": LEIDINGGEVENDEN,
    "regorg": REGORG,
    "ext": EXT,
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}
# The RDFa `prefix` attribute of the published pages.
RDFA_PREFIXES = " ".join(f"{name}: {namespace!s}" for name, namespace in PREFIXES.items())

_CONCEPT = "http://data.vlaanderen.be/id/concept/"
MUNICIPALITY_CLASSIFICATION = URIRef(
    _CONCEPT + "BestuurseenheidClassificatieCode/5ab0e9b8a3b2ca7c5e000001"
)
BODY_CLASSIFICATION: dict[str, URIRef] = {
    BodyKind.COUNCIL: URIRef(_CONCEPT + "BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000005"),
    BodyKind.COLLEGE: URIRef(_CONCEPT + "BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000006"),
    BodyKind.WELFARE_COUNCIL: URIRef(
        _CONCEPT + "BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000007"
    ),
}
LANGUAGES: dict[str, URIRef] = {
    code: URIRef(f"http://publications.europa.eu/resource/authority/language/{name}")
    for code, name in {"nl": "NLD", "fr": "FRA", "de": "DEU", "en": "ENG"}.items()
}
_DOCUMENT_TYPE = "https://data.vlaanderen.be/id/concept/BesluitDocumentType/"
# The legislatures of the local governments (six years, the first one of Loket's time
# beginning in 2019): a body "in a legislature" is the one that holds meetings.
LEGISLATURE_FIRST_YEAR = 2019
LEGISLATURE_YEARS = 6


class DocumentKind(StrEnum):
    AGENDA = "agenda"
    DECISION_LIST = "besluitenlijst"
    MINUTES = "notulen"


DOCUMENT_TYPES: dict[DocumentKind, URIRef] = {
    DocumentKind.AGENDA: URIRef(_DOCUMENT_TYPE + "13fefad6-a9d6-4025-83b5-e4cbee3a8965"),
    DocumentKind.DECISION_LIST: URIRef(_DOCUMENT_TYPE + "3fa67785-ffdc-4b30-8880-2b99d97b4dee"),
    DocumentKind.MINUTES: URIRef(_DOCUMENT_TYPE + "8e791b27-7600-4577-b24e-c7c29e0eb773"),
}
DOCUMENT_ROUTES: dict[DocumentKind, str] = {
    DocumentKind.AGENDA: "council:agenda",
    DocumentKind.DECISION_LIST: "council:decision-list",
    DocumentKind.MINUTES: "council:minutes",
}
DOCUMENT_LINKS: dict[DocumentKind, URIRef] = {
    DocumentKind.AGENDA: BESLUIT.heeftAgenda,
    DocumentKind.DECISION_LIST: BESLUIT.heeftBesluitenlijst,
    DocumentKind.MINUTES: BESLUIT.heeftNotulen,
}


def content_language(municipality: Municipality) -> str:
    """The language the municipality writes its decisions in (its first official one)."""
    languages = municipality.languages
    return languages[0] if languages and languages[0] in LANGUAGES else "nl"


def legislature_start(day: dt.date) -> int:
    return day.year - (day.year - LEGISLATURE_FIRST_YEAR) % LEGISLATURE_YEARS


@dataclass(frozen=True)
class Names:
    """The identifiers of one municipality's resources, as the pages and graphs write them."""

    municipality: Municipality

    @property
    def bodies_page(self) -> str:
        return absolute_url(reverse("council:bodies", args=[self.municipality.slug]))

    @property
    def unit(self) -> str:
        return f"{self.bodies_page}#bestuurseenheid"

    @property
    def area(self) -> str:
        return f"{self.bodies_page}#werkingsgebied"

    def body(self, body: GoverningBody) -> str:
        return f"{self.bodies_page}#orgaan-{body.pk}"

    def body_in_period(self, body: GoverningBody, day: dt.date) -> str:
        return f"{self.bodies_page}#orgaan-{body.pk}-{legislature_start(day)}"

    def mandate(self, mandate_id: int) -> str:
        return f"{self.bodies_page}#mandataris-{mandate_id}"

    def person(self, member_id: int) -> str:
        return f"{self.bodies_page}#persoon-{member_id}"

    def membership(self, mandate_id: int) -> str:
        return f"{self.bodies_page}#lidmaatschap-{mandate_id}"

    def party(self, party_id: int) -> str:
        return f"{self.bodies_page}#fractie-{party_id}"

    def meeting(self, meeting: Meeting) -> str:
        return absolute_url(reverse("council:meeting", args=[self.municipality.slug, meeting.pk]))

    def document(self, meeting: Meeting, kind: DocumentKind) -> str:
        return absolute_url(
            reverse(DOCUMENT_ROUTES[kind], args=[self.municipality.slug, meeting.pk])
        )

    def secretary(self, meeting: Meeting) -> str:
        return f"{self.meeting(meeting)}#secretaris"

    def item(self, meeting: Meeting, item_id: int) -> str:
        return f"{self.meeting(meeting)}#agendapunt-{item_id}"

    def draft(self, meeting: Meeting, item_id: int) -> str:
        return f"{self.meeting(meeting)}#ontwerpbesluit-{item_id}"

    def treatment(self, meeting: Meeting, item_id: int) -> str:
        return f"{self.meeting(meeting)}#behandeling-{item_id}"

    def decision(self, meeting: Meeting, item_id: int) -> str:
        return f"{self.meeting(meeting)}#besluit-{item_id}"

    def vote(self, meeting: Meeting, vote_id: int) -> str:
        return f"{self.meeting(meeting)}#stemming-{vote_id}"


def _s(text: str) -> Literal:
    return Literal(text, datatype=XSD.string)


def vote_result(vote: Vote, language: str) -> str:
    """The outcome of a vote as the decision's language says it (besluit:gevolg)."""
    with translation.override(language):
        return str(vote.get_outcome_display())


def body_label(body: GoverningBody, language: str) -> str:
    with translation.override(language):
        return f"{body.get_kind_display()} {body.municipality.name_in(language)}"


def _organisation(graph: Graph, names: Names, body: GoverningBody, day: dt.date) -> URIRef:
    """The body in its legislature, the body and the municipality it governs."""
    municipality = names.municipality
    language = content_language(municipality)
    unit, area = URIRef(names.unit), URIRef(names.area)
    graph.add((unit, RDF.type, BESLUIT.Bestuurseenheid))
    graph.add((unit, SKOS.prefLabel, _s(municipality.name_in(language))))
    graph.add((unit, ORG.classification, MUNICIPALITY_CLASSIFICATION))
    graph.add((MUNICIPALITY_CLASSIFICATION, RDF.type, SKOS.Concept))
    graph.add((unit, BESLUIT.werkingsgebied, area))
    graph.add((area, RDF.type, PROV.Location))
    graph.add((area, RDFS.label, _s(municipality.name_in(language))))
    organ = URIRef(names.body(body))
    classification = BODY_CLASSIFICATION[body.kind]
    graph.add((organ, RDF.type, BESLUIT.Bestuursorgaan))
    graph.add((organ, SKOS.prefLabel, _s(body_label(body, language))))
    graph.add((organ, ORG.classification, classification))
    graph.add((classification, RDF.type, SKOS.Concept))
    graph.add((organ, BESLUIT.bestuurt, unit))
    in_period = URIRef(names.body_in_period(body, day))
    graph.add((in_period, RDF.type, BESLUIT.Bestuursorgaan))
    graph.add((in_period, MANDAAT.isTijdspecialisatieVan, organ))
    return in_period


def mandate_add_to(graph: Graph, names: Names, mandate: Mandate) -> URIRef:
    """A mandate holder (mandaat:Mandataris): the person's name, the body, the party."""
    node = URIRef(names.mandate(mandate.pk))
    person = URIRef(names.person(mandate.member_id))
    graph.add((node, RDF.type, MANDAAT.Mandataris))
    graph.add((node, MANDAAT.isBestuurlijkeAliasVan, person))
    graph.add((person, RDF.type, PERSON.Person))
    graph.add((person, PERSOON.gebruikteVoornaam, _s(mandate.member.first_name)))
    graph.add((person, FOAF.familyName, _s(mandate.member.last_name)))
    if mandate.party_id is not None and mandate.party is not None:
        membership, party = (
            URIRef(names.membership(mandate.pk)),
            URIRef(names.party(mandate.party_id)),
        )
        graph.add((node, ORG.hasMembership, membership))
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, ORG.organization, party))
        graph.add((party, RDF.type, MANDAAT.Fractie))
        graph.add((party, REGORG.legalName, _s(mandate.party.name)))
    return node


def document_graph(
    *,
    meeting: Meeting,
    items: list[AgendaItem],
    kind: DocumentKind,
    attendances: Sequence[Attendance] = (),
) -> Graph:
    """The linked data of one published document of a meeting. `items` are the public
    items only (selectors.items_public): nothing else is ever given to this function."""
    names = Names(meeting.municipality)
    language = content_language(meeting.municipality)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    session = URIRef(names.meeting(meeting))
    document = URIRef(names.document(meeting, kind))
    published = meeting.agenda_published_at if kind is DocumentKind.AGENDA else meeting.published_at
    graph.add((document, RDF.type, FOAF.Document))
    graph.add((document, RDF.type, DOCUMENT_TYPES[kind]))
    if published is not None:
        graph.add((document, ELI.date_publication, Literal(published.date(), datatype=XSD.date)))
    graph.add((session, DOCUMENT_LINKS[kind], document))
    graph.add((session, RDF.type, BESLUIT.Zitting))
    organ = _organisation(graph, names, meeting.body, meeting.planned_start.date())
    graph.add((session, BESLUIT.isGehoudenDoor, organ))
    graph.add(
        (session, BESLUIT.geplandeStart, Literal(meeting.planned_start, datatype=XSD.dateTime))
    )
    decisions = kind is not DocumentKind.AGENDA
    if decisions:
        assert meeting.started_at is not None
        assert meeting.ended_at is not None
        graph.add((session, PROV.startedAtTime, Literal(meeting.started_at, datatype=XSD.dateTime)))
        graph.add((session, PROV.endedAtTime, Literal(meeting.ended_at, datatype=XSD.dateTime)))
        if meeting.chair is not None:
            chair = mandate_add_to(graph, names, meeting.chair)
            graph.add((session, BESLUIT.heeftVoorzitter, chair))
        for attendance in attendances:
            holder = mandate_add_to(graph, names, attendance.mandate)
            graph.add(
                (session, BESLUIT.heeftAanwezigeBijStart if attendance.present else ABSENT, holder)
            )
        secretary = URIRef(names.secretary(meeting))
        graph.add((session, BESLUIT.heeftSecretaris, secretary))
        graph.add((secretary, RDF.type, LEIDINGGEVENDEN.Functionaris))
    previous_item: URIRef | None = None
    previous_treatment: URIRef | None = None
    for item in items:
        node = URIRef(names.item(meeting, item.pk))
        graph.add((session, BESLUIT.behandelt, node))
        graph.add((node, RDF.type, BESLUIT.Agendapunt))
        graph.add((node, DCTERMS.title, _s(item.title)))
        graph.add((node, BESLUIT.geplandOpenbaar, Literal(item.is_public, datatype=XSD.boolean)))
        if previous_item is not None:
            graph.add((node, BESLUIT.aangebrachtNa, previous_item))
        previous_item = node
        if kind is not DocumentKind.DECISION_LIST and item.description:
            graph.add((node, DCTERMS.description, _s(item.description)))
        if kind is DocumentKind.AGENDA and item.draft_decision:
            draft = URIRef(names.draft(meeting, item.pk))
            graph.add((node, BESLUIT.heeftOntwerpbesluit, draft))
            graph.add((draft, RDF.type, FOAF.Document))
            graph.add((draft, PROV.value, _s(item.draft_decision)))
        if decisions and item.treated_at is not None:
            previous_treatment = _treatment(
                graph, names, meeting, item, organ, previous_treatment, kind, language
            )
    return graph


def _treatment(
    graph: Graph,
    names: Names,
    meeting: Meeting,
    item: AgendaItem,
    organ: URIRef,
    previous: URIRef | None,
    kind: DocumentKind,
    language: str,
) -> URIRef:
    treatment = URIRef(names.treatment(meeting, item.pk))
    decision = URIRef(names.decision(meeting, item.pk))
    graph.add((treatment, RDF.type, BESLUIT.BehandelingVanAgendapunt))
    graph.add((treatment, DCTERMS.subject, URIRef(names.item(meeting, item.pk))))
    graph.add(
        (treatment, BESLUIT.openbaar, Literal(bool(item.held_in_public), datatype=XSD.boolean))
    )
    if previous is not None:
        graph.add((treatment, BESLUIT.gebeurtNa, previous))
    graph.add((treatment, PROV.generated, decision))
    graph.add((decision, RDF.type, BESLUIT.Besluit))
    graph.add((decision, PROV.wasGeneratedBy, treatment))
    graph.add((decision, ELI.title, _s(item.decision_title)))
    graph.add((decision, ELI.description, _s(item.decision_text)))
    graph.add((decision, ELI.language, LANGUAGES[language]))
    graph.add((LANGUAGES[language], RDF.type, SKOS.Concept))
    graph.add((decision, ELI.passed_by, organ))
    if meeting.published_at is not None:
        graph.add(
            (
                decision,
                ELI.date_publication,
                Literal(meeting.published_at.date(), datatype=XSD.date),
            )
        )
    for vote in item.votes.all():
        node = URIRef(names.vote(meeting, vote.pk))
        graph.add((treatment, BESLUIT.heeftStemming, node))
        graph.add((node, RDF.type, BESLUIT.Stemming))
        graph.add((node, BESLUIT.onderwerp, _s(vote.subject)))
        graph.add((node, BESLUIT.gevolg, _s(vote_result(vote, language))))
        graph.add((node, BESLUIT.geheim, Literal(vote.is_secret, datatype=XSD.boolean)))
        for name, count in (
            (BESLUIT.aantalVoorstanders, vote.count_for),
            (BESLUIT.aantalTegenstanders, vote.count_against),
            (BESLUIT.aantalOnthouders, vote.count_abstain),
        ):
            graph.add((node, name, Literal(count, datatype=XSD.integer)))
        if kind is DocumentKind.MINUTES:
            for cast in vote.casts.all():
                holder = mandate_add_to(graph, names, cast.mandate)
                graph.add((node, BESLUIT.heeftStemmer, holder))
                graph.add((node, CAST_PROPERTIES[cast.choice], holder))
    return treatment


CAST_PROPERTIES: dict[str, URIRef] = {
    "for": BESLUIT.heeftVoorstander,
    "against": BESLUIT.heeftTegenstander,
    "abstain": BESLUIT.heeftOnthouder,
}

JSONLD_CONTEXT: dict[str, str] = {name: str(namespace) for name, namespace in PREFIXES.items()}


def document_jsonld(
    *,
    meeting: Meeting,
    items: list[AgendaItem],
    kind: DocumentKind,
    attendances: Sequence[Attendance] = (),
) -> str:
    graph = document_graph(meeting=meeting, items=items, kind=kind, attendances=attendances)
    return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True)
