"""The decision list and the minutes as PDF (reportlab), from the same `DocumentView` as
the published pages: the public items only, in the municipality's language. The services
sign them with the municipality's certificate (loket.decisions.signing, PAdES)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from loket.council.linked_data import DocumentKind, content_language
from loket.council.models import AgendaItem, Attendance, Meeting
from loket.council.rdfa import DocumentView, document_view

_STYLES = {
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=16, leading=20),
    "heading": ParagraphStyle(
        "heading", fontName="Helvetica-Bold", fontSize=11.5, leading=15, spaceBefore=8
    ),
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5),
    "muted": ParagraphStyle("muted", fontName="Helvetica-Oblique", fontSize=9, leading=12),
}


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _heading(kind: DocumentKind) -> str:
    return {
        DocumentKind.AGENDA: _("Agenda"),
        DocumentKind.DECISION_LIST: _("Decision list"),
        DocumentKind.MINUTES: _("Minutes"),
    }[kind]


def meeting_document_pdf(
    *,
    meeting: Meeting,
    items: list[AgendaItem],
    kind: DocumentKind,
    attendances: Sequence[Attendance] = (),
) -> bytes:
    """The unsigned PDF of one published document of a meeting (`items`: the public ones)."""
    with translation.override(content_language(meeting.municipality)):
        return _render(
            document_view(meeting=meeting, items=items, kind=kind, attendances=attendances)
        )


def _render(view: DocumentView) -> bytes:
    meeting = view.meeting
    stream = io.BytesIO()
    title = f"{_heading(view.kind)}: {view.body_label}"
    document = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=view.unit_label,
        creator="Loket",
        lang=view.language,
    )
    when = formats.date_format(meeting.planned_start, "DATETIME_FORMAT")
    story: list[Flowable] = [
        Paragraph(escape(title), _STYLES["title"]),
        Spacer(1, 3 * mm),
        Paragraph(escape(f"{_('Planned start')}: {when}"), _STYLES["body"]),
    ]
    if meeting.location:
        story.append(Paragraph(escape(f"{_('Location')}: {meeting.location}"), _STYLES["body"]))
    if view.chair is not None:
        story.append(
            Paragraph(escape(f"{_('Chair')}: {view.chair.mandate.member}"), _STYLES["body"])
        )
    for label, holders in ((_("Present"), view.present), (_("Absent"), view.absent)):
        if holders:
            names = ", ".join(str(holder.mandate.member) for holder in holders)
            story.append(Paragraph(escape(f"{label}: {names}"), _STYLES["body"]))
    if meeting.secretary_name:
        story.append(
            Paragraph(escape(f"{_('Secretary')}: {meeting.secretary_name}"), _STYLES["body"])
        )
    for number, row in enumerate(view.items, start=1):
        item = row.item
        story.append(Paragraph(escape(f"{number}. {item.title}"), _STYLES["heading"]))
        if view.kind is DocumentKind.MINUTES and item.description:
            story.append(Paragraph(_text(item.description), _STYLES["body"]))
        if view.kind is DocumentKind.MINUTES and item.discussion:
            story.append(Paragraph(_text(item.discussion), _STYLES["muted"]))
        if item.treated_at is not None:
            story.append(
                Paragraph(escape(f"{_('Decision')}: {item.decision_title}"), _STYLES["body"])
            )
            story.append(Paragraph(_text(item.decision_text), _STYLES["body"]))
        for vote in row.votes:
            counts = (
                f"{_('Vote')}: {vote.vote.subject}. {_('For')}: {vote.vote.count_for}, "
                f"{_('Against')}: {vote.vote.count_against}, "
                f"{_('Abstentions')}: {vote.vote.count_abstain}. {_('Result')}: {vote.result}."
            )
            story.append(Paragraph(escape(counts), _STYLES["body"]))
            if view.kind is DocumentKind.MINUTES and vote.casts:
                names = "; ".join(
                    f"{cast.holder.mandate.member}: {cast.choice_label}" for cast in vote.casts
                )
                story.append(Paragraph(escape(names), _STYLES["muted"]))
    document.build(story)
    return stream.getvalue()
