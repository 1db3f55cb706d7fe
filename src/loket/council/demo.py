"""The council's demo data. In Kortrijk, the municipal council and the college with their
members, parties and mandates, two meetings that were held (decisions, votes per member and
by counts, a closed item, an item that decides a demo case) and are published, an upcoming
meeting whose agenda is published, a live stream and a recording, and the demo councillor's
account linked to its member. In every other demo municipality, a council of five members
and two published meetings with their decisions and votes, written in the municipality's
first official language (the French-speaking communes of Brussels in French).

Idempotent: nothing is added to a municipality whose council already has meetings. Runs
through the services as the municipality's secretary would; the decision list and minutes
are signed with the demo certificate that the decisions demo gives every municipality.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loket.accounts.models import User
from loket.cases.models import Case
from loket.council.demo_texts import OTHER_MEETINGS, SECOND_KORTRIJK_MEETING, DemoItem, members_of
from loket.council.linked_data import content_language
from loket.council.models import BodyKind, Mandate, Meeting, Member
from loket.council.services import (
    agenda_item_add,
    attendance_record,
    body_create,
    body_livestream_set,
    item_treatment_record,
    mandate_register,
    meeting_create,
    meeting_links_set,
    meeting_transition,
    vote_record,
)
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

DEMO_NIS_CODE = "34022"  # Kortrijk
COUNCILLOR_ACCOUNT = "kortrijk.councillor"  # Ilse Maes's account (the demo staff)
COUNCILLOR = ("Ilse", "Maes")
LIVESTREAM = "https://www.youtube.com/@stadkortrijk/live"
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
    body_livestream_set(actor=actor, body_id=council.pk, livestream_url=LIVESTREAM)
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


def _start(days: int, hour: int = 19, minute: int = 0) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )


def _held_meeting(actor: Actor, body_id: int, seats: list[Mandate], case: Case | None) -> None:
    start = _start(-21)
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
            topic="education",
        ),
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Aanvullend reglement op het wegverkeer: schoolstraat Marke",
            draft_decision="De gemeenteraad stelt de schoolstraat in voor de duur van het "
            "schooljaar.",
            case_id=case.pk if case is not None else None,
            topic="mobility",
        ),
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Personeelsaangelegenheid: tuchtdossier",
            draft_decision="Besloten ontwerpbeslissing.",
            is_public=False,
            topic="personnel",
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
    meeting_links_set(
        actor=actor,
        meeting_id=meeting.pk,
        recording_url=f"https://www.youtube.com/@stadkortrijk/gemeenteraad-{start:%Y-%m-%d}",
    )


def _simple_meeting(
    actor: Actor,
    body_id: int,
    seats: list[Mandate],
    *,
    start: dt.datetime,
    location: str,
    secretary: str,
    items: tuple[DemoItem, ...],
) -> None:
    """A meeting held and published: every item decided as drafted, votes by counts (a
    secret one for a closed item), everyone present."""
    meeting = meeting_create(
        actor=actor,
        body_id=body_id,
        planned_start=start,
        location=location,
        secretary_name=secretary,
    )
    added = [
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title=demo.title,
            description=demo.description,
            draft_decision=demo.decision,
            is_public=demo.public,
            topic=demo.topic,
        )
        for demo in items
    ]
    meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=MeetingStatus.AGENDA_PUBLISHED)
    meeting_transition(
        actor=actor,
        meeting_id=meeting.pk,
        to_status=MeetingStatus.HELD,
        started_at=start,
        ended_at=start + dt.timedelta(hours=1, minutes=35),
    )
    attendance_record(actor=actor, meeting_id=meeting.pk, present={s.pk for s in seats})
    for item, demo in zip(added, items, strict=True):
        item_treatment_record(
            actor=actor,
            item_id=item.pk,
            held_in_public=item.is_public,
            decision_title=item.title,
            decision_text=demo.decision,
        )
        vote_record(
            actor=actor,
            item_id=item.pk,
            subject=demo.vote,
            outcome="adopted",
            counts=(len(seats) - demo.against, demo.against, 0),
            is_secret=not demo.public,
        )
    for target in (MeetingStatus.DECISIONS_RECORDED, MeetingStatus.PUBLISHED):
        meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=target)


def _upcoming_meeting(actor: Actor, body_id: int) -> None:
    start = _start(10, minute=30)
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


def _kortrijk(municipality: Municipality) -> int:
    actor = _secretary(municipality)
    council_id, _college_id, seats = _bodies(actor, municipality)
    case = Case.objects.filter(municipality=municipality).order_by("pk").first()
    _simple_meeting(
        actor,
        council_id,
        seats,
        start=_start(-49),
        location="Raadzaal, Grote Markt 54",
        secretary=SECRETARY,
        items=SECOND_KORTRIJK_MEETING,
    )
    _held_meeting(actor, council_id, seats, case)
    _upcoming_meeting(actor, council_id)
    account = User.objects.filter(username=COUNCILLOR_ACCOUNT).first()
    if account is not None:
        Member.objects.filter(
            municipality=municipality, first_name=COUNCILLOR[0], last_name=COUNCILLOR[1]
        ).update(user=account)
    return 3


def _other(municipality: Municipality) -> int:
    actor = _secretary(municipality)
    language = content_language(municipality)
    council = body_create(actor=actor, municipality_id=municipality.pk, kind=BodyKind.COUNCIL)
    seats = [
        mandate_register(
            actor=actor,
            body_id=council.pk,
            first_name=first,
            last_name=last,
            role=role,
            starts_on=TERM_START,
            new_party=party,
        )
        for first, last, party, role in members_of(municipality.pk, language)
    ]
    texts = OTHER_MEETINGS[language]
    for days, items in ((-42, texts[0]), (-14, texts[1])):
        _simple_meeting(
            actor,
            council.pk,
            seats,
            start=_start(days, hour=20),
            location=texts[2] % {"name": municipality.name_in(language)},
            secretary=texts[3],
            items=items,
        )
    return 2


@transaction.atomic
def council_demo_load() -> CouncilDemoResult:
    result = CouncilDemoResult()
    for municipality in Municipality.objects.select_related("region").order_by("nis_code"):
        if Meeting.objects.filter(municipality=municipality).exists():
            continue
        if municipality.nis_code == DEMO_NIS_CODE:
            result.meetings += _kortrijk(municipality)
        else:
            result.meetings += _other(municipality)
        result.mandates += Mandate.objects.filter(municipality=municipality).count()
    return result
