"""Ideas under /api/v1 (joined in loket.api.routers): a municipality's own systems (a
council-meeting tool, a dashboard) read the ideas of its municipalities and move an idea's
public status.

Staff and integrations with participation.view list and read the ideas of their
municipalities (waiting, published, merged and refused); with participation.moderate they
change a published idea's public status (the author and the supporters who asked are
told). Another municipality's idea answers 404, like one that does not exist. The
happiness survey has no endpoint: its results are aggregates on the back-office page.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.participation.models import Idea
from loket.participation.selectors import idea_get_visible, ideas_visible_to
from loket.participation.services import idea_status_change
from loket.participation.workflow import IdeaStatus, PublicStatus
from loket.tenancy.permissions import Permission

router = Router(tags=["ideas"])


class IdeaOut(Schema):
    id: int
    municipality_nis_code: str
    title: str
    body: str
    status: IdeaStatus = Field(description="Moderation: submitted, published, merged, rejected.")
    public_status: PublicStatus
    decline_reason: str
    merged_into_id: int | None
    latitude: float | None
    longitude: float | None
    supporters: int
    created_at: dt.datetime

    @staticmethod
    def resolve_municipality_nis_code(idea: Idea) -> str:
        return idea.municipality.nis_code

    @staticmethod
    def resolve_supporters(idea: Idea) -> int:
        return int(getattr(idea, "vote_count", 0))


class IdeaFilter(Schema):
    status: IdeaStatus | None = Field(None, description="Only ideas of this moderation status.")
    public_status: PublicStatus | None = None


class IdeaStatusIn(Schema):
    to_status: PublicStatus
    reason: str = Field("", max_length=4000, description="Required to decline.")


@router.get("/ideas", response=list[IdeaOut])
@requires(Permission.PARTICIPATION_VIEW)
@paginate(PageNumberPagination)
def ideas_list(request: HttpRequest, filters: Query[IdeaFilter]) -> QuerySet[Idea]:
    """The ideas of the caller's municipalities, newest first."""
    rows = ideas_visible_to(actor=actor_of(request))
    if filters.status is not None:
        rows = rows.filter(status=filters.status)
    if filters.public_status is not None:
        rows = rows.filter(public_status=filters.public_status)
    return rows.order_by("-created_at", "-id")


@router.get("/ideas/{idea_id}", response={200: IdeaOut, 404: ErrorResponse})
@requires(Permission.PARTICIPATION_VIEW)
def idea_read(request: HttpRequest, idea_id: int) -> Idea:
    return idea_get_visible(actor=actor_of(request), idea_id=idea_id)


@router.post(
    "/ideas/{idea_id}/status",
    response={200: IdeaOut, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse},
)
@requires(Permission.PARTICIPATION_MODERATE)
def idea_status_set(request: HttpRequest, idea_id: int, payload: IdeaStatusIn) -> Idea:
    """Move a published idea's public status (under review → planned → done, or declined
    with a reason)."""
    actor = actor_of(request)
    idea_status_change(
        actor=actor, idea_id=idea_id, to_status=payload.to_status, reason=payload.reason
    )
    return idea_get_visible(actor=actor, idea_id=idea_id)
