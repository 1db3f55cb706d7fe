"""Old public addresses that moved: they keep answering with a permanent redirect to the
new one, because residents have them in bookmarks, subscribed calendars and messages already
sent. A page (GET, HEAD) answers 301; a form posted to the old address answers 308, which
makes the browser post it again to the new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from loket.tenancy.access import public


def moved(pattern_name: str, **fixed: Any) -> Callable[..., HttpResponse]:
    """A view for the old address of `pattern_name`; the new route takes the same URL
    arguments (plus `fixed` ones) and the query string is kept."""

    @public
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return moved_to(request, reverse(pattern_name, kwargs={**kwargs, **fixed}))

    view.__name__ = f"moved_to_{pattern_name.replace(':', '_').replace('-', '_')}"
    return view


def moved_to(request: HttpRequest, url: str) -> HttpResponse:
    """A permanent redirect to `url`, with the request's query string."""
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponse(status=301 if request.method in {"GET", "HEAD"} else 308)
    response["Location"] = f"{url}?{query}" if query else url
    return response
