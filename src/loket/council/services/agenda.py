"""Meetings and their agenda: items, the cases they decide on, attachments
(council.prepare)."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _

from loket.cases.models import Case
from loket.cases.selectors import case_get_visible
from loket.council.history import meeting_event_append
from loket.council.models import (
    AgendaItem,
    Mandate,
    MandateRole,
    Meeting,
    MeetingEventKind,
    Topic,
)
from loket.council.selectors import (
    ITEM_OWNER,
    body_get_visible,
    item_get_visible,
    mandates_of_body,
    meeting_get_visible,
)
from loket.council.services.common import _item_index, _locked_meeting, _required, _text, _url
from loket.council.workflow import (
    AGENDA_EDITABLE,
)
from loket.documents.models import Document
from loket.documents.services import document_upload
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    body_id: int,
    planned_start: dt.datetime,
    location: str = "",
    chair_id: int | None = None,
    secretary_name: str = "",
) -> Meeting:
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_PREPARE)
    chair = None
    if chair_id is not None:
        chair = Mandate.objects.filter(pk=chair_id, body=body).first()
        if chair is None:
            raise ValidationError({"chair": _("Choose a member of this body.")})
    else:  # the body's chair on the day of the meeting
        chair = (
            mandates_of_body(body=body, on=planned_start.date())
            .filter(role=MandateRole.CHAIR)
            .first()
        )
    meeting = Meeting.objects.create(
        municipality_id=body.municipality_id,
        body=body,
        planned_start=planned_start,
        location=location.strip()[:200],
        chair=chair,
        secretary_name=(secretary_name.strip() or _full_name(actor))[:200],
    )
    meeting_event_append(meeting=meeting, kind=MeetingEventKind.CREATED, actor=actor)
    return meeting


def _full_name(actor: Actor) -> str:
    return actor.user.get_full_name() if actor.user is not None else ""


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting_id: int,
    title: str,
    description: str = "",
    draft_decision: str = "",
    is_public: bool = True,
    case_id: int | None = None,
    topic: str = Topic.GENERAL,
) -> AgendaItem:
    """Add an item at the end of a draft agenda, possibly for a case of the actor's reach
    (in the meeting's municipality)."""
    meeting = meeting_get_visible(
        actor=actor, meeting_id=meeting_id, permission=Permission.COUNCIL_PREPARE
    )
    meeting = _locked_meeting(meeting.pk)
    if meeting.status not in AGENDA_EDITABLE:
        raise ValidationError(_("The agenda is published: it cannot change any more."))
    cleaned = _required(title=title)
    if topic not in Topic.values:
        raise ValidationError({"topic": _("Choose a topic from the list.")})
    case = _case_for(actor=actor, meeting=meeting, case_id=case_id) if case_id else None
    last = meeting.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        position=last + 1,
        title=cleaned["title"][:300],
        description=_text(description),
        draft_decision=_text(draft_decision),
        is_public=is_public,
        case=case,
        topic=topic,
    )
    _item_index(item)
    meeting_event_append(
        meeting=meeting,
        kind=MeetingEventKind.ITEM_ADDED,
        actor=actor,
        data={"item_id": item.pk, "case_id": case.pk if case else None},
    )
    return item


def _case_for(*, actor: Actor, meeting: Meeting, case_id: int) -> Case:
    """The case through the actor's own cases selector; another municipality's case (even
    one a regional actor may see) answers like a case that does not exist."""
    case = case_get_visible(actor=actor, case_id=case_id)
    if case.municipality_id != meeting.municipality_id:
        raise Http404
    return case


@transaction.atomic
def agenda_item_case_link(*, actor: Actor, item_id: int, case_id: int) -> AgendaItem:
    item = item_get_visible(actor=actor, item_id=item_id, permission=Permission.COUNCIL_PREPARE)
    meeting = _locked_meeting(item.meeting_id)
    if meeting.status not in AGENDA_EDITABLE:
        raise ValidationError(_("The agenda is published: it cannot change any more."))
    item.case = _case_for(actor=actor, meeting=meeting, case_id=case_id)
    item.save(update_fields=["case"])
    meeting_event_append(
        meeting=meeting,
        kind=MeetingEventKind.CASE_LINKED,
        actor=actor,
        data={"item_id": item.pk, "case_id": case_id},
    )
    return item


@transaction.atomic
def agenda_item_attach(
    *, actor: Actor, item_id: int, title: str, file_name: str, content: bytes | IO[bytes]
) -> Document:
    """Attach a document (kept by the documents domain) to an item of a draft agenda."""
    item = item_get_visible(actor=actor, item_id=item_id, permission=Permission.COUNCIL_PREPARE)
    meeting = _locked_meeting(item.meeting_id)
    if meeting.status not in AGENDA_EDITABLE:
        raise ValidationError(_("The agenda is published: it cannot change any more."))
    document = document_upload(
        actor=actor,
        municipality=item.meeting.municipality,
        owner_type=ITEM_OWNER,
        owner_id=item.pk,
        title=title,
        file_name=file_name,
        content=content,
        kind="attachment",
    )
    meeting_event_append(
        meeting=meeting,
        kind=MeetingEventKind.ATTACHMENT_ADDED,
        actor=actor,
        data={"item_id": item.pk, "document_id": document.pk},
    )
    return document


@transaction.atomic
def meeting_links_set(
    *, actor: Actor, meeting_id: int, livestream_url: str = "", recording_url: str = ""
) -> Meeting:
    """Set where the meeting is streamed live (empty: the body's stream) and where its
    recording is, at any point of its lifecycle."""
    meeting = meeting_get_visible(
        actor=actor, meeting_id=meeting_id, permission=Permission.COUNCIL_PREPARE
    )
    meeting = _locked_meeting(meeting.pk)
    meeting.livestream_url = _url("livestream_url", livestream_url)
    meeting.recording_url = _url("recording_url", recording_url)
    meeting.save(update_fields=["livestream_url", "recording_url"])
    return meeting
