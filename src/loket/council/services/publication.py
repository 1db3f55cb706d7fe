"""The signed publication of a meeting: its decision list and minutes as PDF, signed
(PAdES) with the municipality's certificate and kept by the documents domain (owner type
`council_meeting`), in the transaction that publishes the meeting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from loket.council.linked_data import DocumentKind, body_label, content_language
from loket.council.models import Meeting
from loket.council.pdf import meeting_document_pdf
from loket.council.selectors import MEETING_OWNER, attendance_of, items_public
from loket.decisions.pki import SigningError
from loket.decisions.signing import pdf_sign
from loket.documents.models import Document
from loket.documents.services import document_upload
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

SIGNED_DOCUMENTS = (DocumentKind.DECISION_LIST, DocumentKind.MINUTES)


def meeting_documents_sign(*, actor: Actor, meeting_id: int) -> list[Document]:
    """Generate, sign and keep the decision list and the minutes of a meeting being
    published (inside the caller's transaction). Without a usable certificate the
    publication is refused, saying why; nothing is kept."""
    meeting = Meeting.objects.select_related(
        "body", "municipality", "chair__member", "chair__party"
    ).get(pk=meeting_id)
    if not actor.has(Permission.DECISIONS_SIGN, meeting.municipality_id):
        raise PermissionDenied
    language = content_language(meeting.municipality)
    items = items_public(meeting=meeting)
    documents = []
    for kind in SIGNED_DOCUMENTS:
        pdf = meeting_document_pdf(
            meeting=meeting, items=items, kind=kind, attendances=attendance_of(meeting=meeting)
        )
        try:
            signed = pdf_sign(
                pdf,
                municipality=meeting.municipality,
                reason=body_label(meeting.body, language),
                location=meeting.municipality.name_in(language),
                signer_name=meeting.secretary_name or meeting.municipality.name_in(language),
            )
        except SigningError as error:
            raise ValidationError(
                {
                    "to_status": ValidationError(
                        _(
                            "The decision list and the minutes cannot be signed: %(error)s. "
                            "Ask the administrator to install the municipality's signing "
                            "certificate."
                        )
                        % {"error": error},
                        code="signing_unavailable",
                    )
                }
            ) from error
        documents.append(
            document_upload(
                actor=actor,
                municipality=meeting.municipality,
                owner_type=MEETING_OWNER,
                owner_id=meeting.pk,
                title=f"{kind.value} {meeting.planned_start:%Y-%m-%d}",
                file_name=f"{kind.value}-{meeting.planned_start:%Y-%m-%d}-{meeting.pk}.pdf",
                content=signed,
                kind=kind.value,
                language=language,
            )
        )
    return documents
