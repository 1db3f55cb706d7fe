"""Public reports in OSLO Melding (JSON-LD): one document per report and a paged feed
(docs/interop.md, "OSLO Melding"). Open to anyone and to other origins, like Open311."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from loket.reports import oslo
from loket.reports.open311.formats import Open311Error
from loket.reports.open311.params import jurisdiction_resolve, positive_int
from loket.reports.selectors import reports_public

PAGE_SIZE = 100
MAX_PAGE = 100_000


def _json_ld(data: dict[str, Any], status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type=oslo.CONTENT_TYPE, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(error: Open311Error) -> HttpResponse:
    response = JsonResponse(
        {"errors": [{"code": error.code, "description": str(error)}]},
        status=error.status,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def report_melding(request: HttpRequest, report_id: int) -> HttpResponse:
    # Not public (a sensitive category), merged away or unknown: the same 404.
    report = oslo.with_history(reports_public(include_merged=True)).filter(pk=report_id).first()
    if report is None:
        raise Http404
    return _json_ld(oslo.document(report))


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    try:
        jurisdiction = jurisdiction_resolve(request.GET.get("jurisdiction_id", ""))
        page = positive_int(request.GET, "page", default=1, maximum=MAX_PAGE)
    except Open311Error as error:
        return _error(error)
    reports = oslo.with_history(
        reports_public(
            region=jurisdiction.region,
            municipality=jurisdiction.municipality,
            include_merged=True,
        )
    ).order_by("-created_at", "-id")
    offset = (page - 1) * PAGE_SIZE
    rows = list(reports[offset : offset + PAGE_SIZE + 1])
    base = f"{oslo.feed_url()}?jurisdiction_id={jurisdiction.identifier}"
    return _json_ld(
        oslo.feed(
            rows[:PAGE_SIZE],
            page_url=f"{base}&page={page}",
            first_url=f"{base}&page=1",
            next_url=f"{base}&page={page + 1}" if len(rows) > PAGE_SIZE else None,
        )
    )
