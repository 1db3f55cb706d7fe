"""What a staff member may see of the dashboards: the municipalities where they hold
`insights.view`, and for the regional comparison every municipality of those
municipalities' regions (figures only: counts, shares and durations, never a person)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.http import Http404

from loket.insights.models import ChannelTargets, MonthlyFigure
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

# Survey figures about fewer people than this are never shown.
MIN_CELL = 10


def municipalities_viewable(*, actor: Actor) -> QuerySet[Municipality]:
    ids = actor.municipality_ids(Permission.INSIGHTS_VIEW) if actor.is_staff else frozenset()
    return Municipality.objects.filter(pk__in=list(ids)).order_by("name_nl")


def municipality_get_viewable(*, actor: Actor, municipality_id: int) -> Municipality:
    found = municipalities_viewable(actor=actor).filter(pk=municipality_id).first()
    if found is None:
        raise Http404
    return found


def municipalities_compared(*, actor: Actor) -> QuerySet[Municipality]:
    """The municipalities of every region in which the actor sees a dashboard."""
    regions = municipalities_viewable(actor=actor).values_list("region_id", flat=True)
    return Municipality.objects.filter(region_id__in=list(regions)).order_by("name_nl")


def municipality_get_manageable(*, actor: Actor, municipality_id: int) -> Municipality:
    ids = actor.municipality_ids(Permission.INSIGHTS_MANAGE) if actor.is_staff else frozenset()
    found = Municipality.objects.filter(pk=municipality_id, pk__in=list(ids)).first()
    if found is None:
        raise Http404
    return found


def channel_targets_of(*, municipality: Municipality) -> ChannelTargets:
    """The municipality's targets, or the defaults (50/25/20/5) when it set none."""
    found = ChannelTargets.objects.filter(municipality=municipality).first()
    return found or ChannelTargets(municipality=municipality)


def figures_of(
    *,
    municipality_ids: Iterable[int],
    measure: str,
    first: dt.date,
    last: dt.date,
) -> list[MonthlyFigure]:
    """The figures of `measure` of the given municipalities (already checked by the
    caller through one of the selectors above) for the months first..last."""
    return list(
        MonthlyFigure.objects.filter(
            municipality_id__in=list(municipality_ids),
            measure=measure,
            month__gte=first,
            month__lte=last,
        ).order_by("month", "key")
    )


@dataclass(frozen=True)
class FigureSum:
    """The figures of one municipality and key, summed over a period (what the regional
    comparison reads: a handful of rows instead of one model per month and key)."""

    municipality_id: int
    key: str
    count: int
    part: int | None
    total: float | None


def figures_summed(
    *,
    municipality_ids: Iterable[int],
    measure: str,
    first: dt.date,
    last: dt.date,
) -> list[FigureSum]:
    """`figures_of`, summed per municipality and key in the database."""
    rows = (
        MonthlyFigure.objects.filter(
            municipality_id__in=list(municipality_ids),
            measure=measure,
            month__gte=first,
            month__lte=last,
        )
        .values("municipality_id", "key")
        .annotate(summed_count=Sum("count"), summed_part=Sum("part"), summed_total=Sum("total"))
        .order_by("municipality_id", "key")
    )
    return [
        FigureSum(
            municipality_id=row["municipality_id"],
            key=row["key"],
            count=row["summed_count"],
            part=row["summed_part"],
            total=row["summed_total"],
        )
        for row in rows
    ]


def by_key(figures: Iterable[MonthlyFigure]) -> dict[str, list[MonthlyFigure]]:
    grouped: dict[str, list[MonthlyFigure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.key].append(figure)
    return grouped
