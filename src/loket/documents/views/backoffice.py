"""Back-office document search and download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from loket.audit.models import AccessChannel, AccessPurpose
from loket.documents.selectors import document_read_for_purpose, documents_search
from loket.documents.views.common import document_file_response
from loket.tenancy.access import actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import OpenEndedPage, page_number

DOCUMENT_DOWNLOAD = gettext_noop("dossier document")
# A ranked search is not counted; nobody reads past this page.
SEARCH_LAST_PAGE = 500


@require_GET
@permission_required(Permission.DOCUMENTS_SEARCH)
def document_search(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    query = request.GET.get("q", "").strip()
    results = documents_search(
        actor=actor, query=query, page=page_number(request, last=SEARCH_LAST_PAGE)
    )
    return render_page_or_partial(
        request,
        "documents/backoffice/search.html",
        "documents/backoffice/_search_results.html",
        {
            "query": query,
            "results": results,
            "results_page": OpenEndedPage(number=results.page, has_next=results.has_next),
        },
    )


@require_GET
@permission_required(Permission.DOCUMENTS_VIEW)
def document_download(request: HttpRequest, document_id: int) -> HttpResponseBase:
    """A staff member downloads a document of a municipality they work for (else 404).
    Opening a document about a resident is written to the resident's access log."""
    document = document_read_for_purpose(
        actor=actor_from_request(request),
        document_id=document_id,
        purpose=AccessPurpose.CASE_HANDLING,
        what=DOCUMENT_DOWNLOAD,
        channel=AccessChannel.WEB,
    )
    return document_file_response(document)
