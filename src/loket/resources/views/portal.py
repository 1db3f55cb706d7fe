"""Resident pages: book a resource, "my reservations", one reservation and cancelling it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.resources.forms import BookingForm
from loket.resources.selectors import (
    booking_get_visible,
    booking_history,
    bookings_of_resident,
    resource_get_public,
)
from loket.resources.services import booking_request, booking_transition
from loket.resources.views.public import _municipality
from loket.resources.workflow import LIFECYCLE, BookingStatus, Party
from loket.tenancy.access import Actor, actor_from_request
from loket.web.form_errors import errors_onto_form
from loket.web.pagination import page_of
from loket.web.resident_sign_in import resident_sign_in_redirect

PAGE_SIZE = 25


def _signed_in(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def booking_form(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    """Book a resource: the form, and the booking once every rule is met."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    municipality = _municipality(slug)
    resource = resource_get_public(resource_id=resource_id, municipality=municipality)
    form = BookingForm(request.POST or None, resource=resource)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = booking_request(
                    actor=actor,
                    resource_id=resource.pk,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    category=data["category"],
                    quantity=data.get("quantity") or 1,
                    purpose=data["purpose"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                if booking.status == BookingStatus.REQUESTED:
                    messages.success(request, _("Your booking is asked; staff will confirm it."))
                else:
                    messages.success(request, _("Your booking is confirmed."))
                return redirect("resources:my-booking", booking_id=booking.pk)
        status = 400
    return render(
        request,
        "resources/portal/booking_form.html",
        {"municipality": municipality, "resource": resource, "form": form},
        status=status,
    )


def my_bookings(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    return render(
        request,
        "resources/portal/my_bookings.html",
        {
            "heading": _("My reservations"),
            "page": page_of(request, bookings_of_resident(actor=actor), per_page=PAGE_SIZE),
        },
    )


def my_booking(request: HttpRequest, booking_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    booking = booking_get_visible(actor=actor, booking_id=booking_id)
    return render(
        request,
        "resources/portal/my_booking.html",
        {
            "booking": booking,
            "history": booking_history(booking=booking),
            "can_cancel": LIFECYCLE.allowed(
                booking.status, BookingStatus.CANCELLED, Party.REQUESTER
            ),
        },
    )


@require_POST
def my_booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    booking = booking_get_visible(actor=actor, booking_id=booking_id)
    try:
        booking_transition(actor=actor, booking_id=booking.pk, to_status=BookingStatus.CANCELLED)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("resources:my-booking", booking_id=booking.pk)
