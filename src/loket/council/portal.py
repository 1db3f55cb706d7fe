"""Reads of the councillors' portal.

A councillor is a staff account with the councillor role (`council.portal`) whose council
member (`Member.user`) holds a mandate in a body today. The portal shows the meetings of
those bodies once their agenda is published, every item of them (closed ones included) and
their attachments; an item or meeting of any other body answers 404 exactly like one that
does not exist, also for a secretary or an administrator, who read the back office instead.
A private note is read by its author alone.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from loket.council.models import AgendaItem, ItemNote, Mandate, Meeting
from loket.council.selectors import ITEM_OWNER, items_of_meeting
from loket.council.workflow import AGENDA_PUBLIC
from loket.documents.models import Document
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission


def councillor_body_ids(*, actor: Actor) -> frozenset[int]:
    """The bodies where the actor's member holds a mandate today, in the municipalities
    where the actor holds the councillor role."""
    if actor.kind is not ActorKind.STAFF or actor.user is None:
        return frozenset()
    municipality_ids = actor.municipality_ids(Permission.COUNCIL_PORTAL)
    if not municipality_ids:
        return frozenset()
    today = timezone.localdate()
    return frozenset(
        Mandate.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            member__user=actor.user,
            starts_on__lte=today,
            municipality_id__in=municipality_ids,
        ).values_list("body_id", flat=True)
    )


def councillor_meetings(*, actor: Actor) -> QuerySet[Meeting]:
    """The meetings of the actor's bodies whose agenda is published."""
    return (
        Meeting.objects.filter(
            body_id__in=councillor_body_ids(actor=actor), status__in=AGENDA_PUBLIC
        )
        .select_related("body", "municipality")
        .order_by("-planned_start", "-pk")
    )


def councillor_meetings_upcoming(*, actor: Actor) -> QuerySet[Meeting]:
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        councillor_meetings(actor=actor)
        .filter(planned_start__gte=today)
        .order_by("planned_start", "pk")
    )


def councillor_meetings_past(*, actor: Actor) -> QuerySet[Meeting]:
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return councillor_meetings(actor=actor).filter(planned_start__lt=today)


def councillor_meeting_get(*, actor: Actor, meeting_id: int) -> Meeting:
    meeting = councillor_meetings(actor=actor).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def councillor_items(*, meeting: Meeting) -> list[AgendaItem]:
    """Every item of a meeting the councillor may read (closed ones included)."""
    return list(items_of_meeting(meeting=meeting))


def councillor_item_get(*, actor: Actor, item_id: int) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(
            pk=item_id,
            meeting__body_id__in=councillor_body_ids(actor=actor),
            meeting__status__in=AGENDA_PUBLIC,
        )
        .select_related("meeting__body", "meeting__municipality")
        .first()
    )
    if item is None:
        raise Http404
    return item


def councillor_attachments(*, items: list[AgendaItem]) -> dict[int, list[Document]]:
    """The current attachments of the items, by item id (read through the item)."""
    found: dict[int, list[Document]] = {item.pk: [] for item in items}
    for document in Document.objects.filter(
        owner_type=ITEM_OWNER, owner_id__in=list(found), is_current=True
    ).order_by("title", "pk"):
        found[document.owner_id].append(document)
    return found


def councillor_attachment_get(*, actor: Actor, item_id: int, document_id: int) -> Document:
    item = councillor_item_get(actor=actor, item_id=item_id)
    document = Document.objects.filter(
        pk=document_id, owner_type=ITEM_OWNER, owner_id=item.pk, is_current=True
    ).first()
    if document is None:
        raise Http404
    return document


def councillor_decisions(*, actor: Actor) -> QuerySet[AgendaItem]:
    """The decisions of the meetings of the actor's bodies, closed items included."""
    return (
        AgendaItem.objects.filter(
            meeting__body_id__in=councillor_body_ids(actor=actor),
            meeting__status__in=AGENDA_PUBLIC,
            treated_at__isnull=False,
        )
        .exclude(decision_title="")
        .select_related("meeting__body")
    )


def notes_of_author(*, actor: Actor, item_ids: list[int]) -> dict[int, ItemNote]:
    """The actor's own notes on these items: nobody else's, whatever their role."""
    if actor.kind is not ActorKind.STAFF or actor.user is None:
        return {}
    return {
        note.item_id: note
        for note in ItemNote.objects.filter(author=actor.user, item_id__in=item_ids)
    }
