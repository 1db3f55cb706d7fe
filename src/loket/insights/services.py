"""Writes of the dashboards: a municipality's channel targets."""

from __future__ import annotations

from django.db import transaction

from loket.insights.models import ChannelTargets
from loket.insights.selectors import municipality_get_manageable
from loket.tenancy.access import Actor


@transaction.atomic
def channel_targets_save(
    *, actor: Actor, municipality_id: int, digital: int, phone: int, counter: int, home_visit: int
) -> ChannelTargets:
    """Set the targets of a municipality where the actor holds `insights.manage` (404
    otherwise); the four shares must make 100 (checked by the database too)."""
    municipality = municipality_get_manageable(actor=actor, municipality_id=municipality_id)
    targets, _created = ChannelTargets.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    targets.digital, targets.phone, targets.counter, targets.home_visit = (
        digital,
        phone,
        counter,
        home_visit,
    )
    targets.updated_by = actor.user
    targets.full_clean()
    targets.save()
    return targets
