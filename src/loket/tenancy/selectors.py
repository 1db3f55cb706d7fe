"""Reads of tenancy data, scoped to what the actor may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from loket.tenancy.access import Actor
from loket.tenancy.geometry import boundary_index
from loket.tenancy.models import Department, Membership, Municipality, Region
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.accounts.models import User


def regions_public() -> QuerySet[Region]:
    return Region.objects.all()


def municipalities_public() -> QuerySet[Municipality]:
    """Municipality names, codes and boundaries are public information."""
    return Municipality.objects.select_related("region")


def municipalities_in_region(*, region: Region) -> QuerySet[Municipality]:
    return municipalities_public().filter(region=region)


def municipality_at_point(*, latitude: float, longitude: float) -> Municipality | None:
    """The municipality whose boundary contains the point (None outside every boundary)."""

    municipality_id = boundary_index().municipality_id_at(longitude=longitude, latitude=latitude)
    if municipality_id is None:
        return None
    return Municipality.objects.filter(pk=municipality_id).first()


def departments_public(*, municipality: Municipality) -> QuerySet[Department]:
    return Department.objects.filter(municipality=municipality).order_by("name_nl")


def departments_visible_to(*, actor: Actor) -> QuerySet[Department]:
    """Departments of the municipalities where the actor may view tenancy data."""
    municipality_ids = actor.municipality_ids(Permission.TENANCY_VIEW)
    region_ids = actor.region_ids(Permission.TENANCY_VIEW)
    return (
        Department.objects.filter(municipality_id__in=municipality_ids)
        | Department.objects.filter(municipality__isnull=True, region_id__in=region_ids)
    ).select_related("municipality", "region")


def memberships_visible_to(*, actor: Actor) -> QuerySet[Membership]:
    municipality_ids = actor.municipality_ids(Permission.TENANCY_MANAGE)
    region_ids = actor.region_ids(Permission.TENANCY_MANAGE)
    return (
        Membership.objects.filter(municipality_id__in=municipality_ids)
        | Membership.objects.filter(municipality__isnull=True, region_id__in=region_ids)
    ).select_related("user", "municipality", "department", "region")


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """A staff member's own memberships (shown to themselves)."""
    return (
        Membership.objects.filter(user=user)
        .select_related("municipality", "department", "region")
        .order_by("region__slug", "municipality__name_nl", "role")
    )


def municipalities_managed_by(*, actor: Actor) -> QuerySet[Municipality]:
    """The municipalities whose own data (contact details, hours) the actor may change."""
    return municipalities_public().filter(pk__in=actor.municipality_ids(Permission.TENANCY_MANAGE))


def municipality_get_managed(*, actor: Actor, municipality_id: int) -> Municipality | None:
    """None for another administrator's municipality exactly as for one that does not exist."""
    return municipalities_managed_by(actor=actor).filter(pk=municipality_id).first()
