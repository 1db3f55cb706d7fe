"""``GET /me``: who the caller is — a resident's own register data, a staff member's
memberships, or an API client's scope."""

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError

from loket.accounts.models import ApiClient, User
from loket.api.auth import actor_of, api_client_of
from loket.api.permissions import SIGNED_IN, requires
from loket.people.api import ResidentDetail
from loket.people.models import Person
from loket.people.selectors import household_of, person_get_visible
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.selectors import memberships_of_user

router = Router(tags=["me"])


class HouseholdMember(Schema):
    id: int
    first_names: str
    last_name: str
    birth_date: dt.date | None


class MeResident(ResidentDetail):
    children: list[HouseholdMember]

    @staticmethod
    def resolve_children(person: Person) -> list[Person]:
        return household_of(person=person)["children"]


class MeMembership(Schema):
    role: str
    region_slug: str
    municipality_nis_code: str | None
    department_code: str | None


class MeStaff(Schema):
    username: str
    first_name: str
    last_name: str
    email: str
    preferred_language: str
    memberships: list[MeMembership]
    permissions: list[str]


class MeIntegration(Schema):
    name: str
    role: str
    region_slug: str
    municipality_nis_code: str | None
    permissions: list[str]


class Me(Schema):
    kind: Literal["resident", "staff", "integration"]
    resident: MeResident | None = None
    staff: MeStaff | None = None
    integration: MeIntegration | None = None


@dataclass(frozen=True)
class _Caller:
    """What `Me` is read from (the resident as a model, so its resolvers apply)."""

    kind: str
    resident: Person | None = None
    staff: MeStaff | None = None
    integration: MeIntegration | None = None


@router.get("/me", response=Me)
@requires(SIGNED_IN)
def me(request: HttpRequest) -> _Caller:
    """The signed-in resident, staff member or API client."""
    actor = actor_of(request)
    if actor.kind is ActorKind.RESIDENT and actor.person_id is not None:
        person = person_get_visible(actor=actor, person_id=actor.person_id)
        return _Caller(kind="resident", resident=person)
    if actor.kind is ActorKind.STAFF and actor.user is not None:
        return _Caller(kind="staff", staff=_staff(actor, actor.user))
    client = api_client_of(request)
    if client is None:
        raise AuthenticationError
    return _Caller(kind="integration", integration=_integration(actor, client))


def _staff(actor: Actor, user: User) -> MeStaff:
    return MeStaff(
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        preferred_language=user.preferred_language,
        memberships=[
            MeMembership(
                role=membership.role,
                region_slug=membership.region.slug,
                municipality_nis_code=(
                    membership.municipality.nis_code if membership.municipality else None
                ),
                department_code=membership.department.code if membership.department else None,
            )
            for membership in memberships_of_user(user=user)
        ],
        permissions=_permission_codes(actor),
    )


def _integration(actor: Actor, client: ApiClient) -> MeIntegration:
    return MeIntegration(
        name=client.name,
        role=client.role,
        region_slug=client.region.slug,
        municipality_nis_code=client.municipality.nis_code if client.municipality else None,
        permissions=_permission_codes(actor),
    )


def _permission_codes(actor: Actor) -> list[str]:
    return sorted(str(code) for code, ids in actor.municipality_grants.items() if ids)
