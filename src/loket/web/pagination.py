"""One way to cut a list into pages (rendered by `web/_pagination.html`).

The page number comes from `?page=`; a number past the end gives the last page and anything
that is not a number gives the first (Django's `Paginator.get_page`), never an error page.
The links keep the rest of the query string (filters, search) with `{% querystring %}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_PARAMETER = "page"


def page_of(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], *, per_page: int
) -> Page[Any]:
    """The page of `items` that the request asks for."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))


def page_number(request: HttpRequest, *, last: int) -> int:
    """The page number asked for, for a list that is not counted (a ranked search): 1 when
    it is missing or not a number, and never past `last`."""
    try:
        number = int(request.GET.get(PAGE_PARAMETER, "1"))
    except ValueError:
        return 1
    return max(1, min(number, last))


@dataclass(frozen=True)
class OpenEndedPage:
    """A page of a list whose length is not counted: only whether another page follows.
    It offers what `web/_pagination.html` reads from a `Page` (but no total)."""

    number: int
    has_next: bool
    paginator: None = None

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1
