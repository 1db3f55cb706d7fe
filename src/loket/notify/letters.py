"""Printable letter batches: one PDF per municipality per day, with each letter's PDF
attachments (a decision, for example) printed right behind it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone, translation
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from loket.notify.models import Letter, LetterBatch, NotificationAttachment
from loket.tenancy.models import Municipality


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "sender": ParagraphStyle("sender", parent=base["Normal"], fontSize=9, leading=12),
        "address": ParagraphStyle("address", parent=base["Normal"], fontSize=11, leading=14),
        "date": ParagraphStyle("date", parent=base["Normal"], fontSize=10, leading=13),
        "subject": ParagraphStyle("subject", parent=base["Heading2"], fontSize=13, leading=16),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=11, leading=15),
    }


def _letter_story(letter: Letter, municipality: Municipality) -> list[Flowable]:
    styles = _styles()
    with translation.override(letter.language):
        date_text = formats.date_format(letter.day, "DATE_FORMAT")
        municipality_name = municipality.name_in(letter.language)
    story: list[Flowable] = [
        Paragraph(_escape(municipality_name), styles["sender"]),
        Spacer(1, 25 * mm),
        Paragraph(_escape(letter.recipient_name), styles["address"]),
    ]
    story += [Paragraph(_escape(line), styles["address"]) for line in letter.address_lines]
    story += [
        Spacer(1, 20 * mm),
        Paragraph(_escape(date_text), styles["date"]),
        Spacer(1, 6 * mm),
        Paragraph(_escape(letter.subject), styles["subject"]),
        Spacer(1, 4 * mm),
    ]
    for paragraph in letter.body.split("\n\n"):
        text = "<br/>".join(_escape(line) for line in paragraph.split("\n"))
        story += [Paragraph(text, styles["body"]), Spacer(1, 3 * mm)]
    return story


def _letter_pdf(letter: Letter, municipality: Municipality) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=letter.subject,
        author=municipality.name_in(letter.language),
    )
    document.build(_letter_story(letter, municipality))
    return buffer.getvalue()


def batch_pdf(letters: Iterable[Letter], municipality: Municipality) -> bytes:
    """All letters one after the other; a letter with an odd page count gets a blank page,
    so duplex printing starts every letter on a new sheet."""
    writer = PdfWriter()
    for letter in letters:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(_letter_pdf(letter, municipality))))
        enclosures = NotificationAttachment.objects.filter(
            notification_id=letter.notification_id, content_type="application/pdf"
        ).values_list("content", flat=True)
        for content in enclosures:
            writer.append(PdfReader(io.BytesIO(bytes(content))))
        if (len(writer.pages) - start) % 2:
            writer.add_blank_page(width=A4[0], height=A4[1])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def letter_folder() -> Path:
    folder = Path(settings.LOKET_NOTIFY_LETTER_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@transaction.atomic
def letter_batch_build(*, municipality: Municipality, day: dt.date) -> LetterBatch | None:
    """Put the letters of that municipality and day that are in no batch yet into a new
    batch PDF (None when there are none)."""
    letters = list(
        Letter.objects.select_for_update(skip_locked=True)
        .filter(municipality=municipality, day=day, batch__isnull=True)
        .order_by("id")
    )
    if not letters:
        return None
    number = (
        LetterBatch.objects.filter(municipality=municipality, day=day).aggregate(
            highest=Max("number")
        )["highest"]
        or 0
    ) + 1
    batch = LetterBatch.objects.create(
        municipality=municipality, day=day, number=number, letter_count=len(letters)
    )
    file_name = f"{municipality.slug}-{day.isoformat()}-{number}.pdf"
    (letter_folder() / file_name).write_bytes(batch_pdf(letters, municipality))
    batch.file_name = file_name
    batch.save(update_fields=["file_name"])
    Letter.objects.filter(pk__in=[letter.pk for letter in letters]).update(batch=batch)
    return batch


def letter_batches_build_due(*, before: dt.date | None = None) -> list[LetterBatch]:
    """Build the batches of every day before `before` (default: today) still waiting."""
    before = before or timezone.localdate()
    pending = (
        Letter.objects.filter(batch__isnull=True, day__lt=before)
        .values_list("municipality_id", "day")
        .distinct()
        .order_by("day", "municipality_id")
    )
    batches = []
    for municipality_id, day in pending:
        municipality = Municipality.objects.get(pk=municipality_id)
        batch = letter_batch_build(municipality=municipality, day=day)
        if batch is not None:
            batches.append(batch)
    return batches


def letter_batch_path(batch: LetterBatch) -> Path:
    return letter_folder() / batch.file_name
