"""Background jobs of dossier documents (run by `loket procrastinate worker`)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.documents.services import document_text_extract


@app.task(name="documents.text_extract", queue="documents", retry=3)
def document_text_extract_task(document_id: int) -> None:
    """Extract and index the text of one document. Safe to run twice."""
    document_text_extract(document_id=document_id)
