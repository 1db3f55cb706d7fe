"""The queue endpoints under /api/v1 (joined in loket.api.routers), for an existing kiosk,
a display and desk software.

Taking a ticket, reading it by its token and the display state are public (an office is
public); calling the next ticket to a desk needs queue.serve in the desk's municipality
(another municipality's desk answers 404).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Router, Schema, Status

from loket.api.auth import actor_of
from loket.api.errors import ApiError, ErrorResponse
from loket.api.permissions import public, requires
from loket.queue.links import ticket_token
from loket.queue.models import Ticket, TicketChannel
from loket.queue.selectors import (
    display_state,
    office_public_get,
    queues_of_office,
    ticket_by_token,
    ticket_estimate,
)
from loket.queue.services import ticket_call_next, ticket_take
from loket.queue.throttle import ticket_take_hit, ticket_take_refusal
from loket.queue.workflow import TicketStatus
from loket.reports.ratelimit import client_address
from loket.tenancy.permissions import Permission

router = Router(tags=["queue"])


class TicketIn(Schema):
    queue_id: int
    language: str = Field("nl", pattern="^(nl|fr|en)$")
    phone: str = Field("", max_length=30, description="For a text message before the turn.")
    email: str = Field("", max_length=200, description="For an e-mail before the turn.")


class TicketOut(Schema):
    token: str = Field(
        description="The ticket's secret link, valid on the ticket's day: "
        "GET /queue/tickets/{token}. Loket stores it nowhere: keep it."
    )
    code: str = Field(examples=["A-012"])
    office_id: int
    queue_id: int
    status: TicketStatus
    priority: bool
    taken_at: dt.datetime
    called_at: dt.datetime | None
    desk_name: str | None
    people_ahead: int
    estimated_minutes: int | None = Field(description="None while no desk is open.")


class CalledOut(Schema):
    code: str
    desk_name: str
    called_at: dt.datetime


class QueueStateOut(Schema):
    queue_id: int
    letter: str
    name: str
    waiting: int


class DisplayOut(Schema):
    office_id: int
    called: list[CalledOut] = Field(description="The last numbers called, newest first.")
    queues: list[QueueStateOut]


class CallOut(Schema):
    ticket: TicketOut | None = Field(description="None: nobody is waiting.")


def _ticket_out(ticket: Ticket, token: str | None = None) -> TicketOut:
    estimate = ticket_estimate(ticket=ticket)
    return TicketOut(
        token=token or ticket_token(ticket_id=ticket.pk),
        code=ticket.code,
        office_id=ticket.office_id,
        queue_id=ticket.queue_id,
        status=TicketStatus(ticket.status),
        priority=ticket.priority,
        taken_at=ticket.taken_at,
        called_at=ticket.called_at,
        desk_name=ticket.desk.name if ticket.desk is not None else None,
        people_ahead=estimate.ahead,
        estimated_minutes=estimate.minutes,
    )


@router.post(
    "/queue/offices/{office_id}/tickets",
    response={201: TicketOut, 404: ErrorResponse},
    auth=None,
)
@public
def queue_ticket_take(request: HttpRequest, office_id: int, payload: TicketIn) -> Status[TicketOut]:
    """Take a ticket in one of the office's queues (what the kiosk does). 422 when the
    office is closed or the queue is not one of the office's, 429 when this address took
    too many tickets in a short time. Priority is granted at the kiosk or by a clerk only."""
    office = office_public_get(office_id=office_id)
    limited = ticket_take_hit(address=client_address(request))
    if not limited.allowed:
        raise ApiError(status=429, code="throttled", message=ticket_take_refusal(limited))
    ticket = ticket_take(
        actor=actor_of(request),
        office=office,
        queue_id=payload.queue_id,
        channel=TicketChannel.KIOSK,
        language=payload.language or get_language() or "nl",
        phone=payload.phone,
        email=payload.email,
    )
    return Status(201, _ticket_out(ticket))


@router.get("/queue/tickets/{token}", response={200: TicketOut, 404: ErrorResponse}, auth=None)
@public
def queue_ticket_read(request: HttpRequest, token: str) -> TicketOut:
    """A ticket's status, people ahead and estimated wait, by its secret token."""
    return _ticket_out(ticket_by_token(token=token), token)


@router.get(
    "/queue/offices/{office_id}/display", response={200: DisplayOut, 404: ErrorResponse}, auth=None
)
@public
def queue_display(request: HttpRequest, office_id: int) -> DisplayOut:
    """What the screen in the hall shows."""
    office = office_public_get(office_id=office_id)
    state = display_state(office=office)
    return DisplayOut(
        office_id=office.pk,
        called=[
            CalledOut(code=t.code, desk_name=t.desk.name if t.desk else "", called_at=t.called_at)
            for t in state.called
            if t.called_at is not None
        ],
        queues=[
            QueueStateOut(
                queue_id=queue.pk,
                letter=queue.letter,
                name=queue.name,
                waiting=state.waiting.get(queue.pk, 0),
            )
            for queue in queues_of_office(office=office)
        ],
    )


@router.post("/queue/desks/{desk_id}/call-next", response={200: CallOut, 404: ErrorResponse})
@requires(Permission.QUEUE_SERVE)
def queue_call_next(request: HttpRequest, desk_id: int) -> CallOut:
    """Call the next ticket to the desk: appointments due now, then priority tickets, then
    in order of arrival. 422 while a ticket is still at the desk."""
    ticket = ticket_call_next(actor=actor_of(request), desk_id=desk_id)
    return CallOut(ticket=_ticket_out(ticket) if ticket is not None else None)
