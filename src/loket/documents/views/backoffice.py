"""Back-office document search and download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.documents.selectors import document_get_visible, documents_search
from loket.documents.views.common import document_file_response
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission

DOCUMENT_DOWNLOAD = gettext_noop("dossier document")


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 500))
    except ValueError:
        return 1


@require_GET
@permission_required(Permission.DOCUMENTS_SEARCH)
def document_search(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "").strip()
    results = documents_search(actor=actor, query=query, page=_page_number(request))
    htmx = getattr(request, "htmx", None)
    partial = htmx is not None and bool(htmx) and not htmx.history_restore_request
    template = (
        "documents/backoffice/_search_results.html"
        if partial
        else "documents/backoffice/search.html"
    )
    response = render(request, template, {"query": query, "results": results})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@permission_required(Permission.DOCUMENTS_VIEW)
def document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """A staff member downloads a document of a municipality they work for (else 404).
    Opening a document about a resident is written to the resident's access log."""
    actor = actor_from_request(request)
    document = document_get_visible(actor=actor, document_id=document_id)
    if document.concerns_person is not None:
        access_log_record(
            actor=actor,
            person=document.concerns_person,
            purpose=AccessPurpose.CASE_HANDLING,
            what=DOCUMENT_DOWNLOAD,
            channel=AccessChannel.WEB,
        )
    return document_file_response(document)
