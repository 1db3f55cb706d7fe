"""The councillors' portal (/backoffice/raadslid/): the upcoming meetings of the bodies the
signed-in councillor sits in, each meeting with every item (closed ones included) and its
attachments, a search of past decisions, and the councillor's private note per item.
Made for a tablet: one column, large targets, readable without JavaScript.

Everything is read through `loket.council.portal`: an item of a body the councillor does
not sit in today answers 404, also to staff who may read it in the back office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loket.council.forms import NoteForm
from loket.council.models import AgendaItem, Topic
from loket.council.portal import (
    councillor_attachment_get,
    councillor_attachments,
    councillor_body_ids,
    councillor_decisions,
    councillor_item_get,
    councillor_items,
    councillor_meeting_get,
    councillor_meetings_past,
    councillor_meetings_upcoming,
    notes_of_author,
)
from loket.council.search import decision_filter_from, decisions_matching
from loket.council.selectors import votes_of_item
from loket.council.services import item_note_save
from loket.documents.selectors import document_content_open
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of

P = Permission


@require_GET
@permission_required(P.COUNCIL_PORTAL)
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    return render(
        request,
        "council/backoffice/councillor/home.html",
        {
            "is_member": bool(councillor_body_ids(actor=actor)),
            "upcoming": councillor_meetings_upcoming(actor=actor),
            "past": councillor_meetings_past(actor=actor)[:5],
            "topics": Topic.choices,
        },
    )


@require_GET
@permission_required(P.COUNCIL_PORTAL)
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = councillor_meeting_get(actor=actor, meeting_id=meeting_id)
    items = councillor_items(meeting=found)
    attachments = councillor_attachments(items=items)
    notes = notes_of_author(actor=actor, item_ids=[item.pk for item in items])
    rows = [(item, attachments[item.pk], notes.get(item.pk)) for item in items]
    return render(
        request,
        "council/backoffice/councillor/meeting.html",
        {
            "meeting": found,
            "rows": rows,
            "livestream_url": found.livestream_url or found.body.livestream_url,
        },
    )


def _item_page(
    request: HttpRequest, item: AgendaItem, form: NoteForm, *, status: int = 200
) -> HttpResponse:
    actor = actor_from_request(request)
    return render(
        request,
        "council/backoffice/councillor/item.html",
        {
            "item": item,
            "meeting": item.meeting,
            "attachments": councillor_attachments(items=[item])[item.pk],
            "votes": votes_of_item(item=item),
            "form": form,
            "note": notes_of_author(actor=actor, item_ids=[item.pk]).get(item.pk),
        },
        status=status,
    )


@require_GET
@permission_required(P.COUNCIL_PORTAL)
def item(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = councillor_item_get(actor=actor, item_id=item_id)
    note = notes_of_author(actor=actor, item_ids=[found.pk]).get(found.pk)
    return _item_page(request, found, NoteForm(initial={"text": note.text if note else ""}))


@require_POST
@permission_required(P.COUNCIL_PORTAL)
def item_note(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    found = councillor_item_get(actor=actor, item_id=item_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            item_note_save(actor=actor, item_id=found.pk, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error.message_dict.get("text", error.messages))
        else:
            messages.success(request, _("Your note was saved. Only you can read it."))
            return redirect("council:councillor-item", item_id=found.pk)
    return _item_page(request, found, form, status=400)


@require_GET
@permission_required(P.COUNCIL_PORTAL)
def attachment(request: HttpRequest, item_id: int, document_id: int) -> FileResponse:
    actor = actor_from_request(request)
    document = councillor_attachment_get(actor=actor, item_id=item_id, document_id=document_id)
    return FileResponse(
        document_content_open(document=document),
        content_type=document.content_type or "application/octet-stream",
        filename=document.file_name,
    )


@require_GET
@permission_required(P.COUNCIL_PORTAL)
def decisions(request: HttpRequest) -> HttpResponse:
    """Search the decisions of the councillor's bodies, closed items included."""
    actor = actor_from_request(request)
    search = decision_filter_from(request.GET.dict())
    items = councillor_decisions(actor=actor)
    context = {
        "search": search,
        "topics": Topic.choices,
        "page": page_of(request, decisions_matching(items, search=search), per_page=20),
    }
    return render_page_or_partial(
        request,
        "council/backoffice/councillor/decisions.html",
        "council/backoffice/councillor/_decisions.html",
        context,
    )
