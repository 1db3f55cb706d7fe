"""Back-office pages of the resident register: the resident search and the resident's
record, opened for a stated purpose, with the 360° view for staff who may see it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from loket.audit.models import AccessChannel
from loket.audit.selectors import access_log_of_person
from loket.people.selectors import (
    address_current,
    addresses_of,
    consents_of,
    person_get_visible,
    person_read_for_purpose,
    persons_search,
)
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial
from loket.web.purpose import PurposeWording, purpose_asked, purpose_page
from loket.web.resident_history import resident_history

ACCESS_LOG_SUMMARY = 10
RESIDENT_DETAIL = gettext_noop("resident detail")
RESIDENT_PURPOSE = PurposeWording(
    title=_("Why do you open this record?"),
    lead=_(
        "Personal data may only be read for a reason. Your name, the time and the reason "
        "are recorded, and the resident can see them."
    ),
    missing=_("Choose the reason for opening this record."),
    submit=_("Open the record"),
    back=_("Back to the search"),
    parent=_("Resident search"),
    current=_("Resident"),
)


@permission_required(Permission.PEOPLE_SEARCH)
def resident_search(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "").strip()
    results = persons_search(actor=actor, query=query) if query else []
    return render_page_or_partial(
        request,
        "people/backoffice/resident_search.html",
        "people/backoffice/_resident_results.html",
        {"query": query, "results": results},
    )


@permission_required(Permission.PEOPLE_VIEW)
def resident_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    purpose = purpose_asked(request)
    if purpose is None:
        person_get_visible(actor=actor, person_id=person_id)  # another municipality: 404
        return purpose_page(
            request, wording=RESIDENT_PURPOSE, back_url=reverse("people:resident-search")
        )
    read = person_read_for_purpose(
        actor=actor,
        person_id=person_id,
        purpose=purpose,
        what=RESIDENT_DETAIL,
        channel=AccessChannel.WEB,
        with_household=True,
    )
    person = read.person
    show_360 = read.household is not None
    context: dict[str, Any] = {
        "person": person,
        "purpose": purpose,
        "address": address_current(person=person),
        "addresses": list(addresses_of(person=person)),
        "show_360": show_360,
    }
    if show_360:
        context["household"] = read.household
        context["consents"] = consents_of(person=person)
        context["access_log"] = list(access_log_of_person(person=person)[:ACCESS_LOG_SUMMARY])
        context["history"] = resident_history(actor=actor, person=person)
    return render(request, "people/backoffice/resident_detail.html", context)
