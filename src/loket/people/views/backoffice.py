"""Back-office pages of the resident register: the resident search and the resident's
record, opened for a stated purpose, with the 360° view for staff who may see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.selectors import access_log_of_person
from loket.people.models import ConsentPurpose
from loket.people.selectors import (
    address_current,
    addresses_of,
    consent_records_of,
    consents_of,
    person_get_visible,
    person_read_for_purpose,
    persons_search,
)
from loket.people.services import consents_record
from loket.people.timeline import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    TimelineChannel,
    resident_timeline,
    resident_timeline_read_for_purpose,
    timeline_channels,
    timeline_kinds,
)
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial, wants_partial
from loket.web.purpose import PurposeWording, purpose_asked, purpose_page

ACCESS_LOG_SUMMARY = 10
RESIDENT_DETAIL = gettext_noop("resident detail")
RESIDENT_TIMELINE = gettext_noop("resident timeline")
RESIDENT_CONSENTS = gettext_noop("resident consents")
TIMELINE_TARGET = "resident-timeline-results"
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


@dataclass(frozen=True)
class TimelineFilter:
    kind: str
    channel: str
    limit: int


def _timeline_filter(query: QueryDict, kind_codes: set[str]) -> TimelineFilter:
    """The timeline's filters from the query string; anything unknown counts as not given."""
    kind = query.get("kind", "")
    channel = query.get("channel", "")
    limit = query.get("limit", "")
    return TimelineFilter(
        kind=kind if kind in kind_codes else "",
        channel=channel if channel in TimelineChannel.values else "",
        limit=min(int(limit), MAX_LIMIT) if limit.isdigit() and int(limit) > 0 else DEFAULT_LIMIT,
    )


def _timeline_context(actor: Actor, chosen: TimelineFilter, entries: list[Any]) -> dict[str, Any]:
    return {
        "timeline": entries,
        "timeline_filter": chosen,
        "timeline_more": min(chosen.limit * 2, MAX_LIMIT)
        if len(entries) >= chosen.limit and chosen.limit < MAX_LIMIT
        else None,
        "may_record_contact": actor.has(Permission.CRM_RECORD),
    }


@permission_required(Permission.PEOPLE_VIEW)
def resident_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    purpose = purpose_asked(request)
    if purpose is None:
        person_get_visible(actor=actor, person_id=person_id)  # another municipality: 404
        return purpose_page(
            request, wording=RESIDENT_PURPOSE, back_url=reverse("people:resident-search")
        )
    kinds = timeline_kinds(actor=actor)
    chosen = _timeline_filter(request.GET, {kind.code for kind in kinds})
    if wants_partial(request, target=TIMELINE_TARGET):
        return _timeline_partial(request, actor, person_id, purpose, chosen)
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
        context["may_record_consent"] = actor.has(Permission.PEOPLE_EDIT, person.municipality_id)
        context["access_log"] = list(access_log_of_person(person=person)[:ACCESS_LOG_SUMMARY])
        context["timeline_kinds"] = kinds
        context["timeline_channels"] = timeline_channels()
        entries = resident_timeline(
            actor=actor,
            person=person,
            kinds=[chosen.kind] if chosen.kind else (),
            channel=chosen.channel,
            limit=chosen.limit,
        )
        context.update(_timeline_context(actor, chosen, entries))
    return render_page_or_partial(
        request,
        "people/backoffice/resident_detail.html",
        "people/backoffice/_timeline_results.html",
        context,
        target=TIMELINE_TARGET,
    )


def _timeline_partial(
    request: HttpRequest,
    actor: Actor,
    person_id: int,
    purpose: AccessPurpose,
    chosen: TimelineFilter,
) -> HttpResponse:
    """The timeline alone, filtered in place by htmx (a read of its own in the access log)."""
    person, entries = resident_timeline_read_for_purpose(
        actor=actor,
        person_id=person_id,
        purpose=purpose,
        what=RESIDENT_TIMELINE,
        channel=AccessChannel.WEB,
        kinds=[chosen.kind] if chosen.kind else (),
        timeline_channel=chosen.channel,
        limit=chosen.limit,
    )
    context = {"person": person, "purpose": purpose, **_timeline_context(actor, chosen, entries)}
    return render_page_or_partial(
        request,
        "people/backoffice/resident_detail.html",
        "people/backoffice/_timeline_results.html",
        context,
        target=TIMELINE_TARGET,
    )


CONSENTS_PURPOSE = PurposeWording(
    title=_("Why do you open this record?"),
    lead=RESIDENT_PURPOSE.lead,
    missing=RESIDENT_PURPOSE.missing,
    submit=_("Open the consents"),
    back=_("Back to the search"),
    parent=_("Resident search"),
    current=_("Consents"),
)


@permission_required(Permission.PEOPLE_EDIT)
def resident_consents(request: HttpRequest, person_id: int) -> HttpResponse:
    """The resident's consents, and the answers they give at the counter or on the phone,
    recorded with the staff member's name (one purpose at a time: given or withdrawn).
    Opened for a purpose, like the record; the read is in the resident's access log."""
    actor = actor_from_request(request)
    purpose = purpose_asked(request)
    if purpose is None:
        person_get_visible(actor=actor, person_id=person_id, permission=Permission.PEOPLE_EDIT)
        return purpose_page(
            request, wording=CONSENTS_PURPOSE, back_url=reverse("people:resident-search")
        )
    here = (
        f"{reverse('people:resident-consents', args=[person_id])}?{urlencode({'purpose': purpose})}"
    )
    status = 200
    if request.method == "POST":
        chosen = request.POST.get("consent", "")
        answer = {"given": True, "withdrawn": False}.get(request.POST.get("answer", ""))
        if chosen not in ConsentPurpose.values or answer is None:
            person_get_visible(actor=actor, person_id=person_id, permission=Permission.PEOPLE_EDIT)
            messages.error(request, _("Choose a consent and whether it is given or withdrawn."))
            status = 400
        else:
            try:
                consents_record(actor=actor, person_id=person_id, consents={chosen: answer})
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("The resident's answer is recorded."))
                return redirect(here)
    read = person_read_for_purpose(
        actor=actor,
        person_id=person_id,
        purpose=purpose,
        what=RESIDENT_CONSENTS,
        channel=AccessChannel.WEB,
        permission=Permission.PEOPLE_EDIT,
    )
    records = consent_records_of(person=read.person)
    return render(
        request,
        "people/backoffice/resident_consents.html",
        {
            "person": read.person,
            "purpose": purpose,
            "action": here,
            "rows": [(value, label, records.get(value)) for value, label in ConsentPurpose.choices],
        },
        status=status,
    )
