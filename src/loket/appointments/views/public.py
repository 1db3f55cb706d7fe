"""Pages anyone may open: booking an appointment (with or without an account), the manage
link from the confirmation (move or cancel), and a desk's calendar feed (token in the
address)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.appointments.forms import GuestBookingForm, SlotForm
from loket.appointments.ics import desk_feed_ics
from loket.appointments.models import Appointment, OfficeProduct
from loket.appointments.selectors import (
    appointment_by_manage_token,
    desk_by_feed_token,
    desk_feed_appointments,
    office_product_get_public,
    office_products_public,
    offices_public,
)
from loket.appointments.services import (
    Holder,
    appointment_book,
    appointment_reschedule,
    appointment_transition,
)
from loket.appointments.throttle import guest_booking_throttle, guest_booking_throttled_message
from loket.appointments.views.common import slot_picker
from loket.appointments.workflow import AppointmentStatus
from loket.catalog.models import Product
from loket.catalog.selectors import product_get
from loket.notify.ical import ICAL_CONTENT_TYPE
from loket.people.models import Person
from loket.tenancy.access import actor_from_request, public
from loket.tenancy.models import Municipality
from loket.tenancy.selectors import municipalities_public
from loket.web.form_errors import errors_onto_form

BOOKED_SESSION_KEY = "appointments_booked"


@public
def municipality_offices(request: HttpRequest, slug: str) -> HttpResponse:
    """The offices of a municipality and what can be booked there."""
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    offices = list(offices_public(municipality=municipality).prefetch_related("opening_hours"))
    bookable = list(office_products_public(municipality=municipality))
    products = {row.product_id: row.product for row in bookable}
    return render(
        request,
        "appointments/public/offices.html",
        {
            "municipality": municipality,
            "offices": offices,
            "products": sorted(products.values(), key=lambda p: p.name_in(get_language())),
        },
    )


def _chosen_office_product(request: HttpRequest, rows: list[OfficeProduct]) -> OfficeProduct:
    wanted = request.POST.get("kantoor") or request.GET.get("kantoor") or ""
    return next((row for row in rows if str(row.office_id) == wanted), rows[0])


@public
def book(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Choose an office, a day and a time, and book (signed in, or with a name and an
    e-mail address or mobile number)."""
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    product = product_get(code)
    if product is None:
        raise Http404
    rows = list(office_products_public(municipality=municipality, product_id=product.pk))
    if not rows:
        raise Http404
    office_product = _chosen_office_product(request, rows)
    actor = actor_from_request(request)
    person = (
        Person.objects.filter(pk=actor.person_id).first()
        if actor.is_resident and actor.person_id
        else None
    )
    form_class = SlotForm if person is not None else GuestBookingForm
    initial = {"language": get_language() if get_language() in {"nl", "fr", "en"} else "nl"}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and person is None:
        limited = guest_booking_throttle(request)
        if not limited.allowed:
            form.is_valid()
            form.add_error(None, guest_booking_throttled_message())
            response = _book_page(request, municipality, product, rows, office_product, form, None)
            response.status_code = 429
            response["Retry-After"] = str(limited.retry_after_seconds)
            return response
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            holder = (
                Holder(person=person)
                if person is not None
                else Holder(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    language=data["language"],
                )
            )
            try:
                booked = appointment_book(
                    actor=actor,
                    office_product=office_product,
                    starts_at=data["starts_at"],
                    holder=holder,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                request.session[BOOKED_SESSION_KEY] = booked.appointment.pk
                return redirect("appointments:booked")
        status = 422
    response = _book_page(request, municipality, product, rows, office_product, form, person)
    response.status_code = status
    return response


def _book_page(
    request: HttpRequest,
    municipality: Municipality,
    product: Product,
    rows: list[OfficeProduct],
    office_product: OfficeProduct,
    form: SlotForm | GuestBookingForm,
    person: Person | None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "municipality": municipality,
        "product": product,
        "rows": rows,
        "office_product": office_product,
        "form": form,
        "signed_in_person": person,
        **slot_picker(request, office_product),
    }
    return render(request, "appointments/public/book.html", context)


@public
def booked(request: HttpRequest) -> HttpResponse:
    """The confirmation right after booking (this browser's booking only)."""
    appointment_id = request.session.get(BOOKED_SESSION_KEY)
    appointment = (
        Appointment.objects.select_related("office", "product", "municipality")
        .filter(pk=appointment_id)
        .first()
        if appointment_id
        else None
    )
    if appointment is None:
        raise Http404
    office_product = office_product_get_public(
        office_id=appointment.office_id, product_id=appointment.product_id
    )
    return render(
        request,
        "appointments/public/booked.html",
        {"appointment": appointment, "office_product": office_product},
    )


_LINK_CODES = frozenset({"link_invalid", "link_expired"})


def _link_refused(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return render(
        request,
        "appointments/public/link_refused.html",
        {"message": error.messages[0], "code": error.code},
        status=404,
    )


@public
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The manage link: the appointment, another time to choose, or cancel."""
    try:
        appointment = appointment_by_manage_token(token=token)
    except ValidationError as error:
        return _link_refused(request, error)
    return _manage_page(request, token, appointment, SlotForm(), status=200)


def _manage_page(
    request: HttpRequest, token: str, appointment: Appointment, form: SlotForm, *, status: int
) -> HttpResponse:
    office_product = office_product_get_public(
        office_id=appointment.office_id, product_id=appointment.product_id
    )
    context: dict[str, Any] = {
        "appointment": appointment,
        "office_product": office_product,
        "token": token,
        "form": form,
    }
    if appointment.is_open:
        context |= slot_picker(request, office_product, ignore_appointment_id=appointment.pk)
    return render(request, "appointments/public/manage.html", context, status=status)


@public
@require_POST
def manage_reschedule(request: HttpRequest, token: str) -> HttpResponse:
    try:
        appointment = appointment_by_manage_token(token=token)
    except ValidationError as error:
        return _link_refused(request, error)
    form = SlotForm(request.POST)
    if form.is_valid():
        try:
            moved = appointment_reschedule(
                actor=actor_from_request(request),
                manage_token=token,
                starts_at=form.cleaned_data["starts_at"],
            )
        except ValidationError as error:
            if error.code in _LINK_CODES:
                return _link_refused(request, error)
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Your appointment is moved. We sent you a confirmation."))
            # The move replaced the link: go on with the new one (also in the confirmation).
            return HttpResponseRedirect(
                reverse("appointments:manage", kwargs={"token": moved.token})
            )
    return _manage_page(request, token, appointment, form, status=422)


@public
@require_POST
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    try:
        appointment = appointment_by_manage_token(token=token)
    except ValidationError as error:
        return _link_refused(request, error)
    try:
        appointment = appointment_transition(
            actor=actor_from_request(request),
            manage_token=token,
            to_status=AppointmentStatus.CANCELLED,
        )
    except ValidationError as error:
        if error.code in _LINK_CODES:
            return _link_refused(request, error)
        form = SlotForm()
        errors_onto_form(form, error)
        return _manage_page(request, token, appointment, form, status=422)
    return render(
        request,
        "appointments/public/cancelled.html",
        {"appointment": appointment},
    )


@public
def desk_feed(request: HttpRequest, desk_id: int, token: str) -> HttpResponse:
    """A desk's appointments as an iCalendar feed, for a staff calendar application."""
    desk = desk_by_feed_token(desk_id=desk_id, token=token)
    content = desk_feed_ics(
        name=f"{desk.office.name_in(get_language())} - {desk.name}",
        appointments=desk_feed_appointments(desk=desk),
        language=get_language() or "nl",
    )
    response = HttpResponse(content, content_type=ICAL_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
