"""A printable payment slip (one A4 page, PDF): the transfer details and the EPC QR code.

Attached to payment and reminder messages; the letter channel prints PDF attachments
right behind the letter, so a letter carries the QR code too.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table

from loket.payments.models import PaymentRequest
from loket.payments.money import cents_to_display
from loket.payments.transfer_details import TransferDetails

QR_SIZE = 50 * mm


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def payment_slip_pdf(
    *, payment_request: PaymentRequest, details: TransferDetails, language: str
) -> bytes:
    """One page with what to transfer, where to, and the QR code for banking apps."""
    base = getSampleStyleSheet()
    title = ParagraphStyle("slip-title", parent=base["Heading2"], fontSize=14, leading=18)
    body = ParagraphStyle("slip-body", parent=base["Normal"], fontSize=11, leading=15)
    with translation.override(language):
        rows = [
            (_("To"), details.beneficiary_name),
            (_("Account (IBAN)"), details.iban_display),
            (_("BIC"), details.bic or "-"),
            (_("Amount"), cents_to_display(details.amount_cents, language)),
            (_("Structured communication"), details.communication),
            (_("For"), payment_request.description_in()),
        ]
        heading = _("Payment slip")
        scan = _(
            "Scan this code with your banking app: account, amount and communication are "
            "filled in for you."
        )
        always = _(
            "Always use the structured communication: then your payment is recognised "
            "automatically."
        )
    table = Table(
        [
            [Paragraph(_escape(label), body), Paragraph(_escape(value), body)]
            for label, value in rows
        ],
        colWidths=[55 * mm, 110 * mm],
        hAlign="LEFT",
    )
    image = Image(io.BytesIO(details.qr_png()), width=QR_SIZE, height=QR_SIZE)
    image.hAlign = "LEFT"
    story = [
        Paragraph(_escape(payment_request.municipality.name_in(language)), body),
        Spacer(1, 8 * mm),
        Paragraph(_escape(heading), title),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        image,
        Spacer(1, 3 * mm),
        Paragraph(_escape(scan), body),
        Spacer(1, 3 * mm),
        Paragraph(_escape(always), body),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=heading,
    ).build(story)
    return buffer.getvalue()
