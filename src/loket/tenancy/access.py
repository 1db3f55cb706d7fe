"""Who is acting, and what they may do where.

An `Actor` is built once per request (staff user, resident, API client or anonymous)
and handed to every selector and service. Region-wide grants are expanded to the
municipalities of the region, so a check is a set lookup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef

from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import (
    DEPARTMENT_BOUND,
    ROLE_ONLY,
    Permission,
    permissions_for_role,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from loket.accounts.models import User


class ActorKind(StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"
    INTEGRATION = "integration"
    ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    user: User | None = None
    person_id: int | None = None
    api_client_id: int | None = None
    # permission code -> ids of the municipalities where it is granted
    municipality_grants: dict[Permission, frozenset[int]] = field(default_factory=dict)
    # permission code -> ids of the regions where it is granted region-wide
    region_grants: dict[Permission, frozenset[int]] = field(default_factory=dict)
    department_ids: frozenset[int] = frozenset()
    # permission -> ids of the departments where a department membership grants it
    department_grants: dict[Permission, frozenset[int]] = field(default_factory=dict)
    # permission -> ids of the municipalities where only department memberships grant it
    department_bound: dict[Permission, frozenset[int]] = field(default_factory=dict)
    # a staff member's memberships with their region, municipality and department, read in
    # the same statement as the grants (the back office shows them on every page)
    memberships: tuple[Membership, ...] = ()

    @property
    def is_staff(self) -> bool:
        return self.kind is ActorKind.STAFF

    @property
    def is_resident(self) -> bool:
        return self.kind is ActorKind.RESIDENT

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    def has(self, permission: Permission, municipality_id: int | None = None) -> bool:
        """Granted anywhere (no municipality given) or in that municipality."""
        granted = self.municipality_grants.get(permission, frozenset())
        if municipality_id is None:
            return bool(granted)
        return municipality_id in granted

    def has_for_department(
        self, permission: Permission, municipality_id: int, department_id: int | None
    ) -> bool:
        """Granted for the work of a department (or of none) in that municipality.

        A code of `DEPARTMENT_BOUND` held there only through department memberships covers
        the work of those departments alone; every other grant covers the municipality.
        """
        if not self.has(permission, municipality_id):
            return False
        if permission not in DEPARTMENT_BOUND or municipality_id not in self.department_bound.get(
            permission, frozenset()
        ):
            return True
        return department_id in self.department_grants.get(permission, frozenset())

    def municipality_ids(self, permission: Permission) -> frozenset[int]:
        return self.municipality_grants.get(permission, frozenset())

    def region_ids(self, permission: Permission) -> frozenset[int]:
        """Regions where the permission is granted on the region itself (region-wide)."""
        return self.region_grants.get(permission, frozenset())


ANONYMOUS = Actor(kind=ActorKind.ANONYMOUS)


def _region_members(region_ids: Iterable[int]) -> dict[int, set[int]]:
    """The municipality ids of each region."""
    region_members: dict[int, set[int]] = defaultdict(set)
    region_ids = set(region_ids)
    if region_ids:
        for member_id, member_region_id in Municipality.objects.filter(
            region_id__in=region_ids
        ).values_list("id", "region_id"):
            region_members[member_region_id].add(member_id)
    return region_members


def _grants_from(
    scopes: Iterable[tuple[str, int, int | None]],
    region_members: dict[int, set[int]] | None = None,
) -> tuple[dict[Permission, frozenset[int]], dict[Permission, frozenset[int]]]:
    """Expand (role, region id, municipality id or None) scopes into grant maps; the
    municipalities of the regions are read unless `region_members` gives them."""
    scopes = list(scopes)
    if region_members is None:
        region_members = _region_members(
            region_id for _, region_id, municipality_id in scopes if municipality_id is None
        )
    municipalities: dict[Permission, set[int]] = defaultdict(set)
    regions: dict[Permission, set[int]] = defaultdict(set)
    for role, region_id, municipality_id in scopes:
        for permission in permissions_for_role(role):
            if municipality_id is None:
                municipalities[permission] |= region_members[region_id]
                regions[permission].add(region_id)
            else:
                municipalities[permission].add(municipality_id)
    return (
        {code: frozenset(ids) for code, ids in municipalities.items()},
        {code: frozenset(ids) for code, ids in regions.items()},
    )


def actor_for_user(user: User) -> Actor:
    """The actor of a signed-in staff member, with the grants of all their memberships."""
    # One statement: the memberships with their names (shown on every back-office page)
    # and, for a region-wide membership, the ids of the region's municipalities.
    rows = list(
        Membership.objects.filter(user=user)
        .select_related("region", "municipality", "department")
        .annotate(
            region_municipality_ids=ArraySubquery(
                Municipality.objects.filter(region_id=OuterRef("region_id")).values("id")
            )
        )
        .order_by("region__slug", "municipality__name_nl", "role")
    )
    if user.is_superuser:
        all_municipalities = frozenset(Municipality.objects.values_list("id", flat=True))
        all_regions = frozenset(Municipality.objects.values_list("region_id", flat=True))
        codes = [code for code in Permission if code not in ROLE_ONLY]
        return Actor(
            kind=ActorKind.STAFF,
            user=user,
            municipality_grants=dict.fromkeys(codes, all_municipalities),
            region_grants=dict.fromkeys(codes, all_regions),
            memberships=tuple(rows),
        )
    region_members: dict[int, set[int]] = {
        row.region_id: set(row.region_municipality_ids or ()) for row in rows
    }
    memberships = [
        (row.role, row.region_id, row.municipality_id, row.department_id) for row in rows
    ]
    municipality_grants, region_grants = _grants_from(
        ((role, region_id, municipality_id) for role, region_id, municipality_id, _ in memberships),
        region_members,
    )
    wide_grants, _ = _grants_from(
        ((r, g, m) for r, g, m, d in memberships if d is None), region_members
    )
    department_grants: dict[Permission, set[int]] = defaultdict(set)
    for role, *_, department_id in memberships:
        for permission in permissions_for_role(role) if department_id is not None else ():
            department_grants[permission].add(department_id)
    return Actor(
        kind=ActorKind.STAFF,
        user=user,
        municipality_grants=municipality_grants,
        region_grants=region_grants,
        department_ids=frozenset(d for *_, d in memberships if d is not None),
        department_grants={code: frozenset(ids) for code, ids in department_grants.items()},
        department_bound={
            code: ids - wide_grants.get(code, frozenset())
            for code, ids in municipality_grants.items()
            if code in department_grants
        },
        memberships=tuple(rows),
    )


def actor_for_api_client(
    *, client_id: int, role: str, region_id: int, municipality_id: int | None
) -> Actor:
    municipality_grants, region_grants = _grants_from([(role, region_id, municipality_id)])
    return Actor(
        kind=ActorKind.INTEGRATION,
        api_client_id=client_id,
        municipality_grants=municipality_grants,
        region_grants=region_grants,
    )


def actor_for_resident(person_id: int) -> Actor:
    return Actor(kind=ActorKind.RESIDENT, person_id=person_id)


def actor_from_request(request: HttpRequest) -> Actor:
    """The actor behind a web request (cached on the request)."""
    cached: Actor | None = getattr(request, "_loket_actor", None)
    if cached is not None:
        return cached
    actor = ANONYMOUS
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        actor = actor_for_user(user)
    else:
        person_id = getattr(request, "resident_person_id", None)
        if person_id is not None:
            actor = actor_for_resident(person_id)
    request._loket_actor = actor  # type: ignore[attr-defined]
    return actor


ViewFunction = TypeVar("ViewFunction", bound=Callable[..., Any])


class Access(StrEnum):
    """Declarations of an endpoint or view that needs no permission code."""

    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed-in"  # any signed-in caller, whatever their permissions


SIGNED_IN = Access.SIGNED_IN
ACCESS_ATTRIBUTE = "loket_access"


def access_of(view: Callable[..., Any]) -> tuple[Permission, ...] | Access | None:
    """What a view or endpoint declared: its permission codes, PUBLIC or SIGNED_IN (None
    when it declared nothing)."""
    declared: tuple[Permission, ...] | Access | None = getattr(view, ACCESS_ATTRIBUTE, None)
    return declared


def access_declare(view: ViewFunction, declared: tuple[Permission, ...] | Access) -> ViewFunction:
    setattr(view, ACCESS_ATTRIBUTE, declared)
    return view


def access_codes(codes: tuple[Permission | Access, ...]) -> tuple[Permission, ...] | Access:
    """The declaration behind `@permission_required(...)`/`@requires(...)`: at least one
    permission code, or SIGNED_IN alone. An empty declaration is refused at import."""
    if codes == (SIGNED_IN,):
        return SIGNED_IN
    permissions = tuple(code for code in codes if isinstance(code, Permission))
    if not permissions or len(permissions) != len(codes):
        raise TypeError(
            "declare at least one Permission, or SIGNED_IN alone (for any signed-in caller)"
        )
    return permissions


def public(view: ViewFunction) -> ViewFunction:
    """Declare a view or API endpoint open to everyone (an API endpoint also needs
    `auth=None`; the architecture tests check both agree)."""
    return access_declare(view, Access.PUBLIC)


def permission_required(*codes: Permission | Access) -> Callable[[ViewFunction], ViewFunction]:
    """Declare the permission codes a back-office view needs (in at least one municipality),
    or SIGNED_IN for any signed-in staff member.

    Anonymous visitors are sent to the staff sign-in page; signed-in staff without the
    codes get 403. Per-object checks happen in selectors, which answer 404.
    """
    declared = access_codes(codes)
    permissions = declared if isinstance(declared, tuple) else ()

    def decorator(view: ViewFunction) -> ViewFunction:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            actor = actor_from_request(request)
            if not actor.is_staff:
                return redirect_to_login(request.get_full_path())
            if not all(actor.has(code) for code in permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permissions = permissions  # type: ignore[attr-defined]
        return access_declare(wrapper, declared)  # type: ignore[return-value]

    return decorator
