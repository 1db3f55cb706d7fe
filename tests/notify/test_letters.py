"""Letters by post: one printable PDF per municipality per day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.pdfgen import canvas
from tests.factories import PersonFactory, staff_member

from loket.notify.channels.base import AttachmentFile
from loket.notify.delivery import notification_deliver
from loket.notify.letters import letter_batch_build, letter_batch_path, letter_batches_build_due
from loket.notify.models import Letter, LetterBatch
from loket.notify.services import notification_send
from loket.tenancy.permissions import Role

DECISION = {
    "case_reference": "R-9",
    "case_title": "Bouwvergunning",
    "decision": "De vergunning is verleend.",
    "case_url": "https://loket.test/r/9/",
}


def _decision_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Officieel besluit nummer R-9")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _letter_for(person, municipality, key, attachments=()):
    notification = notification_send(
        recipient=person,
        event="decision.made",
        context=DECISION,
        municipality=municipality,
        idempotency_key=key,
        attachments=attachments,
    )
    notification_deliver(notification_id=notification.pk)
    return Letter.objects.get(notification=notification)


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.django_db
def test_the_days_letters_become_one_printable_pdf(municipality, other_municipality):
    marie = PersonFactory(
        municipality=municipality,
        first_names="Marie",
        last_name="Dubois",
        preferred_language="fr",
        preferred_channels=["letter"],
    )
    jan = PersonFactory(
        municipality=municipality,
        first_names="Jan",
        last_name="Janssens",
        preferred_channels=["letter"],
    )
    elsewhere = PersonFactory(municipality=other_municipality, preferred_channels=["letter"])
    _letter_for(
        marie,
        municipality,
        "a",
        [AttachmentFile("besluit.pdf", "application/pdf", _decision_pdf())],
    )
    _letter_for(jan, municipality, "b")
    _letter_for(elsewhere, other_municipality, "c")

    batch = letter_batch_build(municipality=municipality, day=timezone.localdate())

    assert batch is not None
    assert batch.letter_count == 2
    assert batch.number == 1
    pages = _text(letter_batch_path(batch).read_bytes())
    # Marie's letter (1 page) + her decision (1 page); Jan's letter (1 page) + a blank back.
    assert len(pages) == 4
    assert "Marie Dubois" in pages[0]
    assert "Décision concernant votre demande R-9" in pages[0]
    assert "La vergunning" not in pages[0]
    assert "Kerkstraat 1" in pages[0]
    assert "Officieel besluit nummer R-9" in pages[1]
    assert "Jan Janssens" in pages[2]
    assert "Beslissing over uw aanvraag R-9" in pages[2]
    assert "De vergunning is verleend." in pages[2]
    assert pages[3].strip() == ""
    assert Letter.objects.filter(batch=batch).count() == 2
    assert Letter.objects.get(municipality=other_municipality).batch is None
    # Nothing left for that day: no empty second batch.
    assert letter_batch_build(municipality=municipality, day=timezone.localdate()) is None


@pytest.mark.django_db
def test_past_days_are_gathered_by_the_periodic_job(municipality):
    person = PersonFactory(municipality=municipality, preferred_channels=["letter"])
    letter = _letter_for(person, municipality, "a")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Letter.objects.filter(pk=letter.pk).update(day=yesterday)
    _letter_for(
        PersonFactory(municipality=municipality, preferred_channels=["letter"]), municipality, "b"
    )

    [batch] = letter_batches_build_due()

    assert (batch.day, batch.letter_count) == (yesterday, 1)
    assert Letter.objects.filter(batch__isnull=True).count() == 1  # today's waits for tonight


@pytest.mark.django_db
def test_staff_download_their_municipalitys_batches_only(client, municipality, other_municipality):
    _letter_for(
        PersonFactory(municipality=municipality, preferred_channels=["letter"]), municipality, "a"
    )
    _letter_for(
        PersonFactory(municipality=other_municipality, preferred_channels=["letter"]),
        other_municipality,
        "b",
    )
    foreign = letter_batch_build(municipality=other_municipality, day=timezone.localdate())
    assert foreign is not None
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))

    built = client.post(reverse("notify:letter-batch-build"), {"municipality": municipality.slug})
    refused = client.post(
        reverse("notify:letter-batch-build"), {"municipality": other_municipality.slug}
    )

    assert built.status_code == 302
    assert refused.status_code == 404
    mine = LetterBatch.objects.get(municipality=municipality)
    listing = client.get(reverse("notify:letter-batches")).content.decode()
    assert reverse("notify:letter-batch-download", args=[mine.pk]) in listing
    assert reverse("notify:letter-batch-download", args=[foreign.pk]) not in listing
    download = client.get(reverse("notify:letter-batch-download", args=[mine.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("notify:letter-batch-download", args=[foreign.pk])).status_code == 404
    assert LetterBatch.objects.count() == 2
