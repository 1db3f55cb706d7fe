"""The participation part of the isolation matrix's world: an idea of the victim waiting
for moderation (not public), a published idea of the victim municipality (public, the one
another idea could be merged into), and an idea of the attacker's own municipality."""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.participation.services import idea_moderate, idea_propose
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
    return ParticipationWorld(
        victim={"idea": str(waiting.pk), "published_idea": str(public.pk)},
        secrets=[secret_title, secret_body],
        own={"idea": str(own.pk)},
    )
