"""The council's demo data: in Kortrijk, the municipal council and the college with their
members, parties and mandates, a meeting that was held (decisions, votes per member and
by counts, a closed item, an item that decides a demo case) and is published, and an
upcoming meeting whose agenda is published.

Idempotent: nothing is added to a municipality whose council already has meetings. Runs
through the services as the municipality's secretary would; the decision list and minutes
are signed with the demo certificate that the decisions demo gives every municipality.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.cases.models import Case
from loket.council.models import AgendaItem, BodyKind, Mandate, Meeting
from loket.council.services import (
    agenda_item_add,
    attendance_record,
    body_create,
    item_treatment_record,
    mandate_register,
    meeting_create,
    meeting_transition,
    vote_record,
)
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

DEMO_NIS_CODE = "34022"  # Kortrijk
TERM_START = dt.date(2025, 1, 2)
SECRETARY = "Geert Dewaele"
# (first name, last name, party, role in the council, role in the college or "")
MEMBERS = (
    ("Annelies", "Vandenbulcke", "Groen Leiedal", "chair", ""),
    ("Wouter", "Declercq", "Samen Kortrijk", "councillor", "mayor"),
    ("Sarah", "Depoorter", "Samen Kortrijk", "councillor", "alderman"),
    ("Jens", "Vermeulen", "Groen Leiedal", "councillor", "alderman"),
    ("Ilse", "Maes", "Samen Kortrijk", "councillor", ""),
    ("Koen", "Pattyn", "Open Stad", "councillor", ""),
    ("Fatima", "El Amrani", "Open Stad", "councillor", ""),
)


@dataclass
class CouncilDemoResult:
    meetings: int = 0
    mandates: int = 0


def _secretary(municipality: Municipality) -> Actor:
    """The demo's set-up acts as the municipality's secretary would."""
    grants = frozenset({municipality.pk})
    return Actor(
        kind=ActorKind.STAFF,
        municipality_grants={
            code: grants
            for code in (
                Permission.COUNCIL_VIEW,
                Permission.COUNCIL_PREPARE,
                Permission.COUNCIL_RECORD,
                Permission.COUNCIL_MANAGE,
                Permission.CASES_VIEW,
                Permission.DECISIONS_SIGN,
                Permission.DOCUMENTS_UPLOAD,
            )
        },
    )


def _bodies(actor: Actor, municipality: Municipality) -> tuple[int, int, list[Mandate]]:
    council = body_create(actor=actor, municipality_id=municipality.pk, kind=BodyKind.COUNCIL)
    college = body_create(actor=actor, municipality_id=municipality.pk, kind=BodyKind.COLLEGE)
    seats: list[Mandate] = []
    for first, last, party, council_role, college_role in MEMBERS:
        for body_id, role in ((council.pk, council_role), (college.pk, college_role)):
            if role:
                mandate = mandate_register(
                    actor=actor,
                    body_id=body_id,
                    first_name=first,
                    last_name=last,
                    role=role,
                    starts_on=TERM_START,
                    new_party=party,
                )
                if body_id == council.pk:
                    seats.append(mandate)
    return council.pk, college.pk, seats


def _held_meeting(actor: Actor, body_id: int, seats: list[Mandate], case: Case | None) -> None:
    start = (timezone.now() - dt.timedelta(days=21)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    meeting = meeting_create(
        actor=actor,
        body_id=body_id,
        planned_start=start,
        location="Raadzaal, Grote Markt 54",
        secretary_name=SECRETARY,
    )
    items = [
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Goedkeuring van de notulen van de vorige zitting",
            draft_decision="De gemeenteraad keurt de notulen van de vorige zitting goed.",
        ),
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Aanleg van een nieuw speelplein in Heule",
            description="Het college stelt voor een speelplein aan te leggen op de site "
            "van de oude school.\nDe raming bedraagt 240.000 euro.",
            draft_decision="De gemeenteraad keurt het ontwerp en de raming van het "
            "speelplein goed.",
        ),
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Aanvullend reglement op het wegverkeer: schoolstraat Marke",
            draft_decision="De gemeenteraad stelt de schoolstraat in voor de duur van het "
            "schooljaar.",
            case_id=case.pk if case is not None else None,
        ),
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Personeelsaangelegenheid: tuchtdossier",
            draft_decision="Besloten ontwerpbeslissing.",
            is_public=False,
        ),
    ]
    meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=MeetingStatus.AGENDA_PUBLISHED)
    meeting_transition(
        actor=actor,
        meeting_id=meeting.pk,
        to_status=MeetingStatus.HELD,
        started_at=start,
        ended_at=start + dt.timedelta(hours=2, minutes=10),
    )
    # Everyone came but the last councillor, who sent apologies.
    attendance_record(actor=actor, meeting_id=meeting.pk, present={s.pk for s in seats[:-1]})
    against = {seat.pk for seat in seats if seat.party and seat.party.name == "Open Stad"}
    for item in items:
        item_treatment_record(
            actor=actor,
            item_id=item.pk,
            held_in_public=item.is_public,
            decision_title=item.title,
            decision_text=item.draft_decision,
            discussion="Het agendapunt wordt toegelicht door de bevoegde schepen."
            if item.is_public
            else "",
        )
        if item.position == 2:
            vote_record(
                actor=actor,
                item_id=item.pk,
                subject="Goedkeuring van het ontwerp van het speelplein",
                outcome="adopted",
                casts={seat.pk: "against" if seat.pk in against else "for" for seat in seats},
            )
        elif item.is_public:
            vote_record(
                actor=actor,
                item_id=item.pk,
                subject=f"Stemming over: {item.title}",
                outcome="adopted",
                counts=(len(seats), 0, 0),
            )
        else:
            vote_record(
                actor=actor,
                item_id=item.pk,
                subject="Geheime stemming",
                outcome="adopted",
                counts=(5, 1, 1),
                is_secret=True,
            )
    for target in (MeetingStatus.DECISIONS_RECORDED, MeetingStatus.PUBLISHED):
        meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=target)


def _upcoming_meeting(actor: Actor, body_id: int) -> None:
    start = (timezone.now() + dt.timedelta(days=10)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    meeting = meeting_create(
        actor=actor,
        body_id=body_id,
        planned_start=start,
        location="Raadzaal, Grote Markt 54",
        secretary_name=SECRETARY,
    )
    for title, draft in (
        ("Jaarrekening van het voorbije jaar", "De gemeenteraad stelt de jaarrekening vast."),
        (
            "Subsidiereglement voor jeugdverenigingen",
            "De gemeenteraad keurt het gewijzigde subsidiereglement goed.",
        ),
        (
            "Vraag van een raadslid over de verlichting van het fietspad langs de Leie",
            "",
        ),
    ):
        agenda_item_add(actor=actor, meeting_id=meeting.pk, title=title, draft_decision=draft)
    meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=MeetingStatus.AGENDA_PUBLISHED)


@transaction.atomic
def council_demo_load() -> CouncilDemoResult:
    result = CouncilDemoResult()
    municipality = Municipality.objects.filter(nis_code=DEMO_NIS_CODE).first()
    if municipality is None or Meeting.objects.filter(municipality=municipality).exists():
        return result
    actor = _secretary(municipality)
    council_id, _college_id, seats = _bodies(actor, municipality)
    case = Case.objects.filter(municipality=municipality).order_by("pk").first()
    _held_meeting(actor, council_id, seats, case)
    _upcoming_meeting(actor, council_id)
    result.meetings = 2
    result.mandates = Mandate.objects.filter(municipality=municipality).count()
    assert AgendaItem.objects.filter(municipality=municipality).count() == 7
    return result
