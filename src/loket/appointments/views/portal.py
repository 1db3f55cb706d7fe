"""Pages of the signed-in resident: "my appointments", moving and cancelling one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.appointments.forms import SlotForm
from loket.appointments.selectors import (
    appointment_get_visible,
    appointments_of_resident,
    office_product_get_public,
)
from loket.appointments.services import appointment_reschedule, appointment_transition
from loket.appointments.views.common import slot_picker
from loket.appointments.workflow import AppointmentStatus
from loket.tenancy.access import Actor, actor_from_request, public
from loket.web.form_errors import errors_onto_form
from loket.web.pagination import page_of
from loket.web.resident_sign_in import resident_sign_in_redirect


def _resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


@public
def my_appointments(request: HttpRequest) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    appointments = appointments_of_resident(actor=actor)
    upcoming = [a for a in appointments if a.is_open][::-1]
    return render(
        request,
        "appointments/portal/my_appointments.html",
        {
            "heading": _("My appointments"),
            "caption": _("Coming up"),
            "page": page_of(request, upcoming, per_page=25),
            "past": [a for a in appointments if not a.is_open],
        },
    )


@public
def my_reschedule(request: HttpRequest, appointment_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    form = SlotForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                appointment_reschedule(
                    actor=actor, appointment=appointment, starts_at=form.cleaned_data["starts_at"]
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("Your appointment is moved."))
                return redirect("appointments:my-appointments")
        status = 422
    office_product = office_product_get_public(
        office_id=appointment.office_id, product_id=appointment.product_id
    )
    context: dict[str, Any] = {"appointment": appointment, "form": form}
    if appointment.is_open:
        context |= slot_picker(request, office_product, ignore_appointment_id=appointment.pk)
    return render(request, "appointments/portal/reschedule.html", context, status=status)


@public
@require_POST
def my_cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    try:
        appointment_transition(
            actor=actor, appointment=appointment, to_status=AppointmentStatus.CANCELLED
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your appointment is cancelled."))
    return redirect("appointments:my-appointments")
