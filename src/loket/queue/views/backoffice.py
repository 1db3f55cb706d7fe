"""Staff pages: the offices and their desks, a desk (call next, the resident at the desk,
open and close), moving a ticket along, and a ticket taken by a clerk."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel, AccessPurpose
from loket.people.selectors import person_by_national_number
from loket.queue.forms import ClerkTicketForm, QueueForm
from loket.queue.models import TicketChannel
from loket.queue.selectors import (
    appointments_due_read_for_purpose,
    desk_get_visible,
    desks_of_office,
    desks_open,
    office_get_visible,
    offices_visible_to,
    queues_of_office,
    ticket_at_desk,
    ticket_get_visible,
    waiting_in_calling_order,
)
from loket.queue.services import (
    desk_session_close,
    desk_session_open,
    queue_save,
    ticket_call_next,
    ticket_for_appointment,
    ticket_take,
    ticket_transition,
)
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of

PAGE_SIZE = 10


@permission_required(Permission.QUEUE_VIEW)
def office_list(request: HttpRequest) -> HttpResponse:
    return _offices_page(request)


def _offices_page(
    request: HttpRequest,
    *,
    clerk_form: ClerkTicketForm | None = None,
    clerk_office_id: int | None = None,
    status: int = 200,
) -> HttpResponse:
    """The offices with their desks; a refused reception ticket shows its form again under
    its office (`clerk_form`, with the errors and what was typed)."""
    actor = actor_from_request(request)
    chosen = municipality_filter(
        request, municipality_ids=actor.municipality_ids(Permission.QUEUE_VIEW)
    )
    visible = chosen.apply(offices_visible_to(actor=actor).select_related("municipality"))
    if clerk_office_id is not None:  # the refused form's office, wherever it is in the list
        visible = visible.filter(pk=clerk_office_id)
    page = page_of(
        request, visible.order_by("municipality__name_nl", "name_nl", "pk"), per_page=PAGE_SIZE
    )
    rows = [
        (office, desks_of_office(office=office), queues_of_office(office=office))
        for office in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "municipality_filter": chosen,
        "can_manage": actor.has(Permission.QUEUE_MANAGE),
        "clerk_form": clerk_form,
        "clerk_office_id": clerk_office_id,
    }
    return render_page_or_partial(
        request,
        "queue/backoffice/offices.html",
        "queue/backoffice/_offices.html",
        context,
        target="offices-results",
        status=status,
    )


@permission_required(Permission.QUEUE_SERVE)
def desk(request: HttpRequest, desk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = desk_get_visible(actor=actor, desk_id=desk_id)
    office = found.office
    context = {
        "desk": found,
        "office": office,
        "current": ticket_at_desk(desk=found),
        "is_open": desks_open(office=office).filter(desk=found).exists(),
        # The next ones to call; the page says how many wait in all.
        "waiting": list(waiting_in_calling_order(office=office).select_related("queue")[:10]),
        "waiting_count": waiting_in_calling_order(office=office).count(),
        "queues": queues_of_office(office=office),
        "can_view_resident": actor.has(Permission.PEOPLE_VIEW, office.municipality_id),
        # The residents' names: a read for the resident at the counter, in their access log.
        "appointments": appointments_due_read_for_purpose(
            actor=actor,
            office=office,
            purpose=AccessPurpose.COUNTER_VISIT,
            channel=AccessChannel.WEB,
        ),
    }
    return render(request, "queue/backoffice/desk.html", context)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@permission_required(Permission.QUEUE_SERVE)
@require_POST
def desk_call_next(request: HttpRequest, desk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        called = ticket_call_next(actor=actor, desk_id=desk_id)
    except ValidationError as error:
        _refused(request, error)
    else:
        if called is None:
            messages.info(request, _("Nobody is waiting."))
    return redirect("queue:backoffice-desk", desk_id=desk_id)


@permission_required(Permission.QUEUE_SERVE)
@require_POST
def desk_open_close(request: HttpRequest, desk_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        if request.POST.get("open") == "1":
            desk_session_open(actor=actor, desk_id=desk_id)
        else:
            desk_session_close(actor=actor, desk_id=desk_id)
    except ValidationError as error:
        _refused(request, error)
    return redirect("queue:backoffice-desk", desk_id=desk_id)


@permission_required(Permission.QUEUE_SERVE)
@require_POST
def ticket_status(request: HttpRequest, ticket_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = ticket_get_visible(actor=actor, ticket_id=ticket_id, permission=Permission.QUEUE_SERVE)
    desk_id = found.desk_id
    try:
        ticket_transition(
            actor=actor, ticket_id=found.pk, to_status=request.POST.get("to_status", "")
        )
    except ValidationError as error:
        _refused(request, error)
    if desk_id is not None:
        return redirect("queue:backoffice-desk", desk_id=desk_id)
    return redirect("queue:backoffice-offices")


@permission_required(Permission.QUEUE_SERVE)
@require_POST
def clerk_ticket(request: HttpRequest, office_id: int) -> HttpResponse:
    """A clerk takes a ticket for a resident at the reception (optionally naming them by
    national number, so the desk sees their history)."""
    actor = actor_from_request(request)
    office = office_get_visible(actor=actor, office_id=office_id, permission=Permission.QUEUE_SERVE)
    form = ClerkTicketForm(request.POST, auto_id=f"clerk-{office.pk}-%s")
    if form.is_valid():
        number = form.cleaned_data["national_number"].strip()
        person = None
        if number:
            person = person_by_national_number(
                actor=actor, national_number=number, permission=Permission.PEOPLE_SEARCH
            )
            if person is None:
                form.add_error("national_number", _("No resident of the region has this number."))
        if person is not None or not number:
            try:
                taken = ticket_take(
                    actor=actor,
                    office=office,
                    queue_id=form.queue_id(),
                    channel=TicketChannel.CLERK,
                    language=(get_language() or "nl")[:2],
                    priority=form.cleaned_data["priority"],
                    person=person,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("Ticket %(code)s taken.") % {"code": taken.code})
                return redirect("queue:backoffice-offices")
    return _offices_page(request, clerk_form=form, clerk_office_id=office.pk, status=400)


@permission_required(Permission.QUEUE_SERVE, Permission.APPOINTMENTS_VIEW)
@require_POST
def appointment_check_in(request: HttpRequest, desk_id: int, appointment_id: int) -> HttpResponse:
    """The resident of an appointment arrived: their ticket, called before the walk-ins."""
    actor = actor_from_request(request)
    desk_get_visible(actor=actor, desk_id=desk_id)
    try:
        taken = ticket_for_appointment(actor=actor, appointment_id=appointment_id)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Ticket %(code)s taken.") % {"code": taken.code})
    return redirect("queue:backoffice-desk", desk_id=desk_id)


@permission_required(Permission.QUEUE_MANAGE)
def office_queues(request: HttpRequest, office_id: int) -> HttpResponse:
    """An office's queues (product groups): the list, and a form that adds one or changes
    the one with the same letter."""
    actor = actor_from_request(request)
    office = office_get_visible(
        actor=actor, office_id=office_id, permission=Permission.QUEUE_MANAGE
    )
    form = QueueForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = queue_save(
                    actor=actor,
                    office_id=office.pk,
                    letter=data["letter"],
                    name_nl=data["name_nl"],
                    name_fr=data["name_fr"],
                    name_en=data["name_en"],
                    product_codes=data["products"],
                    position=data["position"],
                    is_active=data["is_active"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("Queue %(letter)s saved.") % {"letter": saved.letter})
                return redirect("queue:backoffice-office-queues", office_id=office.pk)
        status = 422
    context = {
        "office": office,
        "queues": queues_of_office(office=office, active_only=False).prefetch_related("products"),
        "form": form,
    }
    return render(request, "queue/backoffice/office_queues.html", context, status=status)
