"""Pages that htmx may ask for in part: one function decides between the page and its part.

A list whose filters use `hx-get` with `hx-push-url` is asked for twice under the same URL:
by htmx for the part that changes, and by the browser (reload, Back, a bookmark, htmx's own
history restore) for the whole page. Only the first may get the part, and caches must keep
the two apart, or Back shows a bare fragment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

# The request headers the choice depends on; every answer names them in `Vary`.
HTMX_VARY = ("HX-Request", "HX-History-Restore-Request", "HX-Boosted", "HX-Target")


def wants_partial(request: HttpRequest, *, target: str | None = None) -> bool:
    """Whether htmx asked for the part that changes rather than the whole page.

    Not for a history restore (htmx wants the whole page to put back) nor for a boosted
    link or form (it swaps the whole body). With `target`, only when htmx swaps the element
    with that id, so another htmx element on the page pointing at this URL gets the page.
    """
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request or htmx.boosted:
        return False
    return target is None or htmx.target == target


def render_page_or_partial(
    request: HttpRequest,
    full_template: str,
    partial_template: str,
    context: Mapping[str, Any] | None = None,
    *,
    target: str | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The part for htmx's own requests (see `wants_partial`), the whole page otherwise,
    with `Vary` naming the htmx headers so that no cache serves one for the other."""
    partial = wants_partial(request, target=target)
    response = render(
        request,
        partial_template if partial else full_template,
        dict(context or {}),
        status=status,
    )
    patch_vary_headers(response, HTMX_VARY)
    return response
