"""Staff pages: the approval queue and all bookings, one booking with its decision, and the
resources of the municipality with their rules, opening hours, tariffs and approval."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from loket.audit.models import AccessChannel, AccessPurpose
from loket.resources.forms import DecisionForm, ResourceForm, resource_initial
from loket.resources.selectors import (
    approval_queue,
    booking_get_visible,
    booking_history,
    booking_read_for_purpose,
    bookings_shown_for_purpose,
    bookings_visible_to,
    resource_get_visible,
    resources_visible_to,
)
from loket.resources.services import booking_transition, resource_create, resource_update
from loket.resources.workflow import LIFECYCLE, BookingStatus, Party
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of

# Why staff read who booked (for the access log): handling the booking request.
_PURPOSE = AccessPurpose.CASE_HANDLING
PAGE_SIZE = 50
# How many bookings waiting for approval the top of the page shows; the page says how many
# wait in all and links to all of them in the paged list (?status=requested).
WAITING_SHOWN = 20


@permission_required(Permission.RESOURCES_VIEW)
def booking_list(request: HttpRequest) -> HttpResponse:
    """Bookings waiting for approval first, then every booking (?status= and ?municipality=
    filter it)."""
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.RESOURCES_VIEW)
    )
    status = request.GET.get("status", "")
    bookings = chosen.apply(bookings_visible_to(actor=actor)).order_by("-starts_at", "-id")
    if status in BookingStatus.values:
        bookings = bookings.filter(status=status)
    page = page_of(request, bookings, per_page=PAGE_SIZE)
    waiting = approval_queue(actor=actor)
    waiting_shown = list(waiting[:WAITING_SHOWN])
    # The lists name who booked: each resident shown gets a row in their access log.
    bookings_shown_for_purpose(
        actor=actor, bookings=[*page, *waiting_shown], purpose=_PURPOSE, channel=AccessChannel.WEB
    )
    return render_page_or_partial(
        request,
        "resources/backoffice/booking_list.html",
        "resources/backoffice/_bookings.html",
        {
            "waiting": waiting_shown,
            "waiting_count": waiting.count(),
            "page": page,
            "municipality_filter": chosen,
            "statuses": BookingStatus.choices,
            "status": status,
        },
        target="bookings-results",
    )


@permission_required(Permission.RESOURCES_VIEW)
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        booking = booking_get_visible(actor=actor, booking_id=booking_id)
    else:  # opening it is in the resident's access log (shown again after a refused
        # decision, it is the same read, as on a payment's page)
        booking = booking_read_for_purpose(
            actor=actor, booking_id=booking_id, purpose=_PURPOSE, channel=AccessChannel.WEB
        )
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        target = request.POST.get("to_status", "")
        if form.is_valid():
            try:
                booking_transition(
                    actor=actor,
                    booking_id=booking.pk,
                    to_status=target,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The booking is updated."))
                return redirect("resources:backoffice-booking", booking_id=booking.pk)
        status = 400
    targets = [
        t.target
        for t in LIFECYCLE.from_status(booking.status, Party.STAFF)
        if actor.has(Permission.RESOURCES_HANDLE, booking.municipality_id)
    ]
    return render(
        request,
        "resources/backoffice/booking_detail.html",
        {
            "booking": booking,
            "history": booking_history(booking=booking),
            "form": form,
            "targets": [(t, BookingStatus(t).label) for t in targets],
        },
        status=status,
    )


@permission_required(Permission.RESOURCES_VIEW)
def resource_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.RESOURCES_VIEW)
    )
    resources = chosen.apply(resources_visible_to(actor=actor))
    return render_page_or_partial(
        request,
        "resources/backoffice/resource_list.html",
        "resources/backoffice/_resources.html",
        {
            "page": page_of(request, resources, per_page=PAGE_SIZE),
            "municipality_filter": chosen,
            "can_manage": bool(actor.municipality_ids(Permission.RESOURCES_MANAGE)),
        },
        target="resources-results",
    )


def _choices(request: HttpRequest) -> list[tuple[int, str]]:
    ids = actor_from_request(request).municipality_ids(Permission.RESOURCES_MANAGE)
    return [(m.pk, m.name) for m in Municipality.objects.filter(pk__in=ids).order_by("name_nl")]


@permission_required(Permission.RESOURCES_MANAGE)
def resource_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    choices = _choices(request)
    form = ResourceForm(
        request.POST or None,
        municipality_choices=choices,
        initial={"minimum_minutes": 60, "maximum_minutes": 480, "lead_minimum_hours": 24,
                 "lead_maximum_days": 180, "is_active": True},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        municipality = Municipality.objects.get(pk=form.cleaned_data["municipality"])
        try:
            resource = resource_create(
                actor=actor, municipality=municipality, settings=form.settings()
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("resources:backoffice-resource", resource_id=resource.pk)
    return render(
        request,
        "resources/backoffice/resource_form.html",
        {"form": form, "resource": None},
        status=400 if request.method == "POST" else 200,
    )


@permission_required(Permission.RESOURCES_MANAGE)
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    resource = resource_get_visible(
        actor=actor, resource_id=resource_id, permission=Permission.RESOURCES_MANAGE
    )
    choices = [(resource.municipality_id, resource.municipality.name)]
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["municipality"] = str(resource.municipality_id)
    form = ResourceForm(data, municipality_choices=choices, initial=resource_initial(resource))
    if data is not None and form.is_valid():
        try:
            resource_update(actor=actor, resource_id=resource.pk, settings=form.settings())
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The resource is saved."))
            return redirect("resources:backoffice-resource", resource_id=resource.pk)
    return render(
        request,
        "resources/backoffice/resource_form.html",
        {"form": form, "resource": resource},
        status=400 if data is not None else 200,
    )
