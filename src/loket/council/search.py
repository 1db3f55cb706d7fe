"""Searching decisions: PostgreSQL full-text search over the agenda items' stored search
vectors (each written in the text-search configuration of the language the item is written
in: Dutch, French or English, `simple` when undecided), filtered by date and topic.

The public search reads the treated items of published meetings that the public may see
(planned in public and treated in public): a closed item never matches, whatever the words.
The councillors' search reads every treated item of their own bodies' meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db.models import F, QuerySet
from django.http import Http404

from loket.council.models import AgendaItem, Topic
from loket.council.workflow import DECISIONS_PUBLIC
from loket.documents.selectors import search_query
from loket.tenancy.models import Municipality

QUERY_MAX_LENGTH = 200


@dataclass(frozen=True)
class DecisionFilter:
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topic: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.date_from or self.date_to or self.topic)


def decision_filter_from(params: dict[str, str]) -> DecisionFilter:
    """The filter from a query string; an unreadable date or topic is left out."""

    def day(value: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value.strip()) if value.strip() else None
        except ValueError:
            return None

    topic = params.get("topic", "").strip()
    return DecisionFilter(
        text=" ".join(params.get("q", "").split())[:QUERY_MAX_LENGTH],
        date_from=day(params.get("from", "")),
        date_to=day(params.get("to", "")),
        topic=topic if topic in Topic.values else "",
    )


def _treated(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    return items.exclude(treated_at__isnull=True).exclude(decision_title="")


def decisions_public(*, municipality: Municipality) -> QuerySet[AgendaItem]:
    """The decisions of the municipality anyone may read: published meetings, public
    items only."""
    return _treated(
        AgendaItem.objects.filter(
            municipality=municipality,
            meeting__status__in=DECISIONS_PUBLIC,
            is_public=True,
            held_in_public=True,
        )
    ).select_related("meeting__body")


def decision_public_get(*, municipality: Municipality, item_id: int) -> AgendaItem:
    """One public decision (its permanent address); 404 for a closed item, an item of an
    unpublished meeting or of another municipality, as for one that does not exist."""
    item = decisions_public(municipality=municipality).filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item


def decisions_matching(
    items: QuerySet[AgendaItem], *, search: DecisionFilter
) -> QuerySet[AgendaItem]:
    """The items that match the filter: best match first with words, else latest first."""
    if search.date_from is not None:
        items = items.filter(meeting__planned_start__date__gte=search.date_from)
    if search.date_to is not None:
        items = items.filter(meeting__planned_start__date__lte=search.date_to)
    if search.topic:
        items = items.filter(topic=search.topic)
    if not search.text:
        return items.order_by("-meeting__planned_start", "position", "pk")
    ts_query = search_query(search.text)
    return (
        items.filter(search_vector=ts_query)
        .annotate(rank=SearchRank(F("search_vector"), ts_query))
        .order_by("-rank", "-meeting__planned_start", "position", "pk")
    )
