"""The printable attendance list of a period for the monitors (PDF, reportlab)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from loket.activities.models import Period, Registration
from loket.core.dates import date_display


def attendance_pdf_render(*, period: Period, registrations: list[Registration]) -> bytes:
    """One row per child with a confirmed place and a box per day to tick."""
    days = (period.ends_on - period.starts_on).days + 1
    day_columns = min(days, 7)
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{period.activity.title} — {period.label}",
    )
    header = [_("Child"), _("Birth date"), _("Parent"), _("Phone")]
    header += [str(n) for n in range(1, day_columns + 1)]
    rows: list[list[str]] = [header]
    for registration in registrations:
        child, parent = registration.child, registration.parent
        rows.append(
            [
                # No longer named once anonymised (loket.activities.retention).
                f"{child.last_name}, {child.first_names}" if child is not None else "—",
                date_display(child.birth_date) if child is not None else "",
                f"{parent.first_names} {parent.last_name}" if parent is not None else "",
                parent.phone if parent is not None else "",
                *([""] * day_columns),
            ]
        )
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#555555"),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), "#dddddd"),
            ]
        )
    )
    story = [
        Paragraph(escape(f"{period.activity.title} — {period.label}"), styles["Title"]),
        Paragraph(
            _("%(first)s to %(last)s · %(count)s children")
            % {
                "first": date_display(period.starts_on),
                "last": date_display(period.ends_on),
                "count": len(registrations),
            },
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        table,
    ]
    document.build(story)
    return buffer.getvalue()
