"""The privacy officer's view of the access log: the reads made on behalf of the
municipalities they supervise, with the reader's municipality and role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from loket.audit.selectors import access_log_visible_to
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.pagination import page_of

PAGE_SIZE = 50


@permission_required(Permission.AUDIT_VIEW)
def access_log_list(request: HttpRequest) -> HttpResponse:
    entries = access_log_visible_to(actor=actor_from_request(request))
    page = page_of(request, entries, per_page=PAGE_SIZE)
    return render(request, "audit/backoffice/access_log.html", {"page": page, "query": ""})
