"""What the document pages share."""

from __future__ import annotations

from django.http import FileResponse

from loket.documents.models import Document
from loket.documents.selectors import document_content_open


def document_file_response(document: Document) -> FileResponse:
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
