"""The back office's one search box (see loket.crm.search)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from loket.cases.models import Case
from loket.crm.search import SearchResults, search_everything
from loket.payments.models import PaymentRequest
from loket.reports.models import Report
from loket.tenancy.access import SIGNED_IN, actor_from_request, permission_required
from loket.web.htmx import render_page_or_partial, wants_partial


def _page_of(found: Case | Report | PaymentRequest) -> str:
    if isinstance(found, Case):
        return reverse("cases:detail", args=[found.pk])
    if isinstance(found, Report):
        return reverse("reports:staff-detail", args=[found.pk])
    return reverse("payments:backoffice-detail", args=[found.pk])


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
    found = results.only_reference
    if found is not None and not wants_partial(request):
        return redirect(_page_of(found))
    return render_page_or_partial(
        request,
        "web/search.html",
        "web/_search_results.html",
        {"query": query, "results": results},
    )
