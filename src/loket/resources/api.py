"""The resources endpoints under /api/v1 (joined in loket.api.routers).

Bookable resources and their busy periods are public. A signed-in resident books and
cancels their own bookings; staff see the bookings of their municipalities
(resources.view), decide on them (resources.handle) and configure resources
(resources.manage). Another municipality's resource or booking answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import SIGNED_IN, public, requires
from loket.resources.models import Booking, BookingEvent, Resource
from loket.resources.selectors import (
    booking_get_visible,
    booking_history,
    bookings_visible_to,
    busy_periods,
    resource_get_public,
    resource_get_visible,
    resources_public,
)
from loket.resources.services import (
    ResourceSettings,
    TariffSetting,
    WindowSetting,
    booking_request,
    booking_transition,
    resource_create,
    resource_update,
)
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

router = Router(tags=["resources"])
ERRORS = {400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


class TariffOut(Schema):
    category: str
    price_cents: int = Field(description="Per price unit (hour or day), in euro cents.")
    deposit_cents: int


class WindowOut(Schema):
    weekday: int = Field(description="Monday 0 … Sunday 6.")
    opens: dt.time
    closes: dt.time


class ResourceOut(Schema):
    id: int
    municipality_nis_code: str = Field(alias="municipality.nis_code")
    kind: str
    name_nl: str
    name_fr: str
    name_en: str
    description_nl: str
    description_fr: str
    description_en: str
    location: str
    capacity: int | None
    quantity: int
    price_unit: str
    minimum_minutes: int
    maximum_minutes: int
    lead_minimum_hours: int
    lead_maximum_days: int
    requires_approval: bool
    is_active: bool
    tariffs: list[TariffOut]
    windows: list[WindowOut]

    @staticmethod
    def resolve_tariffs(resource: Resource) -> list[TariffOut]:
        return [TariffOut.model_validate(t, from_attributes=True) for t in resource.tariffs.all()]

    @staticmethod
    def resolve_windows(resource: Resource) -> list[WindowOut]:
        return [WindowOut.model_validate(w, from_attributes=True) for w in resource.windows.all()]


class TariffIn(Schema):
    category: str = Field(examples=["resident"])
    price_cents: int = Field(ge=0)
    deposit_cents: int = Field(0, ge=0)


class WindowIn(Schema):
    weekday: int = Field(ge=0, le=6)
    opens: dt.time
    closes: dt.time


class ResourceIn(Schema):
    kind: str = Field(examples=["hall"])
    name_nl: str = Field("", max_length=120)
    name_fr: str = Field("", max_length=120)
    name_en: str = Field("", max_length=120)
    description_nl: str = Field("", max_length=5000)
    description_fr: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
    location: str = Field("", max_length=200)
    capacity: int | None = Field(None, ge=1)
    quantity: int = Field(1, ge=1)
    price_unit: str = Field("hour", examples=["hour", "day"])
    minimum_minutes: int = Field(60, ge=1)
    maximum_minutes: int = Field(480, ge=1)
    lead_minimum_hours: int = Field(24, ge=0)
    lead_maximum_days: int = Field(180, ge=0)
    requires_approval: bool = False
    is_active: bool = True
    windows: list[WindowIn] = Field(default_factory=list, max_length=50)
    tariffs: list[TariffIn] = Field(default_factory=list, max_length=3)

    def settings(self) -> ResourceSettings:
        return ResourceSettings(
            kind=self.kind,
            names={"nl": self.name_nl, "fr": self.name_fr, "en": self.name_en},
            descriptions={
                "nl": self.description_nl,
                "fr": self.description_fr,
                "en": self.description_en,
            },
            location=self.location,
            capacity=self.capacity,
            quantity=self.quantity,
            price_unit=self.price_unit,
            minimum_minutes=self.minimum_minutes,
            maximum_minutes=self.maximum_minutes,
            lead_minimum_hours=self.lead_minimum_hours,
            lead_maximum_days=self.lead_maximum_days,
            requires_approval=self.requires_approval,
            is_active=self.is_active,
            windows=[WindowSetting(w.weekday, w.opens, w.closes) for w in self.windows],
            tariffs={
                t.category: TariffSetting(t.price_cents, t.deposit_cents) for t in self.tariffs
            },
        )


class ResourceCreateIn(ResourceIn):
    municipality_nis_code: str = Field(max_length=10)


class BusyOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    quantity: int
    status: str


class BookingOut(Schema):
    id: int
    resource_id: int
    municipality_nis_code: str = Field(alias="municipality.nis_code")
    category: str
    quantity: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    purpose: str
    status: str
    price_cents: int
    deposit_cents: int
    payment_request_id: int | None
    created_at: dt.datetime


class BookingIn(Schema):
    resource_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    category: str = Field(examples=["resident", "association", "commercial"])
    quantity: int = Field(1, ge=1)
    purpose: str = Field("", max_length=200)


class TransitionIn(Schema):
    to_status: str = Field(examples=["approved", "refused", "cancelled"])
    reason: str = Field("", max_length=1000)


class EventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    message: str
    created_at: dt.datetime


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@router.get("/resources", response=list[ResourceOut], auth=None)
@public
@paginate(PageNumberPagination)
def resource_list(request: HttpRequest, municipality_nis_code: str = "") -> QuerySet[Resource]:
    """Bookable resources (of one municipality with `municipality_nis_code`)."""
    resources = resources_public()
    if municipality_nis_code:
        resources = resources.filter(municipality__nis_code=municipality_nis_code)
    return resources.order_by("municipality_id", "id")


@router.get("/resources/{resource_id}", response={200: ResourceOut, 404: ErrorResponse}, auth=None)
@public
def resource_read(request: HttpRequest, resource_id: int) -> Resource:
    return resource_get_public(resource_id=resource_id)


@router.get(
    "/resources/{resource_id}/availability",
    response={200: list[BusyOut], 404: ErrorResponse, 422: ErrorResponse},
    auth=None,
)
@public
def resource_availability(
    request: HttpRequest, resource_id: int, start: dt.date, end: dt.date
) -> list[BusyOut]:
    """The periods already taken between `start` and `end` (at most 93 days), without
    who took them."""
    resource = resource_get_public(resource_id=resource_id)
    if not start < end <= start + dt.timedelta(days=93):
        raise ValidationError({"end": _("Ask for at most 93 days, ending after the start.")})
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end, dt.time.min))
    return [
        BusyOut(starts_at=p.starts_at, ends_at=p.ends_at, quantity=p.quantity, status=p.status)
        for p in busy_periods(resource=resource, start=begin, end=until)
    ]


@router.post("/resources", response={201: ResourceOut, **ERRORS})
@requires(Permission.RESOURCES_MANAGE)
def resource_create_endpoint(
    request: HttpRequest, payload: ResourceCreateIn
) -> tuple[int, Resource]:
    """Create a resource in a municipality where the caller holds resources.manage."""
    actor = actor_of(request)
    municipality = Municipality.objects.filter(
        nis_code=payload.municipality_nis_code,
        pk__in=actor.municipality_ids(Permission.RESOURCES_MANAGE),
    ).first()
    if municipality is None:  # answered like a municipality that does not exist
        raise ValidationError(
            {"municipality_nis_code": _("Give a municipality where you manage resources.")}
        )
    resource = resource_create(actor=actor, municipality=municipality, settings=payload.settings())
    return 201, resource_get_visible(actor=actor, resource_id=resource.pk)


@router.put("/resources/{resource_id}", response={200: ResourceOut, **ERRORS})
@requires(Permission.RESOURCES_MANAGE)
def resource_update_endpoint(
    request: HttpRequest, resource_id: int, payload: ResourceIn
) -> Resource:
    """Replace a resource's settings, opening windows and tariffs."""
    actor = actor_of(request)
    resource_update(actor=actor, resource_id=resource_id, settings=payload.settings())
    return resource_get_visible(actor=actor, resource_id=resource_id)


@router.get("/bookings", response=list[BookingOut])
@requires(SIGNED_IN)
@paginate(PageNumberPagination)
def booking_list(request: HttpRequest, status: str = "") -> QuerySet[Booking]:
    """A resident's own bookings; staff those of their municipalities (resources.view)."""
    bookings = bookings_visible_to(actor=actor_of(request)).order_by("-starts_at", "-id")
    return bookings.filter(status=status) if status else bookings


@router.post("/bookings", response={201: BookingOut, **ERRORS})
@requires(SIGNED_IN)
def booking_create(request: HttpRequest, payload: BookingIn) -> tuple[int, Booking]:
    """A signed-in resident books a resource for themselves (see docs/reservations.md for
    the rules); an overlap answers 422 with the message on `starts_at`."""
    actor = actor_of(request)
    booking = booking_request(
        actor=actor,
        resource_id=payload.resource_id,
        starts_at=_aware(payload.starts_at),
        ends_at=_aware(payload.ends_at),
        category=payload.category,
        quantity=payload.quantity,
        purpose=payload.purpose,
    )
    return 201, booking_get_visible(actor=actor, booking_id=booking.pk)


@router.get("/bookings/{booking_id}", response={200: BookingOut, 404: ErrorResponse})
@requires(SIGNED_IN)
def booking_read(request: HttpRequest, booking_id: int) -> Booking:
    return booking_get_visible(actor=actor_of(request), booking_id=booking_id)


@router.get("/bookings/{booking_id}/history", response={200: list[EventOut], 404: ErrorResponse})
@requires(SIGNED_IN)
def booking_history_read(request: HttpRequest, booking_id: int) -> QuerySet[BookingEvent]:
    booking = booking_get_visible(actor=actor_of(request), booking_id=booking_id)
    return booking_history(booking=booking)


@router.post("/bookings/{booking_id}/transitions", response={200: BookingOut, **ERRORS})
@requires(SIGNED_IN)
def booking_transition_create(
    request: HttpRequest, booking_id: int, payload: TransitionIn
) -> Booking:
    """Approve or refuse (staff, resources.handle; a refusal needs a reason), or cancel
    (the requester before the start; staff with a reason)."""
    actor = actor_of(request)
    booking_transition(
        actor=actor, booking_id=booking_id, to_status=payload.to_status, reason=payload.reason
    )
    return booking_get_visible(actor=actor, booking_id=booking_id)
