"""What the published pages write as RDFa: the identifiers and literal forms of
loket.council.linked_data, ready for the templates (templates/council/public/document.html),
so that the pages and the JSON-LD state the same things."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import XSD, Literal, URIRef

from loket.council.linked_data import (
    BESLUIT,
    BODY_CLASSIFICATION,
    DOCUMENT_LINKS,
    DOCUMENT_TYPES,
    LANGUAGES,
    MUNICIPALITY_CLASSIFICATION,
    RDFA_PREFIXES,
    DocumentKind,
    Names,
    body_label,
    content_language,
    vote_result,
)
from loket.council.models import AgendaItem, Attendance, Mandate, Meeting, Vote


def _lexical(value: object, datatype: URIRef) -> str:
    return str(Literal(value, datatype=datatype))


@dataclass(frozen=True)
class MandateRow:
    mandate: Mandate
    uri: str
    person_uri: str
    membership_uri: str
    party_uri: str


def mandate_row(names: Names, mandate: Mandate) -> MandateRow:
    return MandateRow(
        mandate=mandate,
        uri=names.mandate(mandate.pk),
        person_uri=names.person(mandate.member_id),
        membership_uri=names.membership(mandate.pk),
        party_uri=names.party(mandate.party_id) if mandate.party_id else "",
    )


@dataclass(frozen=True)
class CastRow:
    holder: MandateRow
    property: str
    choice: str
    choice_label: str


@dataclass(frozen=True)
class VoteRow:
    vote: Vote
    uri: str
    result: str
    casts: list[CastRow]


@dataclass(frozen=True)
class ItemRow:
    item: AgendaItem
    uri: str
    previous_uri: str
    draft_uri: str
    treatment_uri: str
    previous_treatment_uri: str
    decision_uri: str
    votes: list[VoteRow]


@dataclass(frozen=True)
class DocumentView:
    """A published document with the identifiers and literal forms its RDFa writes."""

    kind: DocumentKind
    meeting: Meeting
    language: str
    prefixes: str
    document_uri: str
    document_type: str
    document_link: str
    published_on: str
    session_uri: str
    planned_start: str
    started_at: str
    ended_at: str
    unit_uri: str
    unit_label: str
    unit_classification: str
    area_uri: str
    body_uri: str
    body_label: str
    body_classification: str
    body_in_period_uri: str
    language_uri: str
    chair: MandateRow | None
    present: list[MandateRow]
    absent: list[MandateRow]
    secretary_uri: str
    items: list[ItemRow]


_CAST_CURIES = {
    "for": "besluit:heeftVoorstander",
    "against": "besluit:heeftTegenstander",
    "abstain": "besluit:heeftOnthouder",
}


def document_view(
    *,
    meeting: Meeting,
    items: list[AgendaItem],
    kind: DocumentKind,
    attendances: Sequence[Attendance] = (),
) -> DocumentView:
    """What the page of one published document shows and annotates; `items` are the
    public items only."""
    names = Names(meeting.municipality)
    language = content_language(meeting.municipality)
    published = meeting.agenda_published_at if kind is DocumentKind.AGENDA else meeting.published_at
    rows: list[ItemRow] = []
    previous, previous_treatment = "", ""
    for item in items:
        treated = kind is not DocumentKind.AGENDA and item.treated_at is not None
        rows.append(
            ItemRow(
                item=item,
                uri=names.item(meeting, item.pk),
                previous_uri=previous,
                draft_uri=names.draft(meeting, item.pk),
                treatment_uri=names.treatment(meeting, item.pk) if treated else "",
                previous_treatment_uri=previous_treatment if treated else "",
                decision_uri=names.decision(meeting, item.pk),
                votes=[
                    VoteRow(
                        vote=vote,
                        uri=names.vote(meeting, vote.pk),
                        result=vote_result(vote, language),
                        casts=[
                            CastRow(
                                holder=mandate_row(names, cast.mandate),
                                property=_CAST_CURIES[cast.choice],
                                choice=cast.choice,
                                choice_label=str(cast.get_choice_display()),
                            )
                            for cast in vote.casts.all()
                        ],
                    )
                    for vote in (item.votes.all() if treated else [])
                ],
            )
        )
        previous = names.item(meeting, item.pk)
        if treated:
            previous_treatment = names.treatment(meeting, item.pk)
    body = meeting.body
    held = kind is not DocumentKind.AGENDA
    return DocumentView(
        kind=kind,
        meeting=meeting,
        language=language,
        prefixes=RDFA_PREFIXES,
        document_uri=names.document(meeting, kind),
        document_type=str(DOCUMENT_TYPES[kind]),
        document_link="besluit:" + DOCUMENT_LINKS[kind].removeprefix(str(BESLUIT)),
        published_on=_lexical(published.date(), XSD.date) if published else "",
        session_uri=names.meeting(meeting),
        planned_start=_lexical(meeting.planned_start, XSD.dateTime),
        started_at=_lexical(meeting.started_at, XSD.dateTime)
        if held and meeting.started_at
        else "",
        ended_at=_lexical(meeting.ended_at, XSD.dateTime) if held and meeting.ended_at else "",
        unit_uri=names.unit,
        unit_label=meeting.municipality.name_in(language),
        unit_classification=str(MUNICIPALITY_CLASSIFICATION),
        area_uri=names.area,
        body_uri=names.body(body),
        body_label=body_label(body, language),
        body_classification=str(BODY_CLASSIFICATION[body.kind]),
        body_in_period_uri=names.body_in_period(body, meeting.planned_start.date()),
        language_uri=str(LANGUAGES[language]),
        chair=mandate_row(names, meeting.chair) if held and meeting.chair is not None else None,
        present=[mandate_row(names, a.mandate) for a in attendances if held and a.present],
        absent=[mandate_row(names, a.mandate) for a in attendances if held and not a.present],
        secretary_uri=names.secretary(meeting),
        items=rows,
    )
