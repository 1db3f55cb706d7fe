"""Reads of tenancy data, scoped to what the actor may see."""

from __future__ import annotations

from django.db.models import QuerySet

from loket.accounts.models import User
from loket.tenancy.access import Actor
from loket.tenancy.geometry import boundary_index
from loket.tenancy.models import (
    Department,
    Membership,
    Municipality,
    Region,
    StaffAccessEvent,
)
from loket.tenancy.permissions import Permission


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


# Role administration: a municipal administrator's staff, memberships and audit trail. Every
# id is looked up within one municipality the actor manages (`municipality_get_managed`);
# anything else is None, exactly like an id nobody has.


def staff_of_municipality(*, actor: Actor, municipality: Municipality) -> QuerySet[User]:
    """The staff members with a role in `municipality` (none unless the actor manages it)."""
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        return User.objects.none()
    return (
        User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def staff_member_get_managed(
    *, actor: Actor, municipality: Municipality, user_id: int
) -> User | None:
    return staff_of_municipality(actor=actor, municipality=municipality).filter(pk=user_id).first()


def memberships_of_municipality(
    *, actor: Actor, municipality: Municipality
) -> QuerySet[Membership]:
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        return Membership.objects.none()
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user", "department")
        .order_by("user__last_name", "user__first_name", "user__username", "role", "pk")
    )


def membership_get_managed(
    *, actor: Actor, municipality: Municipality, membership_id: int
) -> Membership | None:
    return (
        memberships_of_municipality(actor=actor, municipality=municipality)
        .filter(pk=membership_id)
        .first()
    )


def department_get_managed(
    *, actor: Actor, municipality: Municipality, department_id: int
) -> Department | None:
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        return None
    return departments_public(municipality=municipality).filter(pk=department_id).first()


def staff_access_events_of(
    *, actor: Actor, municipality: Municipality
) -> QuerySet[StaffAccessEvent]:
    """The municipality's audit trail of roles and two-step verification, newest first."""
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        return StaffAccessEvent.objects.none()
    return StaffAccessEvent.objects.filter(municipality=municipality).select_related(
        "actor", "subject", "department"
    )


def staff_within_scope(*, actor: Actor, users: list[User]) -> set[int]:
    """The ids of those `users` whose every role lies in municipalities the actor manages
    (no region-wide role, no superuser, not the actor): only they may have their second
    factor reset by the actor. One query."""
    managed = actor.municipality_ids(Permission.TENANCY_MANAGE)
    scopes: dict[int, list[int | None]] = {}
    for user_id, municipality_id in Membership.objects.filter(user__in=users).values_list(
        "user_id", "municipality_id"
    ):
        scopes.setdefault(user_id, []).append(municipality_id)
    return {
        user.pk
        for user in users
        if not user.is_superuser
        and user.pk != actor.user_id
        and scopes.get(user.pk)
        and all(scope is not None and scope in managed for scope in scopes[user.pk])
    }


def staff_member_scope_within(*, actor: Actor, user: User) -> bool:
    """`staff_within_scope` for one staff member."""
    return user.pk in staff_within_scope(actor=actor, users=[user])
