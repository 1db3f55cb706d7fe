"""Every write of the council domain (keyword-only, typed, one transaction each).

Each service takes the actor and checks its permission in the object's municipality
(objects out of reach are 404 from the selectors): `council.manage` for bodies, parties,
members and mandates; `council.prepare` for meetings and agenda items; `council.record`
for the meeting's lifecycle and what the meeting treated, voted and decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.cases.models import Case
from loket.cases.selectors import case_get_visible
from loket.core.lifecycle import Transition, transition_apply
from loket.council.history import meeting_event_append
from loket.council.models import (
    AgendaItem,
    BodyKind,
    GoverningBody,
    Mandate,
    MandateRole,
    Meeting,
    MeetingEvent,
    MeetingEventKind,
    Member,
    Party,
    Vote,
    VoteCast,
    VoteChoice,
    VoteOutcome,
)
from loket.council.selectors import (
    ITEM_OWNER,
    body_get_visible,
    item_get_visible,
    mandates_of_body,
    meeting_get_visible,
)
from loket.council.workflow import (
    AGENDA_EDITABLE,
    LIFECYCLE,
    RECORDING_OPEN,
    MeetingStatus,
)
from loket.documents.models import Document
from loket.documents.services import document_upload
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


def _required(**fields: str) -> dict[str, str]:
    cleaned = {name: value.strip() for name, value in fields.items()}
    missing = {name: _("This field is required.") for name, value in cleaned.items() if not value}
    if missing:
        raise ValidationError(missing)
    return cleaned


def _municipality_for(actor: Actor, municipality_id: int, permission: Permission) -> Municipality:
    if not actor.has(permission, municipality_id):
        raise PermissionDenied
    return Municipality.objects.get(pk=municipality_id)


# Bodies, parties, members, mandates ------------------------------------------------------


@transaction.atomic
def body_create(*, actor: Actor, municipality_id: int, kind: str) -> GoverningBody:
    """The municipality's body of this kind (made once; a second call returns it)."""
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choose a kind of body.")})
    body, _created = GoverningBody.objects.get_or_create(municipality=municipality, kind=kind)
    return body


@transaction.atomic
def party_create(*, actor: Actor, municipality_id: int, name: str, abbreviation: str = "") -> Party:
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    cleaned = _required(name=name)
    if Party.objects.filter(municipality=municipality, name__iexact=cleaned["name"]).exists():
        raise ValidationError({"name": _("This party exists already.")})
    return Party.objects.create(
        municipality=municipality, name=cleaned["name"][:120], abbreviation=abbreviation[:30]
    )


@transaction.atomic
def member_create(*, actor: Actor, municipality_id: int, first_name: str, last_name: str) -> Member:
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    cleaned = _required(first_name=first_name, last_name=last_name)
    return Member.objects.create(
        municipality=municipality,
        first_name=cleaned["first_name"][:100],
        last_name=cleaned["last_name"][:100],
    )


@transaction.atomic
def mandate_add(
    *,
    actor: Actor,
    body_id: int,
    member_id: int,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    party_id: int | None = None,
) -> Mandate:
    """Give a member of the municipality a seat in one of its bodies. A member or party
    of another municipality is refused like one that does not exist."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    errors: dict[str, str] = {}
    member = Member.objects.filter(pk=member_id, municipality_id=body.municipality_id).first()
    if member is None:
        errors["member"] = _("Choose a member of this municipality.")
    party = None
    if party_id is not None:
        party = Party.objects.filter(pk=party_id, municipality_id=body.municipality_id).first()
        if party is None:
            errors["party"] = _("Choose a party of this municipality.")
    if role not in MandateRole.values:
        errors["role"] = _("Choose a role.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot come before the start.")
    if errors or member is None:
        raise ValidationError(errors)
    return Mandate.objects.create(
        municipality_id=body.municipality_id,
        body=body,
        member=member,
        role=role,
        party=party,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def mandate_register(
    *,
    actor: Actor,
    body_id: int,
    first_name: str,
    last_name: str,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    party_id: int | None = None,
    new_party: str = "",
) -> Mandate:
    """A seat in the body for a member named here: the municipality's member of that name
    if there is one (a councillor who also sits in the college), a new one otherwise; the
    party chosen, or a new one."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    cleaned = _required(first_name=first_name, last_name=last_name)
    member = Member.objects.filter(
        municipality_id=body.municipality_id,
        first_name__iexact=cleaned["first_name"],
        last_name__iexact=cleaned["last_name"],
    ).first() or member_create(
        actor=actor,
        municipality_id=body.municipality_id,
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
    )
    if new_party.strip() and party_id is None:
        existing = Party.objects.filter(
            municipality_id=body.municipality_id, name__iexact=new_party.strip()
        ).first()
        party_id = (
            existing
            or party_create(actor=actor, municipality_id=body.municipality_id, name=new_party)
        ).pk
    return mandate_add(
        actor=actor,
        body_id=body.pk,
        member_id=member.pk,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        party_id=party_id,
    )


# Meetings and their agenda -------------------------------------------------------------


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


def _text(value: str) -> str:
    """A text as typed, its line breaks as the published pages keep them."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _full_name(actor: Actor) -> str:
    return actor.user.get_full_name() if actor.user is not None else ""


def _locked_meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_id)


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
    )
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


# The lifecycle and the record of the meeting ---------------------------------------------


@transaction.atomic
def meeting_transition(
    *,
    actor: Actor,
    meeting_id: int,
    to_status: str,
    reason: str = "",
    started_at: dt.datetime | None = None,
    ended_at: dt.datetime | None = None,
) -> Meeting:
    """Move a meeting through its lifecycle (workflow.py). Marking it held records when it
    started and ended (the planned start and now, unless given)."""
    meeting = meeting_get_visible(actor=actor, meeting_id=meeting_id)
    now = timezone.now()
    changes: dict[str, object] = {}
    if to_status == MeetingStatus.AGENDA_PUBLISHED:
        changes["agenda_published_at"] = now
    elif to_status == MeetingStatus.HELD:
        start = started_at or meeting.planned_start
        end = ended_at or max(now, start)
        if end < start:
            raise ValidationError({"ended_at": _("The end cannot come before the start.")})
        changes.update(started_at=start, ended_at=end)
    elif to_status == MeetingStatus.PUBLISHED:
        changes["published_at"] = now

    def history(transition: Transition, source: str) -> MeetingEvent:
        return meeting_event_append(
            meeting=meeting,
            kind=MeetingEventKind.STATUS_CHANGED,
            actor=actor,
            from_status=source,
            to_status=transition.target,
            message=reason.strip(),
        )

    transition_apply(
        LIFECYCLE,
        instance=meeting,
        target=to_status,
        history=history,
        actor=actor,
        reason=reason,
        changes=changes,
    )
    return meeting


def _recording_item(actor: Actor, item_id: int) -> AgendaItem:
    item = item_get_visible(actor=actor, item_id=item_id, permission=Permission.COUNCIL_RECORD)
    meeting = _locked_meeting(item.meeting_id)
    if meeting.status not in RECORDING_OPEN:
        raise ValidationError(_("Treatments and votes are recorded once the meeting is held."))
    item.meeting = meeting
    return item


@transaction.atomic
def item_treatment_record(
    *,
    actor: Actor,
    item_id: int,
    held_in_public: bool,
    decision_title: str,
    decision_text: str,
    discussion: str = "",
) -> AgendaItem:
    """Record how the meeting treated an item and what it decided."""
    item = _recording_item(actor, item_id)
    cleaned = _required(decision_title=decision_title, decision_text=decision_text)
    item.held_in_public = held_in_public
    item.discussion = _text(discussion)
    item.decision_title = cleaned["decision_title"][:300]
    item.decision_text = _text(cleaned["decision_text"])
    item.treated_at = timezone.now()
    item.save(
        update_fields=[
            "held_in_public",
            "discussion",
            "decision_title",
            "decision_text",
            "treated_at",
        ]
    )
    meeting_event_append(
        meeting=item.meeting,
        kind=MeetingEventKind.TREATMENT_RECORDED,
        actor=actor,
        data={"item_id": item.pk},
    )
    return item


@transaction.atomic
def vote_record(
    *,
    actor: Actor,
    item_id: int,
    subject: str,
    outcome: str,
    counts: tuple[int, int, int] | None = None,
    casts: Mapping[int, str] | None = None,
    is_secret: bool = False,
) -> Vote:
    """Record a vote on an item: the counts (for, against, abstain), or how each member
    voted (`casts`: mandate id → for/against/abstain; the counts follow from them). A
    secret vote has counts only."""
    item = _recording_item(actor, item_id)
    cleaned = _required(subject=subject)
    errors: dict[str, str] = {}
    if outcome not in VoteOutcome.values:
        errors["outcome"] = _("Choose the outcome.")
    casts = dict(casts or {})
    if is_secret and casts:
        errors["casts"] = _("A secret vote has no votes per member.")
    mandates: dict[int, Mandate] = {}
    if casts:
        mandates = Mandate.objects.in_bulk([pk for pk in casts], field_name="pk")
        if any(
            pk not in mandates or mandates[pk].body_id != item.meeting.body_id for pk in casts
        ) or any(choice not in VoteChoice.values for choice in casts.values()):
            errors["casts"] = _("Give a valid vote for members of this body only.")
        counts = tuple(  # type: ignore[assignment]
            sum(1 for choice in casts.values() if choice == wanted)
            for wanted in (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN)
        )
    if counts is None or any(count < 0 for count in counts):
        errors["count_for"] = _("Give the number of votes for, against and abstentions.")
    if errors:
        raise ValidationError(errors)
    assert counts is not None
    vote = Vote.objects.create(
        municipality_id=item.municipality_id,
        item=item,
        subject=cleaned["subject"][:300],
        is_secret=is_secret,
        count_for=counts[0],
        count_against=counts[1],
        count_abstain=counts[2],
        outcome=outcome,
    )
    VoteCast.objects.bulk_create(
        VoteCast(municipality_id=item.municipality_id, vote=vote, mandate_id=pk, choice=choice)
        for pk, choice in casts.items()
    )
    meeting_event_append(
        meeting=item.meeting,
        kind=MeetingEventKind.VOTE_RECORDED,
        actor=actor,
        data={"item_id": item.pk, "vote_id": vote.pk},
    )
    return vote
