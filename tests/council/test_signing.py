"""Publishing a meeting signs its decision list and minutes (PAdES, the municipality's
certificate) and keeps them as documents; the signed PDFs are public once published, hold
no closed item, and without a certificate the publication is refused."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from loket.council.models import Meeting, MeetingEvent
from loket.council.selectors import MEETING_OWNER
from loket.council.services import meeting_transition
from loket.council.workflow import MeetingStatus
from loket.decisions.pki import municipality_credential_paths
from loket.decisions.verification import pdf_signature_verify
from loket.documents.models import Document
from loket.tenancy.access import Actor
from tests.council.helpers import Council, meeting_make

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_publishing_signs_the_decision_list_and_the_minutes(
    client: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.PUBLISHED)
    slug = meeting.municipality.slug

    kept = Document.objects.filter(owner_type=MEETING_OWNER, owner_id=meeting.pk)
    assert sorted(kept.values_list("kind", flat=True)) == ["besluitenlijst", "notulen"]
    for document in ("besluitenlijst", "notulen"):
        answer = client.get(f"/{slug}/bestuur/zittingen/{meeting.pk}/{document}.pdf")
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/pdf"
        signed = b"".join(answer.streaming_content)  # type: ignore[attr-defined]
        result = pdf_signature_verify(signed)
        assert result.valid, result.status
        text = _pdf_text(signed)
        assert "Budget for the new playground" in text
        assert "Personnel matter" not in text
        assert "Secret draft decision" not in text
    minutes = client.get(f"/{slug}/bestuur/zittingen/{meeting.pk}/notulen.pdf")
    text = " ".join(_pdf_text(b"".join(minutes.streaming_content)).split())  # type: ignore[attr-defined]
    # In the municipality's language, whatever the reader's.
    assert "Chris Raadslid: Tegen" in text
    assert "Besluit: Decision: Budget for the new playground" in text


def test_the_signed_pdfs_are_not_public_before_publication(
    client: Client, secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.DECISIONS_RECORDED)
    slug = meeting.municipality.slug

    assert client.get(f"/{slug}/bestuur/zittingen/{meeting.pk}/notulen.pdf").status_code == 404
    assert client.get(f"/{slug}/bestuur/zittingen/{meeting.pk}/agenda.pdf").status_code == 404


def test_without_a_certificate_the_publication_is_refused_and_nothing_kept(
    secretary_actor: Actor, council: Council, settings: Any
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.DECISIONS_RECORDED)
    municipality_credential_paths(meeting.municipality).certificate.unlink()
    events = MeetingEvent.objects.filter(meeting=meeting).count()

    with pytest.raises(ValidationError) as error:
        meeting_transition(
            actor=secretary_actor, meeting_id=meeting.pk, to_status=MeetingStatus.PUBLISHED
        )

    assert error.value.message_dict["to_status"][0].startswith(
        "The decision list and the minutes cannot be signed:"
    )
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DECISIONS_RECORDED
    assert not Document.objects.filter(owner_type=MEETING_OWNER).exists()
    assert MeetingEvent.objects.filter(meeting=meeting).count() == events
