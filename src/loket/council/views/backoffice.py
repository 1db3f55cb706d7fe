"""The secretary's pages: the meetings, a meeting (its agenda and lifecycle), an agenda
item (its case, attachments, treatment, votes and decision) and a governing body (its
mandates). Every object is read through the actor's selectors: another municipality's
answers 404 like one that does not exist, and nothing is written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.cases.selectors import case_get_visible
from loket.council.forms import (
    AttachmentForm,
    BodyForm,
    CaseLinkForm,
    ItemForm,
    MandateForm,
    MeetingForm,
    TreatmentForm,
    VoteForm,
)
from loket.council.models import AgendaItem, Meeting, Topic
from loket.council.selectors import (
    ITEM_OWNER,
    attendance_of,
    bodies_visible_to,
    body_get_visible,
    item_get_visible,
    items_of_meeting,
    mandates_of_body,
    meeting_get_visible,
    meeting_history,
    meetings_visible_to,
    parties_of,
    votes_of_item,
)
from loket.council.services import (
    agenda_item_add,
    agenda_item_attach,
    agenda_item_case_link,
    attendance_record,
    body_create,
    item_treatment_record,
    mandate_register,
    meeting_create,
    meeting_transition,
    vote_record,
)
from loket.council.workflow import AGENDA_EDITABLE, LIFECYCLE, RECORDING_OPEN, MeetingStatus
from loket.documents.selectors import documents_of_owner
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.lists import municipality_filter
from loket.web.pagination import page_of

P = Permission


@permission_required(P.COUNCIL_VIEW)
def meetings(request: HttpRequest) -> HttpResponse:
    """The meetings of the actor's municipalities, latest first, and their bodies."""
    actor = actor_from_request(request)
    chosen = municipality_filter(request, municipality_ids=actor.municipality_ids(P.COUNCIL_VIEW))
    page = page_of(request, chosen.apply(meetings_visible_to(actor=actor)), per_page=25)
    context = {
        "page": page,
        "municipality_filter": chosen,
        "bodies": chosen.apply(bodies_visible_to(actor=actor)),
        "can_prepare": actor.has(P.COUNCIL_PREPARE),
    }
    return render_page_or_partial(
        request, "council/backoffice/meetings.html", "council/backoffice/_meetings.html", context
    )


@permission_required(P.COUNCIL_MANAGE)
def bodies(request: HttpRequest) -> HttpResponse:
    """Add a governing body to one of the actor's municipalities."""
    actor = actor_from_request(request)
    municipalities = list(
        Municipality.objects.filter(pk__in=actor.municipality_ids(P.COUNCIL_MANAGE)).order_by(
            "name_nl"
        )
    )
    form = BodyForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        body = body_create(
            actor=actor,
            municipality_id=form.cleaned_data["municipality"],
            kind=form.cleaned_data["kind"],
        )
        return redirect("council:backoffice-body", body_id=body.pk)
    return render(
        request,
        "council/backoffice/body_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@permission_required(P.COUNCIL_VIEW)
def body(request: HttpRequest, body_id: int) -> HttpResponse:
    """A body's mandates; with `council.manage`, add one."""
    actor = actor_from_request(request)
    found = body_get_visible(actor=actor, body_id=body_id)
    parties = parties_of(municipality_id=found.municipality_id)
    form = MandateForm(request.POST or None, parties=parties)
    status = 200
    if request.method == "POST":
        found = body_get_visible(actor=actor, body_id=body_id, permission=P.COUNCIL_MANAGE)
        if form.is_valid():
            data = form.cleaned_data
            try:
                mandate_register(
                    actor=actor,
                    body_id=found.pk,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    role=data["role"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    party_id=data["party"].pk if data["party"] else None,
                    new_party=data["new_party"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The mandate was added."))
                return redirect("council:backoffice-body", body_id=found.pk)
        status = 400
    context = {
        "body": found,
        "mandates": mandates_of_body(body=found),
        "form": form,
        "can_manage": actor.has(P.COUNCIL_MANAGE, found.municipality_id),
        "mandates_today": mandates_of_body(body=found, on=timezone.localdate()),
    }
    return render(request, "council/backoffice/body.html", context, status=status)


@permission_required(P.COUNCIL_PREPARE)
def meeting_new(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = MeetingForm(
        request.POST or None, bodies=bodies_visible_to(actor=actor, permission=P.COUNCIL_PREPARE)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = meeting_create(
            actor=actor,
            body_id=data["body"].pk,
            planned_start=data["planned_start"],
            location=data["location"],
            secretary_name=data["secretary_name"],
        )
        return redirect("council:backoffice-meeting", meeting_id=created.pk)
    return render(
        request,
        "council/backoffice/meeting_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _meeting_page(
    request: HttpRequest,
    actor: Actor,
    meeting: Meeting,
    *,
    item_form: ItemForm | None = None,
    status_error: str = "",
    attendance_error: str = "",
    status: int = 200,
) -> HttpResponse:
    municipality_id = meeting.municipality_id
    recording = meeting.status in RECORDING_OPEN and actor.has(P.COUNCIL_RECORD, municipality_id)
    seats = (
        list(mandates_of_body(body=meeting.body, on=meeting.planned_start.date()))
        if recording
        else []
    )
    context = {
        "meeting": meeting,
        "items": items_of_meeting(meeting=meeting),
        "history": meeting_history(meeting=meeting),
        "moves": [
            (t.target, MeetingStatus(t.target).label, t.reason_required)
            for t in LIFECYCLE.from_status(meeting.status)
        ]
        if actor.has(P.COUNCIL_RECORD, municipality_id)
        else [],
        "status_error": status_error,
        "item_form": item_form or ItemForm(),
        "can_prepare": meeting.status in AGENDA_EDITABLE
        and actor.has(P.COUNCIL_PREPARE, municipality_id),
        "recording": recording,
        "seats": seats,
        "present": {row.mandate_id for row in attendance_of(meeting=meeting) if row.present},
        "attendance_error": attendance_error,
        "can_set_links": actor.has(P.COUNCIL_PREPARE, municipality_id),
    }
    return render(request, "council/backoffice/meeting.html", context, status=status)


def _case_id(actor: Actor, number: str) -> int | None:
    """The case of that number through the actor's own cases selector; None for none."""
    try:
        return case_get_visible(actor=actor, number=number.strip()).pk
    except Http404:
        return None


@permission_required(P.COUNCIL_VIEW)
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A meeting: its agenda, its history and its next steps; POST adds an agenda item."""
    actor = actor_from_request(request)
    found = meeting_get_visible(actor=actor, meeting_id=meeting_id)
    if request.method != "POST":
        return _meeting_page(request, actor, found)
    found = meeting_get_visible(actor=actor, meeting_id=meeting_id, permission=P.COUNCIL_PREPARE)
    form = ItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        case_id = None
        if data["case_number"].strip():
            case_id = _case_id(actor, data["case_number"])
            if case_id is None:
                form.add_error("case_number", _("There is no case with this number."))
        if form.is_valid():
            try:
                agenda_item_add(
                    actor=actor,
                    meeting_id=found.pk,
                    title=data["title"],
                    description=data["description"],
                    draft_decision=data["draft_decision"],
                    is_public=data["is_public"],
                    case_id=case_id,
                    topic=data["topic"] or Topic.GENERAL,
                )
            except Http404:
                form.add_error("case_number", _("There is no case with this number."))
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The agenda item was added."))
                return redirect("council:backoffice-meeting", meeting_id=found.pk)
    return _meeting_page(request, actor, found, item_form=form, status=400)


@require_POST
@permission_required(P.COUNCIL_RECORD)
def meeting_status(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = meeting_get_visible(actor=actor, meeting_id=meeting_id, permission=P.COUNCIL_RECORD)
    try:
        meeting_transition(
            actor=actor,
            meeting_id=found.pk,
            to_status=request.POST.get("to_status", ""),
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        found.refresh_from_db()
        return _meeting_page(
            request, actor, found, status_error=" ".join(error.messages), status=400
        )
    messages.success(request, _("The meeting's status was changed."))
    return redirect("council:backoffice-meeting", meeting_id=found.pk)


@require_POST
@permission_required(P.COUNCIL_RECORD)
def meeting_attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Who of the body was present at the start (the checked members; the others absent)."""
    actor = actor_from_request(request)
    found = meeting_get_visible(actor=actor, meeting_id=meeting_id, permission=P.COUNCIL_RECORD)
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    try:
        attendance_record(actor=actor, meeting_id=found.pk, present=present)
    except ValidationError as error:
        return _meeting_page(
            request, actor, found, attendance_error=" ".join(error.messages), status=400
        )
    messages.success(request, _("The attendance was recorded."))
    return redirect("council:backoffice-meeting", meeting_id=found.pk)


def _item_page(
    request: HttpRequest,
    actor: Actor,
    item: AgendaItem,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    meeting = item.meeting
    municipality_id = item.municipality_id
    mandates = list(mandates_of_body(body=meeting.body, on=meeting.planned_start.date()))
    editable = meeting.status in AGENDA_EDITABLE and actor.has(P.COUNCIL_PREPARE, municipality_id)
    recording = meeting.status in RECORDING_OPEN and actor.has(P.COUNCIL_RECORD, municipality_id)
    context = {
        "item": item,
        "meeting": meeting,
        "votes": votes_of_item(item=item),
        "attachments": documents_of_owner(actor=actor, owner_type=ITEM_OWNER, owner_id=item.pk),
        "editable": editable,
        "recording": recording,
        "case_form": forms.get("case_form") or CaseLinkForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "treatment_form": forms.get("treatment_form")
        or TreatmentForm(
            initial={
                "held_in_public": item.is_public
                if item.held_in_public is None
                else item.held_in_public,
                "discussion": item.discussion,
                "decision_title": item.decision_title or item.title,
                "decision_text": item.decision_text or item.draft_decision,
            }
        ),
        "vote_form": forms.get("vote_form") or VoteForm(mandates=mandates),
    }
    return render(request, "council/backoffice/item.html", context, status=status)


@permission_required(P.COUNCIL_VIEW)
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    return _item_page(request, actor, item_get_visible(actor=actor, item_id=item_id))


@require_POST
@permission_required(P.COUNCIL_PREPARE)
def item_case(request: HttpRequest, item_id: int) -> HttpResponse:
    """Link the item to a case the actor may see in the meeting's municipality."""
    actor = actor_from_request(request)
    found = item_get_visible(actor=actor, item_id=item_id, permission=P.COUNCIL_PREPARE)
    form = CaseLinkForm(request.POST)
    if form.is_valid():
        case_id = _case_id(actor, form.cleaned_data["case_number"])
        try:
            if case_id is None:
                raise Http404
            agenda_item_case_link(actor=actor, item_id=found.pk, case_id=case_id)
        except Http404:
            form.add_error("case_number", _("There is no case with this number."))
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The case was linked."))
            return redirect("council:backoffice-item", item_id=found.pk)
    return _item_page(request, actor, found, case_form=form, status=400)


@require_POST
@permission_required(P.COUNCIL_PREPARE)
def item_attachment(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = item_get_visible(actor=actor, item_id=item_id, permission=P.COUNCIL_PREPARE)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            agenda_item_attach(
                actor=actor,
                item_id=found.pk,
                title=form.cleaned_data["title"],
                file_name=upload.name,
                content=upload,
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The attachment was added."))
            return redirect("council:backoffice-item", item_id=found.pk)
    return _item_page(request, actor, found, attachment_form=form, status=400)


@require_POST
@permission_required(P.COUNCIL_RECORD)
def item_treatment(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = item_get_visible(actor=actor, item_id=item_id, permission=P.COUNCIL_RECORD)
    form = TreatmentForm(request.POST)
    if form.is_valid():
        try:
            item_treatment_record(actor=actor, item_id=found.pk, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The treatment and decision were recorded."))
            return redirect("council:backoffice-item", item_id=found.pk)
    return _item_page(request, actor, found, treatment_form=form, status=400)


@require_POST
@permission_required(P.COUNCIL_RECORD)
def item_vote(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = item_get_visible(actor=actor, item_id=item_id, permission=P.COUNCIL_RECORD)
    meeting = found.meeting
    mandates = list(mandates_of_body(body=meeting.body, on=meeting.planned_start.date()))
    form = VoteForm(request.POST, mandates=mandates)
    if form.is_valid():
        data = form.cleaned_data
        try:
            vote_record(
                actor=actor,
                item_id=found.pk,
                subject=data["subject"],
                outcome=data["outcome"],
                is_secret=data["is_secret"],
                counts=form.counts(),
                casts=form.casts(),
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The vote was recorded."))
            return redirect("council:backoffice-item", item_id=found.pk)
    return _item_page(request, actor, found, vote_form=form, status=400)
