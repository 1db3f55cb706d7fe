"""The appointments endpoints under /api/v1 (joined in loket.api.routers), so that a
municipality's website or a kiosk can do what the pages do.

Public: the offices of a municipality with their products, the free slots of a product,
booking without an account, and the manage endpoints (the manage token is the key).
Staff and integrations (appointments.view/book): the appointments of their
municipalities, booking for a resident, moving and recording. A signed-in resident:
their own appointments. Another municipality's office, appointment or resident answers
404, in the path or in the body.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ApiError, ErrorCode, ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import SIGNED_IN, public, requires
from loket.appointments.api_schemas import (
    AppointmentOut,
    BookedOut,
    GuestIn,
    OfficeOut,
    RescheduleIn,
    SlotOut,
    StaffAppointmentOut,
    StaffBookingIn,
    StatusIn,
)
from loket.appointments.availability import slots_for
from loket.appointments.models import Appointment, Office, OfficeProduct
from loket.appointments.selectors import (
    appointment_by_manage_token,
    appointment_get_visible,
    appointment_read_for_purpose,
    appointments_of_resident,
    appointments_visible_to,
    office_get_visible,
    office_product_get_public,
    offices_public,
)
from loket.appointments.services import (
    Booked,
    Holder,
    appointment_book,
    appointment_reschedule,
    appointment_transition,
)
from loket.appointments.throttle import guest_booking_throttle, guest_booking_throttled_message
from loket.appointments.workflow import AppointmentStatus
from loket.audit.models import AccessChannel, AccessPurpose
from loket.catalog.selectors import product_get
from loket.people.selectors import person_get_visible
from loket.tenancy.access import ANONYMOUS, ActorKind
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_public

router = Router(tags=["appointments"])

MAX_SLOT_DAYS = 31
# Refusals that are about the moment, not the request: the caller may try another slot.
_CONFLICTS = {"slot_full", "limit_reached"}
_ERRORS = {400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse}


def _refused(error: ValidationError) -> ApiError:
    """A service's refusal in the one error format, with its own code (slot_full, …)."""
    if hasattr(error, "error_dict"):
        first = next(iter(error.error_dict.values()))[0]
        code, fields = first.code or "validation_error", error.message_dict
    else:
        code, fields = error.error_list[0].code or "validation_error", {}
    return ApiError(
        status=409 if code in _CONFLICTS else 422,
        code=code,
        message=" ".join(error.messages),
        fields=fields,
    )


def _link_refused(error: ValidationError) -> ApiError:
    return ApiError(status=404, code=error.code or "link_invalid", message=error.messages[0])


def _office_product(office_id: int, product_code: str) -> OfficeProduct:
    product = product_get(product_code)
    if product is None:
        raise Http404
    return office_product_get_public(office_id=office_id, product_id=product.pk)


@router.get(
    "/municipalities/{nis_code}/offices",
    response={200: list[OfficeOut], 404: ErrorResponse},
    auth=None,
)
@public
def offices_list(request: HttpRequest, nis_code: str) -> QuerySet[Office]:
    """The offices of a municipality that take appointments, with what can be booked."""
    municipality = get_object_or_404(municipalities_public(), nis_code=nis_code)
    return (
        offices_public(municipality=municipality)
        .select_related("municipality")
        .prefetch_related("opening_hours", "products__product")
    )


class SlotQuery(Schema):
    date_from: dt.date
    date_to: dt.date
    only_free: bool = True


@router.get(
    "/offices/{office_id}/products/{product_code}/slots",
    response={200: list[SlotOut], **_ERRORS},
    auth=None,
)
@public
def slots_list(
    request: HttpRequest, office_id: int, product_code: str, query: Query[SlotQuery]
) -> list[SlotOut]:
    """The slots of a product at an office between two dates (at most 31 days)."""
    office_product = _office_product(office_id, product_code)
    if query.date_to < query.date_from or (query.date_to - query.date_from).days >= MAX_SLOT_DAYS:
        raise ApiError(
            status=422,
            code="validation_error",
            message="date_to must be on or after date_from, at most 31 days later.",
            fields={"date_to": ["At most 31 days after date_from."]},
        )
    slots = slots_for(office_product, query.date_from, query.date_to)
    return [
        SlotOut(starts_at=s.starts_at, ends_at=s.ends_at, capacity=s.capacity, free=s.free)
        for s in slots
        if s.free or not query.only_free
    ]


def _booked_out(booked: Booked) -> dict[str, object]:
    return {"appointment": booked.appointment, "manage_token": booked.token}


@router.post("/appointments", response={201: BookedOut, **_ERRORS}, auth=None)
@public
def appointment_create(request: HttpRequest, payload: GuestIn) -> Status[object]:
    """Book without an account. The confirmation (with the manage link) goes to the e-mail
    address and/or mobile number given. 409 `slot_full` when the slot just filled up; 429
    `throttled` when this address booked too often in the last minute."""
    limited = guest_booking_throttle(request)
    if not limited.allowed:
        raise ApiError(
            status=429, code=ErrorCode.THROTTLED, message=guest_booking_throttled_message()
        )
    office_product = _office_product(payload.office_id, payload.product_code)
    try:
        booked = appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=payload.starts_at,
            holder=Holder(
                name=payload.name,
                email=payload.email,
                phone=payload.phone,
                language=payload.language,
            ),
        )
    except ValidationError as error:
        raise _refused(error) from None
    return Status(201, _booked_out(booked))


_LINK_CODES = frozenset({"link_invalid", "link_expired"})


def _by_token(token: str) -> Appointment:
    try:
        return appointment_by_manage_token(token=token)
    except ValidationError as error:
        raise _link_refused(error) from None


@router.get(
    "/appointments/manage/{token}", response={200: AppointmentOut, 404: ErrorResponse}, auth=None
)
@public
def appointment_manage_read(request: HttpRequest, token: str) -> Appointment:
    """The appointment of a manage token (404 `link_invalid` or `link_expired`)."""
    return _by_token(token)


@router.post(
    "/appointments/manage/{token}/reschedule",
    response={200: BookedOut, **_ERRORS},
    auth=None,
)
@public
def appointment_manage_reschedule(
    request: HttpRequest, token: str, payload: RescheduleIn
) -> dict[str, object]:
    """Move the appointment of a manage token. The move replaces the token: the answer
    holds the new `manage_token` (also sent in the confirmation); the old one now answers
    404 `link_expired`."""
    try:
        return _booked_out(
            appointment_reschedule(actor=ANONYMOUS, manage_token=token, starts_at=payload.starts_at)
        )
    except ValidationError as error:
        if error.code in _LINK_CODES:
            raise _link_refused(error) from None
        raise _refused(error) from None


@router.post(
    "/appointments/manage/{token}/cancel", response={200: AppointmentOut, **_ERRORS}, auth=None
)
@public
def appointment_manage_cancel(request: HttpRequest, token: str) -> Appointment:
    try:
        return appointment_transition(
            actor=ANONYMOUS, manage_token=token, to_status=AppointmentStatus.CANCELLED
        )
    except ValidationError as error:
        if error.code in _LINK_CODES:
            raise _link_refused(error) from None
        raise _refused(error) from None


class AppointmentFilter(Schema):
    office_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: AppointmentStatus | None = None


@router.get("/appointments", response=list[StaffAppointmentOut])
@requires(Permission.APPOINTMENTS_VIEW)
@paginate(PageNumberPagination)
def appointments_list(
    request: HttpRequest, filters: Query[AppointmentFilter]
) -> QuerySet[Appointment]:
    """The appointments of the caller's municipalities, soonest first."""
    rows = appointments_visible_to(actor=actor_of(request))
    if filters.office_id is not None:
        rows = rows.filter(office_id=filters.office_id)
    if filters.date_from is not None:
        start = timezone.make_aware(dt.datetime.combine(filters.date_from, dt.time.min))
        rows = rows.filter(starts_at__gte=start)
    if filters.date_to is not None:
        end = timezone.make_aware(
            dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min)
        )
        rows = rows.filter(starts_at__lt=end)
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    return rows.order_by("starts_at", "id")


@router.get(
    "/appointments/{appointment_id}", response={200: StaffAppointmentOut, 404: ErrorResponse}
)
@requires(Permission.APPOINTMENTS_VIEW)
def appointment_read(request: HttpRequest, appointment_id: int) -> Appointment:
    """One appointment with the resident's contact details (written to the resident's
    access log)."""
    actor = actor_of(request)
    return appointment_read_for_purpose(
        actor=actor,
        appointment_id=appointment_id,
        purpose=AccessPurpose.INTEGRATION
        if actor.kind is ActorKind.INTEGRATION
        else AccessPurpose.CASE_HANDLING,
        channel=AccessChannel.API,
    )


@router.post("/offices/{office_id}/appointments", response={201: StaffAppointmentOut, **_ERRORS})
@requires(Permission.APPOINTMENTS_BOOK)
def appointment_create_for_resident(
    request: HttpRequest, office_id: int, payload: StaffBookingIn
) -> Status[object]:
    """Book for a resident (at the counter, on the phone, or an integration). The office and
    the resident must be of the caller's municipalities (else 404)."""
    actor = actor_of(request)
    office = office_get_visible(
        actor=actor, office_id=office_id, permission=Permission.APPOINTMENTS_BOOK
    )
    office_product = _office_product(office.pk, payload.product_code)
    person = (
        person_get_visible(actor=actor, person_id=payload.person_id)
        if payload.person_id is not None
        else None
    )
    holder = Holder(
        person=person,
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
        language=payload.language,
    )
    try:
        booked = appointment_book(
            actor=actor,
            office_product=office_product,
            starts_at=payload.starts_at,
            holder=holder,
            channel=payload.channel if payload.channel != "online" else "api",
        )
    except ValidationError as error:
        raise _refused(error) from None
    return Status(201, booked.appointment)


@router.post(
    "/appointments/{appointment_id}/reschedule", response={200: StaffAppointmentOut, **_ERRORS}
)
@requires(Permission.APPOINTMENTS_BOOK)
def appointment_staff_reschedule(
    request: HttpRequest, appointment_id: int, payload: RescheduleIn
) -> Appointment:
    actor = actor_of(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    try:
        return appointment_reschedule(
            actor=actor, appointment=appointment, starts_at=payload.starts_at
        ).appointment
    except ValidationError as error:
        raise _refused(error) from None


@router.post(
    "/appointments/{appointment_id}/status", response={200: StaffAppointmentOut, **_ERRORS}
)
@requires(Permission.APPOINTMENTS_BOOK)
def appointment_staff_status(
    request: HttpRequest, appointment_id: int, payload: StatusIn
) -> Appointment:
    """Record that the resident came (held) or did not (no_show), or cancel."""
    actor = actor_of(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    try:
        return appointment_transition(
            actor=actor, appointment=appointment, to_status=payload.to_status, reason=payload.reason
        )
    except ValidationError as error:
        raise _refused(error) from None


@router.get("/me/appointments", response=list[AppointmentOut])
@requires(SIGNED_IN)
def my_appointments(request: HttpRequest) -> list[Appointment]:
    """The signed-in resident's own appointments (empty for anyone else)."""
    return appointments_of_resident(actor=actor_of(request))
