"""The participation part of the isolation matrix's world: an idea of the victim waiting
for moderation (not public), a published idea of the victim municipality (public, the one
another idea could be merged into), and an idea of the attacker's own municipality."""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.notify.after_service import ServiceKind
from loket.participation.panel.services import (
    panel_interest_save,
    panel_join,
    research_activity_create,
    research_invite,
)
from loket.participation.services import idea_moderate, idea_propose, satisfaction_invite
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident


@dataclass
class ParticipationWorld:
    victim: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    own: dict[str, str] = field(default_factory=dict)


def participation_world(
    *, actor: Actor, victim: Person, own_resident: Person
) -> ParticipationWorld:
    secret_title = "Veerles geheime voorstel"
    secret_body = "Een hondenweide achter het huis van Veerle."
    waiting = idea_propose(
        actor=actor_for_resident(victim.pk), title=secret_title, body=secret_body
    )
    public = idea_propose(
        actor=actor_for_resident(victim.pk), title="Meer fietsenstallingen", body="Aan het station."
    )
    idea_moderate(actor=actor, idea_id=public.pk, to_status="published")
    own = idea_propose(
        actor=actor_for_resident(own_resident.pk), title="Een zitbank", body="Op de markt."
    )
    question = satisfaction_invite(
        kind=ServiceKind.CASE,
        reference="world-victim",
        municipality_id=victim.municipality_id,
        person_id=victim.pk,
        subject_name="Bewonerskaart",
    )
    assert question is not None
    interest = panel_interest_save(
        actor=actor,
        municipality_id=victim.municipality_id,
        name_nl="Formulieren testen",
        name_fr="Tester des formulaires",
        name_en="Testing forms",
    )
    panel_join(actor=actor_for_resident(victim.pk), interest_ids=[interest.pk])
    activity = research_activity_create(
        actor=actor,
        municipality_id=victim.municipality_id,
        kind="form_test",
        title="Test van het nieuwe verhuisformulier",
        description="Een half uur op het gemeentehuis.",
    )
    research_invite(actor=actor, activity_id=activity.pk, person_ids=[victim.pk])
    invitation = activity.invitations.get()
    return ParticipationWorld(
        victim={
            "idea": str(waiting.pk),
            "published_idea": str(public.pk),
            "satisfaction_invitation": str(question.pk),
            "research_activity": str(activity.pk),
            "research_invitation": str(invitation.pk),
        },
        secrets=[secret_title, secret_body],
        own={"idea": str(own.pk)},
    )
