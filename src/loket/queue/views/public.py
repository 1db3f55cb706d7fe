"""Pages anyone may open: the kiosk and the phone page (take a ticket), the ticket's page
(kept current by htmx polling) and the screen in the hall (idem). No sign-in."""

from __future__ import annotations

import segno
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from loket.config.links import absolute_url
from loket.queue.links import ticket_path, ticket_token
from loket.queue.models import TicketChannel
from loket.queue.selectors import (
    TicketExpired,
    display_state,
    office_is_open,
    office_public_get,
    queues_of_office,
    ticket_by_token,
    ticket_estimate,
)
from loket.queue.services import ticket_cancel_by_holder, ticket_take
from loket.queue.throttle import ticket_take_hit, ticket_take_refusal
from loket.reports.ratelimit import client_address
from loket.tenancy.access import actor_from_request, public
from loket.web.htmx import wants_partial


def _take_page(request: HttpRequest, office_id: int, channel: TicketChannel) -> HttpResponse:
    office = office_public_get(office_id=office_id)
    errors: list[str] = []
    status = 200
    limited = ticket_take_hit(address=client_address(request)) if request.method == "POST" else None
    if limited is not None and not limited.allowed:
        errors = [ticket_take_refusal(limited)]
        status = 429
    elif request.method == "POST":
        raw = request.POST.get("queue", "")
        try:
            ticket = ticket_take(
                actor=actor_from_request(request),
                office=office,
                queue_id=int(raw) if raw.isdigit() else None,
                channel=channel,
                language=(get_language() or "nl")[:2],
                # Only the kiosk in the hall (where staff see who asks) offers priority.
                priority=channel is TicketChannel.KIOSK and request.POST.get("priority") == "on",
                phone=request.POST.get("phone", "")[:30],
                email=request.POST.get("email", "")[:200],
            )
        except ValidationError as error:
            errors = [str(message) for message in error.messages]
            status = 422
        else:
            if channel is TicketChannel.KIOSK:
                # The tablet is shared: show the number and a QR code to follow it on a
                # phone, never the ticket's own (secret) page.
                context = {
                    "ticket": ticket,
                    "ticket_token": ticket_token(ticket_id=ticket.pk),
                    "estimate": ticket_estimate(ticket=ticket),
                }
                return render(request, "queue/public/kiosk_taken.html", context)
            return redirect(ticket_path(ticket_id=ticket.pk))
    context = {
        "office": office,
        "queues": queues_of_office(office=office),
        "is_open": office_is_open(office=office),
        "errors": errors,
        "kiosk": channel is TicketChannel.KIOSK,
    }
    return render(request, "queue/public/take.html", context, status=status)


@public
@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest, office_id: int) -> HttpResponse:
    """The tablet in the hall: large buttons, one per queue."""
    return _take_page(request, office_id, TicketChannel.KIOSK)


@public
@require_http_methods(["GET", "POST"])
def phone(request: HttpRequest, office_id: int) -> HttpResponse:
    """The page behind the QR code at the door, on the resident's phone."""
    return _take_page(request, office_id, TicketChannel.PHONE)


@public
def qr_code(request: HttpRequest, office_id: int) -> HttpResponse:
    """The QR code to print at the door: the phone page's address."""
    office = office_public_get(office_id=office_id)
    return _qr_svg(absolute_url(reverse("queue:phone", kwargs={"office_id": office.pk})))


def _qr_svg(url: str) -> HttpResponse:
    svg = segno.make_qr(url, error="m").svg_inline(scale=8, border=2)
    return HttpResponse(svg, content_type="image/svg+xml")


def _expired(request: HttpRequest) -> HttpResponse:
    return render(request, "queue/public/ticket_expired.html", status=410)


@public
def ticket_qr_code(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code the kiosk shows: the ticket's page, to follow it on a phone."""
    try:
        ticket_by_token(token=token)
    except TicketExpired:
        return _expired(request)
    return _qr_svg(absolute_url(reverse("queue:ticket", kwargs={"token": token})))


@public
@require_http_methods(["GET", "POST"])
def ticket(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's ticket: number, place, estimated wait; polled by htmx. Valid on the
    ticket's day only."""
    try:
        found = ticket_by_token(token=token)
    except TicketExpired:
        return _expired(request)
    error = ""
    if request.method == "POST":
        try:
            found = ticket_cancel_by_holder(token=token)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            return redirect("queue:ticket", token=token)
    estimate = ticket_estimate(ticket=found)
    version = f"{found.status}-{estimate.ahead}-{estimate.minutes}"
    if wants_partial(request) and request.GET.get("version") == version:
        return HttpResponse(status=204)
    context = {"ticket": found, "estimate": estimate, "version": version, "error": error}
    template = (
        "queue/public/_ticket_poll.html" if wants_partial(request) else "queue/public/ticket.html"
    )
    return render(request, template, context)


@public
def display(request: HttpRequest, office_id: int) -> HttpResponse:
    """The screen in the hall: the numbers called and where to go; polled by htmx."""
    office = office_public_get(office_id=office_id)
    state = display_state(office=office)
    latest = state.called[0] if state.called else None
    version = f"{latest.pk}-{latest.status}" if latest else "none"
    version += "-" + "-".join(f"{k}:{v}" for k, v in sorted(state.waiting.items()))
    if wants_partial(request) and request.GET.get("version") == version:
        return HttpResponse(status=204)
    context = {
        "office": office,
        "state": state,
        "latest": latest,
        "queues": [
            (queue, state.waiting.get(queue.pk, 0)) for queue in queues_of_office(office=office)
        ],
        "version": version,
    }
    template = (
        "queue/public/_display_poll.html" if wants_partial(request) else "queue/public/display.html"
    )
    return render(request, template, context)
