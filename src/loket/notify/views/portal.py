"""The resident's inbox on "my page" (under /mijn/berichten/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from loket.notify.selectors import (
    inbox_attachment_get,
    inbox_message_get,
    inbox_messages_of,
    inbox_unread_count,
    notifications_of_person,
)
from loket.notify.services import inbox_message_mark_read
from loket.people.selectors import person_get_visible
from loket.tenancy.access import Actor, actor_from_request
from loket.web.pagination import page_of

PAGE_SIZE = 25


def _resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def _sign_in(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('web:resident-login')}?{query}")


def inbox(request: HttpRequest) -> HttpResponse:
    actor = _resident(request)
    if actor is None or actor.person_id is None:
        return _sign_in(request)
    person = person_get_visible(actor=actor, person_id=actor.person_id)
    page = page_of(request, inbox_messages_of(person=person), per_page=PAGE_SIZE)
    sent = notifications_of_person(actor=actor, person=person).exclude(status="suppressed")[:100]
    return render(
        request,
        "notify/portal/inbox.html",
        {
            "person": person,
            "page": page,
            "unread_count": inbox_unread_count(person=person),
            "sent": list(sent),
        },
    )


def inbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None or actor.person_id is None:
        return _sign_in(request)
    message = inbox_message_get(person=actor.person_id, message_id=message_id)
    inbox_message_mark_read(message=message)
    return render(request, "notify/portal/inbox_message.html", {"message": message})


def inbox_attachment(request: HttpRequest, message_id: int, attachment_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None or actor.person_id is None:
        return _sign_in(request)
    attachment = inbox_attachment_get(
        person=actor.person_id, message_id=message_id, attachment_id=attachment_id
    )
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
