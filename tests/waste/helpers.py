"""Rounds for the waste tests, made through the CSV import like staff do."""

from __future__ import annotations

from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.waste.services import waste_csv_import

HEADER = "zone,postal_code,street,fraction,first_date,interval_weeks\n"
# Kerkstraat (the factories' street): residual every Monday, PMD every other Tuesday.
KERKSTRAAT = (
    HEADER
    + "Zone A,8500,Kerkstraat,residual,2026-01-05,1\n"
    + "Zone A,8500,Kerkstraat,pmd,2026-01-13,2\n"
    + "Zone B,8500,Marktplein,paper,2026-01-08,4\n"
)


def manager_of(municipality: Municipality) -> Actor:
    return Actor(
        kind=ActorKind.STAFF,
        municipality_grants={Permission.WASTE_MANAGE: frozenset({municipality.pk})},
    )


def rounds_load(municipality: Municipality, content: str = KERKSTRAAT) -> None:
    waste_csv_import(
        actor=manager_of(municipality), municipality_id=municipality.pk, content=content
    )
