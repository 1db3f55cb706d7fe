"""The waste part of the isolation matrix's world: a collection round of the victim
municipality and one of the attacker's own."""

from __future__ import annotations

from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.waste.models import Round
from loket.waste.services import waste_csv_import

CSV = (
    "zone,postal_code,street,fraction,first_date,interval_weeks\n"
    "{zone},{code},Kerkstraat,residual,2026-01-05,1\n"
)


def waste_world(
    *, kortrijk: Municipality, menen: Municipality
) -> tuple[dict[str, str], dict[str, str]]:
    """(victim keys, own keys): the round of each municipality."""
    ids = frozenset({kortrijk.pk, menen.pk})
    loader = Actor(kind=ActorKind.STAFF, municipality_grants={Permission.WASTE_MANAGE: ids})
    rounds = {}
    for municipality, zone, code in (
        (kortrijk, "Zone Kortrijk", "8500"),
        (menen, "Zone Menen", "8930"),
    ):
        waste_csv_import(
            actor=loader,
            municipality_id=municipality.pk,
            content=CSV.format(zone=zone, code=code),
        )
        rounds[municipality.pk] = Round.objects.get(municipality=municipality)
    return {"waste_round": str(rounds[kortrijk.pk].pk)}, {"waste_round": str(rounds[menen.pk].pk)}
