"""Staff pages: the offices, an office's calendar (day and week, per desk), one
appointment (came, did not come, cancel, move) and booking for a resident at the counter or
on the phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.appointments.forms import CancelForm, SlotForm, StaffBookingForm
from loket.appointments.models import Appointment, Office
from loket.appointments.selectors import (
    appointment_get_visible,
    appointment_history,
    appointment_read_for_purpose,
    desk_get_visible,
    office_calendar_read_for_purpose,
    office_get_visible,
    office_product_get_public,
    offices_visible_to,
)
from loket.appointments.services import (
    Holder,
    appointment_book,
    appointment_reschedule,
    appointment_transition,
    desk_feed_stop,
    desk_feed_token_renew,
)
from loket.appointments.views.common import slot_picker
from loket.appointments.workflow import LIFECYCLE, AppointmentStatus, Party
from loket.audit.models import AccessChannel, AccessPurpose
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of

PAGE_SIZE = 25


@permission_required(Permission.APPOINTMENTS_VIEW)
def office_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.APPOINTMENTS_VIEW)
    )
    offices = chosen.apply(offices_visible_to(actor=actor).select_related("municipality"))
    return render_page_or_partial(
        request,
        "appointments/backoffice/offices.html",
        "appointments/backoffice/_offices.html",
        {
            "page": page_of(
                request,
                offices.order_by("municipality__name_nl", "name_nl", "pk"),
                per_page=PAGE_SIZE,
            ),
            "municipality_filter": chosen,
            "can_manage": actor.has(Permission.APPOINTMENTS_MANAGE),
        },
        target="offices-results",
    )


def _day_param(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return timezone.localdate()


@permission_required(Permission.APPOINTMENTS_VIEW)
def calendar(request: HttpRequest, office_id: int) -> HttpResponse:
    """An office's appointments for a day or a week, for every desk or one."""
    actor = actor_from_request(request)
    office = office_get_visible(actor=actor, office_id=office_id)
    day = _day_param(request)
    week = request.GET.get("weergave") == "week"
    first = day - dt.timedelta(days=day.weekday()) if week else day
    last = first + dt.timedelta(days=6 if week else 0)
    desks = list(office.desks.order_by("name", "id"))
    desk_id = next((d.pk for d in desks if str(d.pk) == request.GET.get("loket")), None)
    appointments = office_calendar_read_for_purpose(
        actor=actor,
        office=office,
        first=first,
        last=last,
        desk_id=desk_id,
        purpose=AccessPurpose.CASE_HANDLING,
        channel=AccessChannel.WEB,
    )
    days = []
    current = first
    while current <= last:
        days.append(
            (
                current,
                [a for a in appointments if timezone.localtime(a.starts_at).date() == current],
            )
        )
        current += dt.timedelta(days=1)
    step = dt.timedelta(days=7 if week else 1)
    return render(
        request,
        "appointments/backoffice/calendar.html",
        {
            "office": office,
            "desks": desks,
            "desk_id": desk_id,
            "week": week,
            "first": first,
            "last": last,
            "days": days,
            "previous": first - step,
            "next": first + step,
            "today": timezone.localdate(),
            "may_book": actor.has(Permission.APPOINTMENTS_BOOK, office.municipality_id),
            "can_manage": actor.has(Permission.APPOINTMENTS_MANAGE, office.municipality_id),
        },
    )


@permission_required(Permission.APPOINTMENTS_VIEW)
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """The appointment with the resident's details: opening it is in the resident's access
    log (shown again after a refused change, it is the same read, as on a payment's page)."""
    appointment = appointment_read_for_purpose(
        actor=actor_from_request(request),
        appointment_id=appointment_id,
        purpose=AccessPurpose.CASE_HANDLING,
        channel=AccessChannel.WEB,
    )
    return _detail_page(request, appointment, SlotForm(), CancelForm(), status=200)


def _detail_page(
    request: HttpRequest,
    appointment: Appointment,
    slot_form: SlotForm,
    cancel_form: CancelForm,
    *,
    status: int,
) -> HttpResponse:
    actor = actor_from_request(request)
    may_book = actor.has(Permission.APPOINTMENTS_BOOK, appointment.municipality_id)
    moves = [
        t
        for t in LIFECYCLE.from_status(appointment.status, Party.STAFF)
        if t.target != AppointmentStatus.CANCELLED
    ]
    context: dict[str, Any] = {
        "appointment": appointment,
        "history": appointment_history(appointment=appointment),
        "may_book": may_book,
        "moves": [(t.target, AppointmentStatus(t.target).label) for t in moves] if may_book else [],
        "may_cancel": may_book and appointment.status == AppointmentStatus.BOOKED,
        "slot_form": slot_form,
        "cancel_form": cancel_form,
    }
    if may_book and appointment.is_open:
        office_product = office_product_get_public(
            office_id=appointment.office_id, product_id=appointment.product_id
        )
        context |= slot_picker(request, office_product, ignore_appointment_id=appointment.pk)
    return render(request, "appointments/backoffice/detail.html", context, status=status)


@permission_required(Permission.APPOINTMENTS_BOOK)
@require_POST
def appointment_status(request: HttpRequest, appointment_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    cancel_form = CancelForm(request.POST)
    target = request.POST.get("to_status", "")
    if cancel_form.is_valid():
        try:
            appointment_transition(
                actor=actor,
                appointment=appointment,
                to_status=target,
                reason=cancel_form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_onto_form(cancel_form, error)
        else:
            messages.success(request, _("The appointment is updated."))
            return redirect("appointments:backoffice-appointment", appointment_id=appointment.pk)
    return _detail_page(request, appointment, SlotForm(), cancel_form, status=422)


@permission_required(Permission.APPOINTMENTS_BOOK)
@require_POST
def appointment_move(request: HttpRequest, appointment_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    appointment = appointment_get_visible(actor=actor, appointment_id=appointment_id)
    form = SlotForm(request.POST)
    if form.is_valid():
        try:
            appointment_reschedule(
                actor=actor, appointment=appointment, starts_at=form.cleaned_data["starts_at"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The appointment is moved; the resident is told."))
            return redirect("appointments:backoffice-appointment", appointment_id=appointment.pk)
    return _detail_page(request, appointment, form, CancelForm(), status=422)


@permission_required(Permission.APPOINTMENTS_BOOK)
def staff_book(request: HttpRequest, office_id: int) -> HttpResponse:
    """Book for a resident at the counter or on the phone."""
    actor = actor_from_request(request)
    office: Office = office_get_visible(
        actor=actor, office_id=office_id, permission=Permission.APPOINTMENTS_BOOK
    )
    rows = list(office.products.filter(is_active=True).select_related("product", "office"))
    if not rows:
        raise Http404
    wanted = request.POST.get("product") or request.GET.get("product") or ""
    office_product = next((r for r in rows if str(r.product_id) == wanted), rows[0])
    form = StaffBookingForm(
        request.POST or None, initial={"language": get_language() or "nl", "channel": "counter"}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                booked = appointment_book(
                    actor=actor,
                    office_product=office_product,
                    starts_at=data["starts_at"],
                    holder=Holder(
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        language=data["language"],
                    ),
                    channel=data["channel"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("Booked: reference %(reference)s.")
                    % {"reference": booked.appointment.reference},
                )
                return redirect(
                    "appointments:backoffice-appointment", appointment_id=booked.appointment.pk
                )
        status = 422
    context: dict[str, Any] = {
        "office": office,
        "rows": rows,
        "office_product": office_product,
        "form": form,
        **slot_picker(request, office_product),
    }
    return render(request, "appointments/backoffice/book.html", context, status=status)


@permission_required(Permission.APPOINTMENTS_VIEW)
@require_POST
def desk_feed_renew(request: HttpRequest, desk_id: int) -> HttpResponse:
    """A new secret feed address for a desk's calendar, shown once."""
    actor = actor_from_request(request)
    desk = desk_get_visible(actor=actor, desk_id=desk_id)
    token = desk_feed_token_renew(actor=actor, desk=desk)
    feed_url = request.build_absolute_uri(
        reverse("appointments:desk-feed", kwargs={"desk_id": desk.pk, "token": token})
    )
    return render(
        request, "appointments/backoffice/feed.html", {"desk": desk, "feed_url": feed_url}
    )


@permission_required(Permission.APPOINTMENTS_VIEW)
@require_POST
def desk_feed_stop_view(request: HttpRequest, desk_id: int) -> HttpResponse:
    """The desk's feed address stops working at once; back to the office calendar."""
    actor = actor_from_request(request)
    desk = desk_get_visible(actor=actor, desk_id=desk_id)
    desk_feed_stop(actor=actor, desk=desk)
    messages.success(
        request,
        _("The calendar feed of %(desk)s no longer works.") % {"desk": desk.name},
    )
    return redirect("appointments:backoffice-office-calendar", desk.office_id)
