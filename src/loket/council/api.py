"""API endpoints of the council: the meetings of the caller's municipalities with their
agenda items, votes and decisions, and moving a meeting through its lifecycle.

Staff and integrations with council.view see their municipalities' meetings; another
municipality's meeting answers 404. The published documents themselves are open data on
the public pages (and their `.jsonld` variants), not here.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.council.models import AgendaItem, BodyKind, Meeting, Vote, VoteOutcome
from loket.council.selectors import items_of_meeting, meeting_get_visible, meetings_visible_to
from loket.council.services import meeting_transition
from loket.council.workflow import MeetingStatus
from loket.tenancy.permissions import Permission

router = Router(tags=["council"])


class MeetingOut(Schema):
    id: int
    municipality_nis_code: str
    body_kind: BodyKind
    status: MeetingStatus
    planned_start: dt.datetime
    location: str
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    agenda_published_at: dt.datetime | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_municipality_nis_code(meeting: Meeting) -> str:
        return meeting.municipality.nis_code

    @staticmethod
    def resolve_body_kind(meeting: Meeting) -> str:
        return meeting.body.kind


class VoteOut(Schema):
    id: int
    subject: str
    is_secret: bool
    count_for: int
    count_against: int
    count_abstain: int
    outcome: VoteOutcome


class ItemOut(Schema):
    id: int
    position: int
    title: str
    description: str
    draft_decision: str
    is_public: bool
    case_id: int | None
    held_in_public: bool | None
    decision_title: str
    decision_text: str
    treated_at: dt.datetime | None
    votes: list[VoteOut]

    @staticmethod
    def resolve_votes(item: AgendaItem) -> list[Vote]:
        return list(item.votes.all())


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(meeting: Meeting) -> list[AgendaItem]:
        return list(items_of_meeting(meeting=meeting))


class TransitionIn(Schema):
    to_status: MeetingStatus
    reason: str = Field("", max_length=500, description="Required to withdraw an agenda.")


def _detail(request: HttpRequest, meeting_id: int) -> Meeting:
    return meeting_get_visible(actor=actor_of(request), meeting_id=meeting_id)


@router.get("/council/meetings", response=list[MeetingOut])
@requires(Permission.COUNCIL_VIEW)
@paginate(PageNumberPagination)
def meetings_list(request: HttpRequest, status: MeetingStatus | None = None) -> QuerySet[Meeting]:
    """The meetings of the caller's municipalities, latest first."""
    meetings = meetings_visible_to(actor=actor_of(request))
    if status is not None:
        meetings = meetings.filter(status=status)
    return meetings


@router.get("/council/meetings/{meeting_id}", response={200: MeetingDetailOut, 404: ErrorResponse})
@requires(Permission.COUNCIL_VIEW)
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    """A meeting with every agenda item (closed ones included), its votes and decisions."""
    return _detail(request, meeting_id)


@router.post(
    "/council/meetings/{meeting_id}/transitions",
    response={200: MeetingDetailOut, 404: ErrorResponse, 422: ErrorResponse},
)
@requires(Permission.COUNCIL_RECORD)
def meeting_transition_create(
    request: HttpRequest, meeting_id: int, payload: TransitionIn
) -> Meeting:
    """Move the meeting through its lifecycle (see docs/council.md)."""
    actor = actor_of(request)
    meeting = meeting_get_visible(actor=actor, meeting_id=meeting_id)
    meeting_transition(
        actor=actor, meeting_id=meeting.pk, to_status=payload.to_status, reason=payload.reason
    )
    return _detail(request, meeting_id)
