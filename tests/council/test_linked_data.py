"""The published agenda, decision list and minutes carry, as RDFa that an RDFa parser
reads from Loket's own pages, the classes and properties the region's harvester requires
(tests/council/lblod.py); the JSON-LD variant holds the same statements; closed items
appear in neither."""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.test import Client
from pyRdfa import pyRdfa
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from loket.council.models import AgendaItem, Meeting
from loket.council.services import item_treatment_record, meeting_transition
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor
from tests.council import lblod
from tests.council.helpers import Council, meeting_make

pytestmark = pytest.mark.django_db

DOCUMENTS = {
    "agenda": lblod.AGENDA,
    "besluitenlijst": lblod.DECISION_LIST,
    "notulen": lblod.MINUTES,
}
CLOSED_TEXTS = ("Personnel matter of a named employee", "Secret draft decision on the employee.")


def _url(meeting: Meeting, document: str) -> str:
    return f"/{meeting.municipality.slug}/bestuur/zittingen/{meeting.pk}/{document}/"


def _rdfa(html: str) -> Graph:
    graph = Graph()
    pyRdfa(media_type="text/html").graph_from_source(io.StringIO(html), graph=graph)
    return graph


def _plain(graph: Graph) -> set[tuple[Node, Node, Node]]:
    """The triples, with xsd:string literals written as the simple literals they are."""
    return {
        (
            s,
            p,
            Literal(str(o))
            if isinstance(o, Literal) and str(o.datatype) == lblod.XSD + "string"
            else o,
        )
        for s, p, o in graph
    }


def _ours(triples: set[tuple[Node, Node, Node]], base: str) -> set[tuple[Node, Node, Node]]:
    return {t for t in triples if isinstance(t[0], URIRef) and str(t[0]).startswith(base)}


@pytest.fixture
def published(secretary_actor: Actor, council: Council) -> Meeting:
    return meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_page_carries_what_the_harvester_requires(
    client: Client, published: Meeting, document: str
) -> None:
    page = client.get(_url(published, document))
    assert page.status_code == 200
    graph = _rdfa(page.content.decode())

    missing = {}
    for klass, properties in DOCUMENTS[document].items():
        instances = set(graph.subjects(RDF.type, URIRef(klass)))
        if not instances:
            missing[klass] = "no resource of this class"
        for instance in instances:
            lacking = {p for p in properties if (instance, URIRef(p), None) not in graph}
            if lacking:
                missing[f"{klass} {instance}"] = sorted(lacking)
    assert missing == {}
    (published_document,) = set(graph.objects(None, URIRef(lblod.DOCUMENT_LINKS[document])))
    assert {
        p for p in lblod.PUBLISHED_DOCUMENT if (published_document, URIRef(p), None) not in graph
    } == set()
    for body in graph.subjects(URIRef(lblod.MANDAAT + "isTijdspecialisatieVan"), None):
        organ = graph.value(body, URIRef(lblod.MANDAAT + "isTijdspecialisatieVan"))
        assert {p for p in lblod.BODY if (organ, URIRef(p), None) not in graph} == set()
    wrong = {
        (str(p), str(o.datatype))
        for _s, p, o in graph
        if str(p) in lblod.DATATYPES
        and (not isinstance(o, Literal) or str(o.datatype) != lblod.DATATYPES[str(p)])
    }
    assert wrong == set()


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_jsonld_holds_the_same_statements_as_the_page(
    client: Client, published: Meeting, document: str
) -> None:
    page = client.get(_url(published, document))
    jsonld = client.get(_url(published, document).rstrip("/") + ".jsonld")
    negotiated = client.get(_url(published, document), HTTP_ACCEPT="application/ld+json")

    assert jsonld["Content-Type"] == "application/ld+json; charset=utf-8"
    assert negotiated.content == jsonld.content
    assert "Accept" in page["Vary"]
    from_page = _plain(_rdfa(page.content.decode()))
    from_jsonld = _plain(Graph().parse(data=jsonld.content, format="json-ld"))
    base = str(settings.LOKET_PUBLIC_URL).rstrip("/")
    assert from_jsonld - from_page == set()
    assert _ours(from_page, base) - from_jsonld == set()
    assert len(from_jsonld) > 25
    assert "@context" in json.loads(jsonld.content)


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_a_closed_item_appears_on_no_page_and_in_no_jsonld(
    client: Client, published: Meeting, document: str
) -> None:
    closed = AgendaItem.objects.get(meeting=published, is_public=False)
    page = client.get(_url(published, document)).content.decode()
    jsonld = client.get(_url(published, document).rstrip("/") + ".jsonld").content.decode()

    for text in (*CLOSED_TEXTS, f"agendapunt-{closed.pk}", f"besluit-{closed.pk}"):
        assert text not in page
        assert text not in jsonld


def test_an_item_treated_behind_closed_doors_is_not_published(
    client: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD, closed_item=False)
    item = AgendaItem.objects.get(meeting=meeting)
    item_treatment_record(
        actor=secretary_actor,
        item_id=item.pk,
        held_in_public=False,
        decision_title="Decided in camera",
        decision_text="Nobody may read this.",
    )
    for target in (MeetingStatus.DECISIONS_RECORDED, MeetingStatus.PUBLISHED):
        meeting_transition(actor=secretary_actor, meeting_id=meeting.pk, to_status=target)

    for document in DOCUMENTS:
        page = client.get(_url(meeting, document)).content.decode()
        jsonld = client.get(_url(meeting, document).rstrip("/") + ".jsonld").content.decode()
        assert "Decided in camera" not in page + jsonld
        assert "Budget for the new playground" not in page + jsonld


def test_a_document_is_public_only_once_published(
    client: Client, secretary_actor: Actor, council: Council
) -> None:
    draft = meeting_make(secretary_actor, council)
    agenda_only = meeting_make(secretary_actor, council, status=MeetingStatus.AGENDA_PUBLISHED)

    assert client.get(_url(draft, "agenda")).status_code == 404
    assert (
        client.get(f"/{draft.municipality.slug}/bestuur/zittingen/{draft.pk}/").status_code == 404
    )
    assert client.get(_url(agenda_only, "agenda")).status_code == 200
    assert client.get(_url(agenda_only, "besluitenlijst")).status_code == 404
    assert client.get(_url(agenda_only, "notulen").rstrip("/") + ".jsonld").status_code == 404
    listing = client.get(f"/{draft.municipality.slug}/bestuur/zittingen/").content.decode()
    assert f"/zittingen/{agenda_only.pk}/" in listing
    assert f"/zittingen/{draft.pk}/" not in listing


def test_the_open_data_speaks_the_municipalitys_language_whatever_the_visitors(
    client: Client, published: Meeting
) -> None:
    page = client.get(_url(published, "besluitenlijst"), HTTP_ACCEPT_LANGUAGE="fr")
    graph = _rdfa(page.content.decode())

    labels = {
        str(label)
        for organ in graph.subjects(RDF.type, URIRef(lblod.BESLUIT + "Bestuursorgaan"))
        for label in graph.objects(organ, URIRef(lblod.SKOS + "prefLabel"))
    }
    results = {str(o) for o in graph.objects(None, URIRef(lblod.BESLUIT + "gevolg"))}
    assert labels == {f"Gemeenteraad {published.municipality.name_nl}"}
    assert results == {"Aangenomen"}
    assert set(graph.objects(None, URIRef(lblod.ELI + "language"))) == {
        URIRef("http://publications.europa.eu/resource/authority/language/NLD")
    }


def test_the_bodies_page_names_the_mandate_holders_of_today(
    client: Client, secretary_actor: Actor, council: Council
) -> None:
    import datetime as dt

    from loket.council.services import mandate_register

    mandate_register(
        actor=secretary_actor,
        body_id=council.body.pk,
        first_name="Oud",
        last_name="Raadslid",
        role="councillor",
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2024, 12, 31),
    )
    page = client.get(f"/{council.body.municipality.slug}/bestuur/")
    graph = _rdfa(page.content.decode())

    holders = set(graph.subjects(RDF.type, URIRef(lblod.MANDAAT + "Mandataris")))
    names = {
        str(
            graph.value(
                graph.value(h, URIRef(lblod.MANDAAT + "isBestuurlijkeAliasVan")),
                URIRef(lblod.FOAF + "familyName"),
            )
        )
        for h in holders
    }
    assert names == {"Voorzitters", "Burgemeesters", "Raadslid"}
    assert "Oud" not in page.content.decode()


def test_the_minutes_say_who_was_present_at_the_start(client: Client, published: Meeting) -> None:
    graph = _rdfa(client.get(_url(published, "notulen")).content.decode())
    session = URIRef(_url_absolute(published))

    present = set(graph.objects(session, URIRef(lblod.BESLUIT + "heeftAanwezigeBijStart")))
    absent = set(graph.objects(session, URIRef(lblod.EXT + "heeftAfwezigeBijStart")))
    assert len(present) == 2
    assert len(absent) == 1
    assert all(
        (m, RDF.type, URIRef(lblod.MANDAAT + "Mandataris")) in graph for m in present | absent
    )


def _url_absolute(meeting: Meeting) -> str:
    base = str(settings.LOKET_PUBLIC_URL).rstrip("/")
    return f"{base}/{meeting.municipality.slug}/bestuur/zittingen/{meeting.pk}/"
