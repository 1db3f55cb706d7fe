"""The back office's one search box (see loket.web.search)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required
from loket.web.htmx import render_page_or_partial, wants_partial
from loket.web.search import SearchResults, search_everything


@permission_required(SIGNED_IN)
def backoffice_search(request: HttpRequest) -> HttpResponse:
    """Residents, organisations, cases, reports and payments the staff member may see. A
    query that names one case, report or payment (and nothing else) opens it, except in
    the live results while typing."""
    query = request.GET.get("q", "").strip()
    results = (
        search_everything(actor=actor_from_request(request), query=query)
        if query
        else SearchResults(query="")
    )
    if results.jump and not wants_partial(request):
        return redirect(results.jump)
    return render_page_or_partial(
        request,
        "web/search.html",
        "web/_search_results.html",
        {"query": query, "results": results},
    )
