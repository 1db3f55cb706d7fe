"""API endpoints of dossier documents: search, list, read, download, upload, new version."""

# No `from __future__ import annotations`: django-ninja reads the parameter annotations
# of endpoints at import time.
import datetime as dt
import uuid

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, FormEx, P, QueryEx, Router, Schema, Status
from ninja.files import UploadedFile

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.permissions import requires
from loket.audit.models import AccessChannel, AccessPurpose
from loket.documents.models import Document
from loket.documents.selectors import (
    document_content_open,
    document_get_visible,
    document_read_for_purpose,
    documents_of_owner,
    documents_search,
)
from loket.documents.services import document_attach, document_version_add
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

router = Router(tags=["documents"])

DOCUMENT_CONTENT_READ = "dossier document"


class DocumentOut(Schema):
    id: int
    logical_id: uuid.UUID = Field(description="Shared by every version of the document.")
    version: int
    previous_version_id: int | None
    is_current: bool
    title: str
    kind: str
    file_name: str
    content_type: str = Field(description="Detected from the content, not the file name.")
    size_bytes: int
    sha256: str
    language: str
    extraction_status: str
    owner_type: str
    owner_id: int
    municipality_nis_code: str
    visible_to_resident: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_municipality_nis_code(document: Document) -> str:
        return document.municipality.nis_code


class DocumentHitOut(Schema):
    document: DocumentOut
    rank: float
    snippet: str = Field(description="HTML: escaped text, matches in <mark>.")


class DocumentSearchOut(Schema):
    query: str
    page: int
    has_next: bool
    hits: list[DocumentHitOut]


@router.get("/documents/search", response=DocumentSearchOut)
@requires(Permission.DOCUMENTS_SEARCH)
def documents_search_endpoint(
    request: HttpRequest,
    q: QueryEx[
        str, P(min_length=2, max_length=200, description='Words, "a phrase", -excluded, or.')
    ],
    page: QueryEx[int, P(ge=1, le=50)] = 1,
) -> dict[str, object]:
    """Full-text search over the current documents of the caller's municipalities."""
    results = documents_search(actor=actor_of(request), query=q, page=page)
    return {
        "query": results.query,
        "page": results.page,
        "has_next": results.has_next,
        "hits": [
            {"document": hit.document, "rank": hit.rank, "snippet": str(hit.snippet)}
            for hit in results.hits
        ],
    }


@router.get("/documents", response=list[DocumentOut])
@requires(Permission.DOCUMENTS_VIEW)
def documents_of_owner_endpoint(
    request: HttpRequest,
    owner_type: QueryEx[str, P(max_length=40)],
    owner_id: int,
    all_versions: bool = False,
) -> list[Document]:
    """The documents of one owner (e.g. owner_type=case), oldest first."""
    return list(
        documents_of_owner(
            actor=actor_of(request),
            owner_type=owner_type,
            owner_id=owner_id,
            all_versions=all_versions,
        ).select_related("municipality")
    )


@router.get("/documents/{document_id}", response={200: DocumentOut, 404: ErrorResponse})
@requires(Permission.DOCUMENTS_VIEW)
def document_detail(request: HttpRequest, document_id: int) -> Document:
    return document_get_visible(actor=actor_of(request), document_id=document_id)


@router.get(
    "/documents/{document_id}/content",
    response={200: bytes, 404: ErrorResponse},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The stored file, in its own format.",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
@requires(Permission.DOCUMENTS_VIEW)
def document_content(request: HttpRequest, document_id: int) -> HttpResponse:
    """The stored file. Reading a document about a resident is written to their access log."""
    document = document_read_for_purpose(
        actor=actor_of(request),
        document_id=document_id,
        purpose=AccessPurpose.CASE_HANDLING,
        what=DOCUMENT_CONTENT_READ,
        channel=AccessChannel.API,
    )
    response = FileResponse(
        document_content_open(document=document),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]


class DocumentUploadIn(Schema):
    municipality_nis_code: str
    owner_type: str = Field(max_length=40, examples=["case"])
    owner_id: int
    title: str = Field("", max_length=300)
    kind: str = Field("", max_length=40)
    language: str = Field(
        "", max_length=2, description="nl, fr or en; empty: detected from the text."
    )


@router.post("/documents", response={201: DocumentOut, 404: ErrorResponse})
@requires(Permission.DOCUMENTS_UPLOAD)
def document_upload_endpoint(
    request: HttpRequest, payload: Form[DocumentUploadIn], file: File[UploadedFile]
) -> Status[Document]:
    """Add a document (version 1) to an owner of the municipality, e.g. a case. The file
    is judged by its content: PDF, JPEG, PNG, DOCX or ODT, at most LOKET_UPLOAD_MAX_BYTES."""
    actor = actor_of(request)
    municipality = get_object_or_404(
        Municipality.objects.filter(pk__in=actor.municipality_ids(Permission.DOCUMENTS_UPLOAD)),
        nis_code=payload.municipality_nis_code,
    )
    document = document_attach(
        actor=actor,
        municipality=municipality,
        owner_type=payload.owner_type,
        owner_id=payload.owner_id,
        title=payload.title,
        file_name=file.name or "",
        content=file,
        kind=payload.kind,
        language=payload.language,
    )
    return Status(201, document)


@router.post("/documents/{document_id}/versions", response={201: DocumentOut, 404: ErrorResponse})
@requires(Permission.DOCUMENTS_UPLOAD)
def document_version_endpoint(
    request: HttpRequest,
    document_id: int,
    file: File[UploadedFile],
    title: FormEx[str, P(max_length=300)] = "",
) -> Status[Document]:
    """Add a new version of a document (given by its current version's id)."""
    actor = actor_of(request)
    current = document_get_visible(actor=actor, document_id=document_id)
    document = document_version_add(
        actor=actor, document=current, file_name=file.name or "", content=file, title=title
    )
    return Status(201, document)
