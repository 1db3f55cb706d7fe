"""The activities endpoints under /api/v1: browse (public, for a municipality's website),
register children (a signed-in parent, idempotent), "my registrations", cancel, accept an
offered place; staff read a period's registrations and configure the offer.

A child, period or registration out of the caller's reach answers 404, in the body as in
the path.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, HeaderEx, P, Router, Schema, Status
from ninja.pagination import paginate

from loket.activities.models import Activity, ActivityKind, Period, Registration
from loket.activities.selectors import (
    activities_published,
    activity_get_published,
    activity_get_visible,
    period_get_visible,
    period_roster_read_for_purpose,
    periods_with_places,
    registration_get_visible,
    registrations_of_resident,
)
from loket.activities.services import (
    ActivityFields,
    IdempotencyConflict,
    activity_save,
    period_add,
    registration_cancel,
    registration_create,
    registration_create_for_parent,
    registration_offer_accept,
    waiting_rank,
)
from loket.activities.workflow import RegistrationStatus
from loket.api.auth import actor_of
from loket.api.errors import ApiError, ErrorCode, ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import SIGNED_IN, public, requires
from loket.audit.models import AccessChannel, AccessPurpose
from loket.tenancy.access import ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

router = Router(tags=["activities"])


class PeriodOut(Schema):
    id: int
    label: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int
    places_left: int = Field(description="Places neither offered nor confirmed.")
    waiting: int = Field(description="Children on the waiting list.")

    @staticmethod
    def resolve_places_left(period: Period) -> int:
        return max(period.capacity - int(getattr(period, "held", 0)), 0)

    @staticmethod
    def resolve_waiting(period: Period) -> int:
        return int(getattr(period, "waiting", 0))


class ActivityOut(Schema):
    id: int
    municipality_nis_code: str
    kind: ActivityKind
    title: str = Field(description="In the request's language, else another one.")
    description: str = Field(description="In the request's language, else another one.")
    title_nl: str
    title_fr: str
    title_en: str
    description_nl: str
    description_fr: str
    description_en: str
    location: str
    age_min: int | None
    age_max: int | None
    school_year_min: int | None
    school_year_max: int | None
    price_resident_cents: int
    price_non_resident_cents: int
    social_reduction_percent: int
    sibling_reduction_percent: int
    opens_residents_at: dt.datetime
    opens_everyone_at: dt.datetime
    closes_at: dt.datetime
    offer_hours: int
    payment_days: int

    @staticmethod
    def resolve_municipality_nis_code(activity: Activity) -> str:
        return activity.municipality.nis_code


class ActivityDetailOut(ActivityOut):
    periods: list[PeriodOut]

    @staticmethod
    def resolve_periods(activity: Activity) -> list[Period]:
        return list(periods_with_places(activity=activity))


class RegistrationIn(Schema):
    period_id: int
    child_id: int = Field(description="A child of the signed-in parent's household.")
    social_tariff: bool = False


class StaffRegistrationIn(Schema):
    parent_id: int = Field(description="A resident the caller may look up in the register.")
    child_id: int = Field(description="A child of that parent's household.")
    channel: Literal["counter", "phone"]
    social_tariff: bool = False


class RegistrationOut(Schema):
    id: int
    activity_id: int
    period_id: int
    child_id: int
    parent_id: int
    status: RegistrationStatus
    waiting_rank: int | None = Field(description="1 for the first on the waiting list.")
    is_resident: bool
    price_cents: int
    reductions: list[str]
    payment_request_id: int | None
    paid: bool
    channel: str = Field(description="online, or counter / phone: registered by staff.")
    offer_expires_at: dt.datetime | None
    payment_due_at: dt.datetime | None = Field(
        description="Unpaid by then (and before the period starts), the place is released."
    )
    created_at: dt.datetime

    @staticmethod
    def resolve_waiting_rank(registration: Registration) -> int | None:
        if registration.status != RegistrationStatus.WAITING:
            return None
        return waiting_rank(registration)

    @staticmethod
    def resolve_paid(registration: Registration) -> bool:
        return registration.paid_at is not None or registration.price_cents == 0


class ActivityIn(Schema):
    municipality_nis_code: str = Field(max_length=10)
    kind: ActivityKind
    title_nl: str = Field("", max_length=140, description="At least one title is required.")
    title_fr: str = Field("", max_length=140)
    title_en: str = Field("", max_length=140)
    description_nl: str = Field("", max_length=5000)
    description_fr: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
    location: str = Field("", max_length=200)
    age_min: int | None = Field(None, ge=0, le=99)
    age_max: int | None = Field(None, ge=0, le=99)
    school_year_min: int | None = Field(None, ge=-2, le=12)
    school_year_max: int | None = Field(None, ge=-2, le=12)
    price_resident_cents: int = Field(ge=0, le=10_000_000)
    price_non_resident_cents: int = Field(ge=0, le=10_000_000)
    social_reduction_percent: int = Field(0, ge=0, le=100)
    sibling_reduction_percent: int = Field(0, ge=0, le=100)
    opens_residents_at: dt.datetime
    opens_everyone_at: dt.datetime
    closes_at: dt.datetime
    offer_hours: int = Field(48, ge=1, le=720)
    is_published: bool = False
    payment_days: int = Field(
        7,
        ge=0,
        le=90,
        description="Days to pay for a confirmed place before it goes to the waiting list "
        "(0: never).",
    )


class PeriodIn(Schema):
    label: str = Field(min_length=1, max_length=100)
    starts_on: dt.date
    ends_on: dt.date
    capacity: int = Field(ge=0, le=10_000)


class RosterOut(RegistrationOut):
    child_first_names: str
    child_last_name: str
    child_birth_date: dt.date | None

    # An anonymised registration (loket.activities.retention) names no child.
    @staticmethod
    def resolve_child_first_names(registration: Registration) -> str:
        return registration.child.first_names if registration.child is not None else ""

    @staticmethod
    def resolve_child_last_name(registration: Registration) -> str:
        return registration.child.last_name if registration.child is not None else ""

    @staticmethod
    def resolve_child_birth_date(registration: Registration) -> dt.date | None:
        return registration.child.birth_date if registration.child is not None else None


@router.get("/activities", response=list[ActivityOut], auth=None)
@public
@paginate(PageNumberPagination)
def activity_list(request: HttpRequest, municipality_nis_code: str = "") -> list[Activity]:
    """Published activities, of one municipality when its NIS code is given."""
    municipality_id = None
    if municipality_nis_code:
        municipality = Municipality.objects.filter(nis_code=municipality_nis_code).first()
        municipality_id = municipality.pk if municipality is not None else 0
    return list(
        activities_published(municipality_id=municipality_id).order_by(
            "opens_everyone_at", "title_nl", "pk"
        )
    )


@router.post(
    "/activities/registrations",
    response={201: RegistrationOut, 200: RegistrationOut, 404: ErrorResponse, 409: ErrorResponse},
)
@requires(SIGNED_IN)
def registration_create_endpoint(
    request: HttpRequest,
    payload: RegistrationIn,
    idempotency_key: HeaderEx[
        str,
        P(
            alias="Idempotency-Key",
            max_length=100,
            description="Unique per attempt; sent again, it returns the registration made "
            "the first time.",
        ),
    ],
) -> Status[Registration]:
    """A signed-in parent registers a child of their household: 201 confirmed or on the
    waiting list; 200 when an earlier try with the same key made it."""
    actor = actor_of(request)
    if not actor.is_resident:
        raise PermissionDenied
    try:
        result = registration_create(
            actor=actor,
            period_id=payload.period_id,
            child_id=payload.child_id,
            idempotency_key=idempotency_key,
            social_tariff=payload.social_tariff,
        )
    except IdempotencyConflict as conflict:
        raise ApiError(
            status=409, code=ErrorCode.CONFLICT, message=" ".join(conflict.messages)
        ) from conflict
    return Status(201 if result.created else 200, result.registration)


@router.get("/activities/registrations/mine", response=list[RegistrationOut])
@requires(SIGNED_IN)
@paginate(PageNumberPagination)
def registrations_mine(request: HttpRequest) -> list[Registration]:
    """The signed-in parent's registrations, newest first."""
    actor = actor_of(request)
    if not actor.is_resident or actor.person_id is None:
        raise PermissionDenied
    return list(registrations_of_resident(actor=actor, person_id=actor.person_id))


@router.get(
    "/activities/registrations/{registration_id}",
    response={200: RegistrationOut, 404: ErrorResponse},
)
@requires(SIGNED_IN)
def registration_detail(request: HttpRequest, registration_id: int) -> Registration:
    return registration_get_visible(actor=actor_of(request), registration_id=registration_id)


@router.post(
    "/activities/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, 404: ErrorResponse},
)
@requires(SIGNED_IN)
def registration_cancel_endpoint(request: HttpRequest, registration_id: int) -> Registration:
    """Cancel: the place goes to the first on the waiting list."""
    actor = actor_of(request)
    registration = registration_get_visible(actor=actor, registration_id=registration_id)
    return registration_cancel(actor=actor, registration_id=registration.pk, reason="API")


@router.post(
    "/activities/registrations/{registration_id}/accept",
    response={200: RegistrationOut, 404: ErrorResponse},
)
@requires(SIGNED_IN)
def registration_accept_endpoint(request: HttpRequest, registration_id: int) -> Registration:
    """Accept a place offered from the waiting list, before the offer expires."""
    actor = actor_of(request)
    registration = registration_get_visible(actor=actor, registration_id=registration_id)
    return registration_offer_accept(actor=actor, registration_id=registration.pk)


@router.get(
    "/activities/periods/{period_id}/registrations",
    response={200: list[RosterOut], 404: ErrorResponse},
)
@requires(Permission.ACTIVITIES_VIEW)
def period_registrations(request: HttpRequest, period_id: int) -> list[Registration]:
    """Everyone of a period in arrival order (written to each child's access log)."""
    actor = actor_of(request)
    period = period_get_visible(actor=actor, period_id=period_id)
    purpose = (
        AccessPurpose.INTEGRATION
        if actor.kind is ActorKind.INTEGRATION
        else AccessPurpose.CASE_HANDLING
    )
    return period_roster_read_for_purpose(
        actor=actor, period=period, purpose=purpose, channel=AccessChannel.API
    )


@router.post(
    "/activities/periods/{period_id}/registrations",
    response={201: RegistrationOut, 200: RegistrationOut, 404: ErrorResponse, 409: ErrorResponse},
)
@requires(Permission.ACTIVITIES_REGISTER)
def registration_create_for_parent_endpoint(
    request: HttpRequest,
    period_id: int,
    payload: StaffRegistrationIn,
    idempotency_key: HeaderEx[
        str,
        P(
            alias="Idempotency-Key",
            max_length=100,
            description="Unique per attempt; sent again, it returns the registration made "
            "the first time.",
        ),
    ],
) -> Status[Registration]:
    """Staff (or the municipality's counter system) register a child for a parent, at the
    counter or on the phone, by the same rules and price as online; the channel and who
    registered are recorded and the parent is told. A parent, child or period outside the
    caller's municipalities answers 404, like an id nobody has."""
    actor = actor_of(request)
    try:
        result = registration_create_for_parent(
            actor=actor,
            parent_id=payload.parent_id,
            period_id=period_id,
            child_id=payload.child_id,
            idempotency_key=idempotency_key,
            channel=payload.channel,
            social_tariff=payload.social_tariff,
        )
    except IdempotencyConflict as conflict:
        raise ApiError(
            status=409, code=ErrorCode.CONFLICT, message=" ".join(conflict.messages)
        ) from conflict
    return Status(201 if result.created else 200, result.registration)


@router.post(
    "/activities",
    response={201: ActivityDetailOut, 404: ErrorResponse},
)
@requires(Permission.ACTIVITIES_MANAGE)
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status[Activity]:
    """Create an activity in a municipality where the caller manages activities."""
    actor = actor_of(request)
    municipality = get_object_or_404(
        Municipality.objects.filter(pk__in=actor.municipality_ids(Permission.ACTIVITIES_MANAGE)),
        nis_code=payload.municipality_nis_code,
    )
    data = payload.dict()
    data.pop("municipality_nis_code")
    texts = {
        name: {code: data.pop(f"{name}_{code}") for code in ("nl", "fr", "en")}
        for name in ("title", "description")
    }
    activity = activity_save(
        actor=actor,
        municipality=municipality,
        fields=ActivityFields(**data, titles=texts["title"], descriptions=texts["description"]),
    )
    return Status(201, activity)


@router.post(
    "/activities/{activity_id}/periods",
    response={201: PeriodOut, 404: ErrorResponse},
)
@requires(Permission.ACTIVITIES_MANAGE)
def period_create(request: HttpRequest, activity_id: int, payload: PeriodIn) -> Status[Period]:
    """Add a week or a course with its places."""
    actor = actor_of(request)
    activity = activity_get_visible(
        actor=actor, activity_id=activity_id, permission=Permission.ACTIVITIES_MANAGE
    )
    period = period_add(actor=actor, activity=activity, **payload.dict())
    return Status(201, period)


# Declared last: the path of one activity would otherwise catch /activities/registrations.
@router.get(
    "/activities/{activity_id}",
    response={200: ActivityDetailOut, 404: ErrorResponse},
    auth=None,
)
@public
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    """One published activity with its periods, places left and waiting lists."""
    return activity_get_published(activity_id=activity_id)
