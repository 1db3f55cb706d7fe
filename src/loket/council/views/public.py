"""Pages anyone may open: a municipality's governing bodies and their members, its
meetings, and per meeting the agenda (once published), the decision list and the minutes
(once published). The documents carry RDFa in the LBLOD vocabularies and have a JSON-LD
variant (the `.jsonld` address, or `Accept: application/ld+json`). Closed items never
appear: the pages and the JSON-LD are built from `selectors.items_public` only."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from loket.council.linked_data import DocumentKind, Names, content_language, document_jsonld
from loket.council.models import Topic
from loket.council.rdfa import document_view, mandate_row
from loket.council.search import (
    decision_filter_from,
    decision_public_get,
    decisions_matching,
    decisions_public,
)
from loket.council.selectors import (
    attendance_of,
    bodies_public,
    items_public,
    mandates_of_body,
    meeting_public_get,
    meeting_signed_document,
    meetings_public,
    municipality_public_get,
    votes_of_item,
)
from loket.council.services.publication import SIGNED_DOCUMENTS
from loket.council.workflow import MeetingStatus
from loket.documents.selectors import document_content_open
from loket.tenancy.access import public
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of

JSONLD = "application/ld+json"
# While the meeting may be under way the page offers the live stream; afterwards the
# recording.
LIVE_STATUSES = frozenset({MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD})
_HEADINGS = {
    DocumentKind.AGENDA: gettext_lazy("Agenda"),
    DocumentKind.DECISION_LIST: gettext_lazy("Decision list"),
    DocumentKind.MINUTES: gettext_lazy("Minutes"),
}


@public
@require_GET
def bodies(request: HttpRequest, slug: str) -> HttpResponse:
    """The municipality's governing bodies and who sits in them today."""
    municipality = municipality_public_get(slug=slug)
    names = Names(municipality)
    today = timezone.localdate()
    rows = [
        (
            body,
            names.body(body),
            [mandate_row(names, m) for m in mandates_of_body(body=body, on=today)],
        )
        for body in bodies_public(municipality=municipality)
    ]
    return render(
        request,
        "council/public/bodies.html",
        {"municipality": municipality, "bodies": rows, "language": content_language(municipality)},
    )


@public
@require_GET
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    page = page_of(request, meetings_public(municipality=municipality), per_page=25)
    return render(
        request, "council/public/meetings.html", {"municipality": municipality, "page": page}
    )


@public
@require_GET
def meeting(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    found = meeting_public_get(municipality=municipality, meeting_id=meeting_id)
    return render(
        request,
        "council/public/meeting.html",
        {
            "municipality": municipality,
            "meeting": found,
            "published": found.published_at,
            "livestream_url": found.livestream_url or found.body.livestream_url,
            "live": found.status in LIVE_STATUSES,
        },
    )


@public
@require_GET
def decisions(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the municipality's public decisions (full text, date, topic); htmx asks for
    the results only."""
    municipality = municipality_public_get(slug=slug)
    search = decision_filter_from(request.GET.dict())
    found = decisions_matching(decisions_public(municipality=municipality), search=search)
    context = {
        "municipality": municipality,
        "search": search,
        "topics": Topic.choices,
        "page": page_of(request, found, per_page=20),
    }
    return render_page_or_partial(
        request, "council/public/decisions.html", "council/public/_decisions.html", context
    )


@public
@require_GET
def decision(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    """A public decision at its permanent address."""
    municipality = municipality_public_get(slug=slug)
    item = decision_public_get(municipality=municipality, item_id=item_id)
    return render(
        request,
        "council/public/decision.html",
        {"municipality": municipality, "item": item, "votes": votes_of_item(item=item)},
    )


def _document(
    request: HttpRequest, slug: str, meeting_id: int, kind: DocumentKind, *, as_jsonld: bool = False
) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    found = meeting_public_get(
        municipality=municipality,
        meeting_id=meeting_id,
        decisions=kind is not DocumentKind.AGENDA,
    )
    items = items_public(meeting=found)
    attendances = attendance_of(meeting=found) if kind is not DocumentKind.AGENDA else []
    if as_jsonld or JSONLD in request.headers.get("Accept", ""):
        response = HttpResponse(
            document_jsonld(meeting=found, items=items, kind=kind, attendances=attendances),
            content_type=f"{JSONLD}; charset=utf-8",
        )
    else:
        view = document_view(meeting=found, items=items, kind=kind, attendances=attendances)
        response = render(
            request,
            "council/public/document.html",
            {"municipality": municipality, "doc": view, "heading": _HEADINGS[kind]},
        )
    patch_vary_headers(response, ["Accept"])
    return response


@public
@require_GET
def agenda(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _document(request, slug, meeting_id, DocumentKind.AGENDA)


@public
@require_GET
def decision_list(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _document(request, slug, meeting_id, DocumentKind.DECISION_LIST)


@public
@require_GET
def minutes(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    return _document(request, slug, meeting_id, DocumentKind.MINUTES)


@public
@require_GET
def document_jsonld_view(
    request: HttpRequest, slug: str, meeting_id: int, document: str
) -> HttpResponse:
    if document not in DocumentKind.__members__.values():
        raise Http404
    return _document(request, slug, meeting_id, DocumentKind(document), as_jsonld=True)


@public
@require_GET
def document_pdf(request: HttpRequest, slug: str, meeting_id: int, document: str) -> FileResponse:
    """The signed PDF of a published decision list or minutes."""
    if document not in SIGNED_DOCUMENTS:
        raise Http404
    municipality = municipality_public_get(slug=slug)
    found = meeting_public_get(municipality=municipality, meeting_id=meeting_id, decisions=True)
    signed = meeting_signed_document(meeting=found, kind=document)
    return FileResponse(
        document_content_open(document=signed),
        content_type="application/pdf",
        filename=signed.file_name,
    )
