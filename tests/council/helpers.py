"""A council to test with: the bodies of a municipality, members with parties and
mandates, and meetings at every step of their lifecycle (through the real services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loket.council.models import AgendaItem, BodyKind, GoverningBody, Mandate, Meeting
from loket.council.services import (
    agenda_item_add,
    attendance_record,
    body_create,
    item_treatment_record,
    mandate_add,
    meeting_create,
    meeting_transition,
    member_create,
    party_create,
    vote_record,
)
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import Actor

PLANNED = dt.datetime(2026, 3, 9, 19, 0, tzinfo=dt.UTC)


@dataclass
class Council:
    body: GoverningBody
    mandates: list[Mandate]


def council_make(actor: Actor, municipality_id: int) -> Council:
    body = body_create(actor=actor, municipality_id=municipality_id, kind=BodyKind.COUNCIL)
    green = party_create(actor=actor, municipality_id=municipality_id, name="Groen Dorp")
    blue = party_create(actor=actor, municipality_id=municipality_id, name="Blauw Plein")
    mandates = []
    for first, last, role, party in (
        ("Anna", "Voorzitters", "chair", green),
        ("Bert", "Burgemeesters", "mayor", blue),
        ("Chris", "Raadslid", "councillor", green),
    ):
        member = member_create(
            actor=actor, municipality_id=municipality_id, first_name=first, last_name=last
        )
        mandates.append(
            mandate_add(
                actor=actor,
                body_id=body.pk,
                member_id=member.pk,
                role=role,
                party_id=party.pk,
                starts_on=dt.date(2025, 1, 1),
            )
        )
    return Council(body=body, mandates=mandates)


def meeting_make(
    actor: Actor,
    council: Council,
    *,
    status: str = MeetingStatus.DRAFT,
    closed_item: bool = True,
) -> Meeting:
    """A meeting with a public item (and a closed one), brought to `status`."""
    meeting = meeting_create(
        actor=actor,
        body_id=council.body.pk,
        planned_start=PLANNED,
        location="Raadzaal",
        chair_id=council.mandates[0].pk,
        secretary_name="Dirk Directeur",
    )
    agenda_item_add(
        actor=actor,
        meeting_id=meeting.pk,
        title="Budget for the new playground",
        description="The college proposes a budget.",
        draft_decision="The council approves the budget.",
    )
    if closed_item:
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title="Personnel matter of a named employee",
            draft_decision="Secret draft decision on the employee.",
            is_public=False,
        )
    order = [
        MeetingStatus.AGENDA_PUBLISHED,
        MeetingStatus.HELD,
        MeetingStatus.DECISIONS_RECORDED,
        MeetingStatus.PUBLISHED,
    ]
    for target in order[: order.index(status) + 1] if status != MeetingStatus.DRAFT else []:
        if target == MeetingStatus.DECISIONS_RECORDED:
            for item in AgendaItem.objects.filter(meeting=meeting):
                record(actor, council, item)
        meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=target)
        if target == MeetingStatus.HELD:  # the councillor came late
            attendance_record(
                actor=actor,
                meeting_id=meeting.pk,
                present={council.mandates[0].pk, council.mandates[1].pk},
            )
    meeting.refresh_from_db()
    return meeting


def record(actor: Actor, council: Council, item: AgendaItem) -> None:
    item_treatment_record(
        actor=actor,
        item_id=item.pk,
        held_in_public=item.is_public,
        decision_title=f"Decision: {item.title}",
        decision_text=f"Decided on {item.title}.",
        discussion="Discussed.",
    )
    vote_record(
        actor=actor,
        item_id=item.pk,
        subject=f"Vote on {item.title}",
        outcome="adopted",
        casts={
            council.mandates[0].pk: "for",
            council.mandates[1].pk: "for",
            council.mandates[2].pk: "against",
        },
    )
