"""The resident's data export as a readable PDF: the same content as the JSON (see
loket.people.data_export), one heading per part and one small table per item."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from loket.people.models import Person

# A long value (a form's answers, a message) is cut in the PDF; the JSON holds it whole.
VALUE_SHOWN = 1500


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > VALUE_SHOWN:
        text = text[:VALUE_SHOWN] + " …"
    return text


def export_pdf(export: dict[str, Any], *, person: Person) -> bytes:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("All my data"),
        author=person.full_name,
    )
    story: list[Flowable] = [
        Paragraph(escape(_("All my data: %(name)s") % {"name": person.full_name}), styles["Title"]),
        Paragraph(
            escape(
                _("Made on %(when)s. Schema version %(version)s.")
                % {"when": export["generated_at"], "version": export["schema_version"]}
            ),
            styles["Normal"],
        ),
    ]
    for part in export["parts"]:
        story.append(Paragraph(escape(part["title"]), styles["Heading2"]))
        if not part["items"]:
            story.append(Paragraph(escape(_("Nothing.")), styles["Normal"]))
            continue
        for item in part["items"]:
            rows = [[Paragraph(escape(f"{item['type']} #{item['id']}"), cell), ""]]
            for key, value in item.items():
                if key not in {"type", "id", "fields"}:
                    rows.append(
                        [Paragraph(escape(key), cell), Paragraph(escape(_text(value)), cell)]
                    )
            for key, value in item["fields"].items():
                rows.append([Paragraph(escape(key), cell), Paragraph(escape(_text(value)), cell)])
            table = Table(rows, colWidths=[45 * mm, None])
            table.setStyle(
                TableStyle(
                    [
                        ("SPAN", (0, 0), (1, 0)),
                        ("BACKGROUND", (0, 0), (1, 0), colors.HexColor("#e8edf2")),
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c0")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [table, Spacer(1, 3 * mm)]
    document.build(story)
    return out.getvalue()
