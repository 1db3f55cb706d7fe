"""The municipality filter of a back-office list: staff of several municipalities (a
region-wide membership) narrow a list to one with `?municipality=<id>`, rendered by
`web/_list_filter.html`. An id the actor may not see is ignored, like no choice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from loket.tenancy.models import Municipality

MUNICIPALITY_PARAMETER = "municipality"

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class MunicipalityFilter:
    municipalities: list[Municipality]
    chosen: int | None

    def apply(self, items: QuerySet[M], *, field: str = "municipality_id") -> QuerySet[M]:
        """`items` of the chosen municipality; all of them when none is chosen."""
        return items if self.chosen is None else items.filter(**{field: self.chosen})


def municipality_filter(
    request: HttpRequest, *, municipality_ids: Iterable[int]
) -> MunicipalityFilter:
    """The municipalities to choose from (`municipality_ids`, those the actor may see) and
    the one the request chose, if it is one of them."""
    municipalities = list(
        Municipality.objects.filter(pk__in=list(municipality_ids)).order_by("name_nl")
    )
    wanted: Any = request.GET.get(MUNICIPALITY_PARAMETER, "")
    chosen = next((m.pk for m in municipalities if str(m.pk) == wanted), None)
    return MunicipalityFilter(municipalities=municipalities, chosen=chosen)
