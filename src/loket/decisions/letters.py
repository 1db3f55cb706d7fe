"""The decision letter as PDF (reportlab): letterhead, addressee, reference and date,
subject, what the decision is about (the case's key answers), the decided text, who
decided, the appeal paragraph and a note on the electronic signature.

The back office shows the same `LetterContent` as a page before the letter is signed
(`letter_paragraphs` and `letter_seal_text` are shared, so the preview reads as the PDF)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

from loket.core.labels import labelled
from loket.core.placeholders import placeholders_render
from loket.decisions.texts import WORDING

_INK = colors.HexColor("#1b1b1b")
_ACCENT = colors.HexColor("#1d4f91")


@dataclass(frozen=True)
class LetterContent:
    language: str
    municipality_name: str
    region_name: str
    reference: str
    date_text: str
    addressee_name: str
    addressee_address: Sequence[str]
    subject: str
    body: str
    appeal: str
    verification_url: str
    facts: Sequence[tuple[str, str]] = ()
    signatory_name: str = ""
    signatory_function: str = ""


def letter_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a single newline stays a line break."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def letter_seal_text(content: LetterContent) -> str:
    """The note on the electronic signature, with the verification address."""
    wording = WORDING[content.language]
    verification = placeholders_render(wording.verification_page, {"url": content.verification_url})
    return placeholders_render(
        wording.seal_text,
        {"municipality": content.municipality_name, "verification": verification},
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10.5, leading=14.5, textColor=_INK)
    return {
        "body": base,
        "letterhead": ParagraphStyle(
            "letterhead",
            parent=base,
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            textColor=_ACCENT,
        ),
        "region": ParagraphStyle("region", parent=base, fontSize=9.5, textColor=colors.grey),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, alignment=TA_RIGHT),
        "subject": ParagraphStyle("subject", parent=base, fontName="Helvetica-Bold"),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName="Helvetica-Bold", spaceBefore=6, spaceAfter=2
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12),
    }


def _paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [
        Paragraph(escape(block).replace("\n", "<br/>"), style) for block in letter_paragraphs(text)
    ]


def _footer(content: LetterContent) -> object:
    wording = WORDING[content.language]

    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(20 * mm, 12 * mm, f"{content.municipality_name} · {content.reference}")
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"{wording.page} {document.page}")
        canvas.restoreState()

    return draw


def letter_pdf_render(content: LetterContent) -> bytes:
    """The unsigned letter."""
    wording = WORDING[content.language]
    styles = _styles()
    stream = io.BytesIO()
    document = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=content.subject,
        author=content.municipality_name,
        subject=content.subject,
        creator="Loket",
        lang=content.language,
    )
    addressee = "<br/>".join(
        escape(line) for line in [content.addressee_name, *content.addressee_address] if line
    )
    meta = (
        f"{escape(labelled(wording.our_reference, content.reference, content.language))}<br/>"
        f"{escape(labelled(wording.date, content.date_text, content.language))}"
    )
    story: list[object] = [
        Paragraph(escape(content.municipality_name), styles["letterhead"]),
        Paragraph(escape(content.region_name), styles["region"]),
        HRFlowable(width="100%", thickness=1.2, color=_ACCENT, spaceBefore=4, spaceAfter=14),
        Table(
            [[Paragraph(addressee, styles["body"]), Paragraph(meta, styles["meta"])]],
            colWidths=["52%", "48%"],
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)],
        ),
        Spacer(1, 12 * mm),
        Paragraph(
            escape(labelled(wording.subject, content.subject, content.language)),
            styles["subject"],
        ),
        Spacer(1, 5 * mm),
    ]
    if content.facts:
        story += [
            Paragraph(escape(wording.facts_heading), styles["heading"]),
            Table(
                [
                    [
                        Paragraph(escape(label), styles["body"]),
                        Paragraph(escape(value), styles["body"]),
                    ]
                    for label, value in content.facts
                ],
                colWidths=["40%", "60%"],
                style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)],
            ),
            Spacer(1, 4 * mm),
        ]
    for paragraph in _paragraphs(content.body, styles["body"]):
        story += [paragraph, Spacer(1, 3 * mm)]
    if content.signatory_name:
        signatory = "<br/>".join(
            escape(line) for line in (content.signatory_name, content.signatory_function) if line
        )
        story += [
            Paragraph(escape(wording.signatory_heading), styles["heading"]),
            Paragraph(signatory, styles["body"]),
        ]
    story += [Spacer(1, 4 * mm), Paragraph(escape(wording.appeal_heading), styles["heading"])]
    story += _paragraphs(content.appeal, styles["small"])
    seal = letter_seal_text(content)
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(wording.seal_heading), styles["heading"]),
        Paragraph(escape(seal), styles["small"]),
    ]
    footer = _footer(content)
    document.build(story, onFirstPage=footer, onLaterPages=footer)  # type: ignore[arg-type]
    return stream.getvalue()
