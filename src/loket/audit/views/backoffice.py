"""The privacy officer's view of the access log: the reads made on behalf of the
municipalities they supervise, with the reader's municipality and role, searchable by
resident, staff member, period and purpose, and exported as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.audit.forms import AccessLogFilterForm
from loket.audit.models import AccessLogEntry
from loket.audit.selectors import access_log_filtered, access_log_searches_visible_to
from loket.audit.services import access_log_search_record
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial, wants_partial
from loket.web.pagination import page_of

PAGE_SIZE = 50
RESULTS_TARGET = "access-log-results"
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


SEARCHES_SHOWN = 10


def _search_record(
    actor: Actor, form: AccessLogFilterForm, results: int, *, exported: bool
) -> None:
    """Every search of the log is itself logged (who, when, filters, how many rows)."""
    data = form.cleaned_data
    access_log_search_record(
        actor=actor,
        resident=data.get("resident") or "",
        staff=data.get("staff") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        purpose=data.get("purpose") or "",
        exported=exported,
        results=results,
    )


def _filtered(actor: Actor, form: AccessLogFilterForm) -> QuerySet[AccessLogEntry]:
    data = form.cleaned_data
    return access_log_filtered(
        actor=actor,
        resident=data.get("resident") or "",
        staff=data.get("staff") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        purpose=data.get("purpose") or "",
    )


@permission_required(Permission.AUDIT_VIEW)
def access_log_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = AccessLogFilterForm(request.GET)
    valid = form.is_valid()
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {"form": form, "query": query.urlencode(), "page": None}
    if valid:
        context["page"] = page = page_of(request, _filtered(actor, form), per_page=PAGE_SIZE)
        _search_record(actor, form, page.paginator.count, exported=False)
    context["searches"] = list(access_log_searches_visible_to(actor=actor)[:SEARCHES_SHOWN])
    # htmx swaps only successful answers: its part carries the errors with a 200.
    status = None if valid or wants_partial(request, target=RESULTS_TARGET) else 400
    return render_page_or_partial(
        request,
        "audit/backoffice/access_log.html",
        "audit/backoffice/_access_log_results.html",
        context,
        target=RESULTS_TARGET,
        status=status,
    )


def _reader(entry: AccessLogEntry) -> str:
    if entry.user is not None:
        return entry.user.get_full_name() or entry.user.get_username()
    return entry.api_client_name or _("An automated system")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _rows(entries: QuerySet[AccessLogEntry]) -> Iterator[list[str]]:
    yield [
        _("When"),
        _("Who"),
        _("Municipality"),
        _("Role"),
        _("Resident"),
        _("Why"),
        _("What"),
        _("Channel"),
    ]
    for entry in entries.iterator(chunk_size=500):
        row = [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            _reader(entry),
            entry.municipality.name if entry.municipality else "",
            entry.role_label,
            entry.person.full_name if entry.person else _("Anonymised"),
            str(entry.get_purpose_display()),
            _(entry.what),
            str(entry.get_channel_display()),
        ]
        yield [_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


@permission_required(Permission.AUDIT_VIEW)
def access_log_export(request: HttpRequest) -> HttpResponseBase:
    """The rows the same filters show, every page, as CSV."""
    actor = actor_from_request(request)
    form = AccessLogFilterForm(request.GET)
    if not form.is_valid():
        query = request.GET.copy()
        return render_page_or_partial(
            request,
            "audit/backoffice/access_log.html",
            "audit/backoffice/_access_log_results.html",
            {"form": form, "query": query.urlencode(), "page": None},
            target=RESULTS_TARGET,
            status=400,
        )
    entries = _filtered(actor, form)
    _search_record(actor, form, entries.count(), exported=True)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _rows(entries)),
        content_type="text/csv; charset=utf-8",
    )
    name = f"access-log-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
