"""Reads of governing bodies and meetings.

Staff see the bodies and meetings of the municipalities where they hold the permission
(`council.view` by default); an object out of reach answers 404 exactly like one that
does not exist. The public reads (`*_public`) give anyone what has been published: the
agenda once published, the decisions once published, and never a closed item.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from loket.council.models import (
    AgendaItem,
    Attendance,
    GoverningBody,
    Mandate,
    Meeting,
    MeetingEvent,
    Member,
    Party,
    Vote,
    VoteCast,
)
from loket.council.workflow import AGENDA_PUBLIC, DECISIONS_PUBLIC
from loket.documents.models import Document
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

# The owner types in the documents domain: an agenda item's attachments, and a meeting's
# signed decision list and minutes.
ITEM_OWNER = "council_item"
MEETING_OWNER = "council_meeting"


def _municipality_ids(actor: Actor, permission: Permission) -> frozenset[int]:
    if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return actor.municipality_ids(permission)
    return frozenset()


def bodies_visible_to(
    *, actor: Actor, permission: Permission = Permission.COUNCIL_VIEW
) -> QuerySet[GoverningBody]:
    return (
        GoverningBody.objects.filter(municipality_id__in=_municipality_ids(actor, permission))
        .select_related("municipality")
        .order_by("municipality__name_nl", "kind")
    )


def body_get_visible(
    *, actor: Actor, body_id: int, permission: Permission = Permission.COUNCIL_VIEW
) -> GoverningBody:
    body = bodies_visible_to(actor=actor, permission=permission).filter(pk=body_id).first()
    if body is None:
        raise Http404
    return body


def parties_of(*, municipality_id: int) -> QuerySet[Party]:
    return Party.objects.filter(municipality_id=municipality_id).order_by("name")


def members_of(*, municipality_id: int) -> QuerySet[Member]:
    return Member.objects.filter(municipality_id=municipality_id).order_by(
        "last_name", "first_name"
    )


def mandates_of_body(*, body: GoverningBody, on: dt.date | None = None) -> QuerySet[Mandate]:
    """The body's mandates (in force on `on`, when given), chair and mayor first."""
    mandates = Mandate.objects.filter(body=body).select_related("member", "party")
    if on is not None:
        mandates = mandates.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)
    return mandates.order_by("role", "member__last_name", "member__first_name")


def meetings_visible_to(
    *, actor: Actor, permission: Permission = Permission.COUNCIL_VIEW
) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(municipality_id__in=_municipality_ids(actor, permission))
        .select_related("municipality", "body")
        .order_by("-planned_start", "-pk")
    )


def meeting_get_visible(
    *, actor: Actor, meeting_id: int, permission: Permission = Permission.COUNCIL_VIEW
) -> Meeting:
    meeting = (
        meetings_visible_to(actor=actor, permission=permission)
        .select_related("chair__member")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def item_get_visible(
    *, actor: Actor, item_id: int, permission: Permission = Permission.COUNCIL_VIEW
) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(
            pk=item_id, municipality_id__in=_municipality_ids(actor, permission)
        )
        .select_related("meeting__body", "meeting__municipality", "case")
        .first()
    )
    if item is None:
        raise Http404
    return item


def items_of_case_visible(*, actor: Actor, case_id: int) -> QuerySet[AgendaItem]:
    """The agenda items that decide on a case, of the meetings the actor may read."""
    return (
        AgendaItem.objects.filter(
            case_id=case_id,
            municipality_id__in=_municipality_ids(actor, Permission.COUNCIL_VIEW),
        )
        .select_related("meeting__body")
        .order_by("meeting__planned_start", "position")
    )


def _votes() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "votes",
        queryset=Vote.objects.order_by("pk").prefetch_related(
            Prefetch(
                "casts",
                queryset=VoteCast.objects.select_related(
                    "mandate__member", "mandate__party"
                ).order_by("mandate__member__last_name", "mandate__member__first_name"),
            )
        ),
    )


def items_of_meeting(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """Every item of a meeting (staff), with its votes."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case")
        .prefetch_related(_votes())
        .order_by("position")
    )


def votes_of_item(*, item: AgendaItem) -> QuerySet[Vote]:
    return (
        Vote.objects.filter(item=item)
        .prefetch_related(
            Prefetch(
                "casts",
                queryset=VoteCast.objects.select_related("mandate__member").order_by(
                    "mandate__member__last_name", "mandate__member__first_name"
                ),
            )
        )
        .order_by("pk")
    )


def meeting_history(*, meeting: Meeting) -> QuerySet[MeetingEvent]:
    return (
        MeetingEvent.objects.filter(meeting=meeting)
        .select_related("actor_user")
        .order_by("created_at", "pk")
    )


# Public reads -------------------------------------------------------------------------


def municipality_public_get(*, slug: str) -> Municipality:
    municipality = Municipality.objects.select_related("region").filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def bodies_public(*, municipality: Municipality) -> QuerySet[GoverningBody]:
    return (
        GoverningBody.objects.filter(municipality=municipality)
        .select_related("municipality")
        .order_by("kind")
    )


def meetings_public(*, municipality: Municipality) -> QuerySet[Meeting]:
    """The meetings whose agenda is public, latest first."""
    return (
        Meeting.objects.filter(municipality=municipality, status__in=AGENDA_PUBLIC)
        .select_related("body", "municipality")
        .order_by("-planned_start", "-pk")
    )


def meeting_public_get(
    *, municipality: Municipality, meeting_id: int, decisions: bool = False
) -> Meeting:
    """A meeting whose agenda (or, with `decisions`, whose decisions) are public; 404
    otherwise, as for a meeting that does not exist."""
    statuses = DECISIONS_PUBLIC if decisions else AGENDA_PUBLIC
    meeting = (
        Meeting.objects.filter(municipality=municipality, pk=meeting_id, status__in=statuses)
        .select_related("body", "municipality", "chair__member", "chair__party")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def items_public(*, meeting: Meeting) -> list[AgendaItem]:
    """The items the public may see: planned in public and not treated behind closed
    doors. A closed item never leaves this function."""
    return list(
        items_of_meeting(meeting=meeting).filter(is_public=True).exclude(held_in_public=False)
    )


def attendees_of(*, meeting: Meeting) -> list[Mandate]:
    """The body's mandates in force on the day of the meeting."""
    return list(mandates_of_body(body=meeting.body, on=meeting.planned_start.date()))


def meeting_signed_document(*, meeting: Meeting, kind: str) -> Document:
    """The signed PDF of a published meeting's decision list or minutes; 404 otherwise."""
    document = (
        Document.objects.filter(
            owner_type=MEETING_OWNER, owner_id=meeting.pk, kind=kind, is_current=True
        )
        .order_by("-pk")
        .first()
    )
    if document is None:
        raise Http404
    return document


def attendance_of(*, meeting: Meeting) -> list[Attendance]:
    """Who was recorded present or absent at the start of the meeting."""
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("mandate__member", "mandate__party")
        .order_by("mandate__member__last_name", "mandate__member__first_name")
    )
