"""Back-office document search and downloads (staff and residents)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.documents.models import Document
from loket.documents.selectors import (
    document_content_open,
    document_get_visible,
    documents_search,
)
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


def _file_response(document: Document) -> FileResponse:
    response = FileResponse(
        document_content_open(document=document),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    # Never let a browser run anything found in an uploaded file on Loket's own origin.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
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
    return _file_response(document)


@require_GET
def my_document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """A resident downloads a document shared with them (a decision letter …), else 404."""
    actor = actor_from_request(request)
    if not actor.is_resident:
        if actor.is_staff:
            return redirect("documents:download", document_id=document_id)
        return redirect_to_login(request.get_full_path(), login_url="web:resident-login")
    return _file_response(document_get_visible(actor=actor, document_id=document_id))
