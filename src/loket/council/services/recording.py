"""The meeting's lifecycle and what the secretary records: treatments, decisions
and votes (council.record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import Transition, transition_apply
from loket.council.history import meeting_event_append
from loket.council.models import (
    AgendaItem,
    Attendance,
    Mandate,
    MandateRole,
    Meeting,
    MeetingEvent,
    MeetingEventKind,
    Vote,
    VoteCast,
    VoteChoice,
    VoteOutcome,
)
from loket.council.selectors import (
    item_get_visible,
    mandates_of_body,
    meeting_get_visible,
)
from loket.council.services.common import _item_index, _locked_meeting, _required, _text
from loket.council.services.publication import meeting_documents_sign
from loket.council.workflow import (
    LIFECYCLE,
    RECORDING_OPEN,
    MeetingStatus,
)
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


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
        if meeting.chair_id is None:  # the body's chair that day, named since
            chair = (
                mandates_of_body(body=meeting.body, on=start.date())
                .filter(role=MandateRole.CHAIR)
                .first()
            )
            if chair is None:
                raise ValidationError(
                    {
                        "to_status": _(
                            "The body has no chair on the day of the meeting: add the "
                            "chair's mandate first."
                        )
                    }
                )
            changes["chair"] = chair
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
    if to_status == MeetingStatus.PUBLISHED:
        meeting_documents_sign(actor=actor, meeting_id=meeting.pk)
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
    _item_index(item)
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


@transaction.atomic
def attendance_record(*, actor: Actor, meeting_id: int, present: set[int]) -> list[Attendance]:
    """Who of the body (its mandates in force that day) was present when the meeting
    started; every other member is recorded absent. Recorded again, it replaces."""
    meeting = meeting_get_visible(
        actor=actor, meeting_id=meeting_id, permission=Permission.COUNCIL_RECORD
    )
    meeting = _locked_meeting(meeting.pk)
    if meeting.status not in RECORDING_OPEN:
        raise ValidationError(_("Treatments and votes are recorded once the meeting is held."))
    seats = list(mandates_of_body(body=meeting.body, on=meeting.planned_start.date()))
    if present - {seat.pk for seat in seats}:
        raise ValidationError({"present": _("Choose members of this body only.")})
    rows = [
        Attendance.objects.update_or_create(
            meeting=meeting,
            mandate=seat,
            defaults={"municipality_id": meeting.municipality_id, "present": seat.pk in present},
        )[0]
        for seat in seats
    ]
    meeting_event_append(
        meeting=meeting,
        kind=MeetingEventKind.ATTENDANCE_RECORDED,
        actor=actor,
        data={"present": sorted(present)},
    )
    return rows
