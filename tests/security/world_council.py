"""The council part of the isolation matrix's world: the victim municipality's council
with a party and a member, a meeting that was held (its agenda public) with a public item
and a closed one (whose title and draft decision are secrets, on the public pages too),
and the attacker's own council with a draft meeting and an item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loket.council.models import BodyKind
from loket.council.services import (
    agenda_item_add,
    body_create,
    mandate_register,
    meeting_create,
    meeting_transition,
)
from loket.council.workflow import MeetingStatus
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member

CLOSED_TITLE = "Tuchtdossier van een personeelslid"
CLOSED_DRAFT = "Geheime ontwerpbeslissing over het tuchtdossier"


@dataclass
class CouncilWorld:
    victim: dict[str, str] = field(default_factory=dict)
    own: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def _council(municipality: Municipality, *, held: bool) -> dict[str, str]:
    actor = actor_for_user(staff_member(municipality, Role.SECRETARY))
    body = body_create(actor=actor, municipality_id=municipality.pk, kind=BodyKind.COUNCIL)
    mandate = mandate_register(
        actor=actor,
        body_id=body.pk,
        first_name="Raf",
        last_name=f"Raadslid {municipality.name_nl}",
        role="chair",
        starts_on=dt.date(2025, 1, 1),
        new_party=f"Partij {municipality.name_nl}",
    )
    meeting = meeting_create(
        actor=actor, body_id=body.pk, planned_start=dt.datetime(2030, 3, 4, 19, tzinfo=dt.UTC)
    )
    item = agenda_item_add(actor=actor, meeting_id=meeting.pk, title="Begroting speelplein")
    if held:
        agenda_item_add(
            actor=actor,
            meeting_id=meeting.pk,
            title=CLOSED_TITLE,
            draft_decision=CLOSED_DRAFT,
            is_public=False,
        )
        for target in (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
            meeting_transition(actor=actor, meeting_id=meeting.pk, to_status=target)
    assert mandate.party_id is not None
    return {
        "council_body": str(body.pk),
        "council_party": str(mandate.party_id),
        "council_mandate": str(mandate.pk),
        "meeting": str(meeting.pk),
        "agenda_item": str(item.pk),
    }


def council_world(*, kortrijk: Municipality, menen: Municipality) -> CouncilWorld:
    return CouncilWorld(
        victim=_council(kortrijk, held=True),
        own=_council(menen, held=False),
        secrets=[CLOSED_TITLE, CLOSED_DRAFT],
    )
