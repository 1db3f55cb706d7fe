"""Page-number pagination for every list endpoint.

``?page=2&page_size=50`` answers ``{"count": 123, "page": 2, "page_size": 50, "items": [...]}``.
A list costs two queries whatever its length: one count and one page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Pages beyond this are refused (422) rather than sent to the database as a huge offset.
MAX_PAGE = 100_000


class PageQuery(PaginationBase.Input):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")


class PageNumberPagination(PaginationBase):
    Input = PageQuery  # type: ignore[assignment]  # a subclass, named for the OpenAPI document

    class Output(Schema):
        count: int = Field(description="Number of items on all pages together.")
        page: int
        page_size: int
        items: list[Any]

    def paginate_queryset(
        self,
        queryset: QuerySet[Any] | list[Any],
        pagination: PageQuery,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "count": self._items_count(queryset),  # type: ignore[arg-type]
            "page": pagination.page,
            "page_size": pagination.page_size,
            "items": queryset[offset : offset + pagination.page_size],
        }
