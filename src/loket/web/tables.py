"""The rows of a long back-office table, written in one pass.

A Django template spends some 10 to 20 µs on every variable it shows (lookup, localisation,
escaping): a queue of 50 rows with 8 columns cost more to render than its SQL cost the
database. The table itself (caption, headers, pagination) stays in the page's template;
its rows come from a template tag of the domain that turns each row into a tuple of cells
and hands them to `table_rows()`, which writes `<tr><td>…</td></tr>` with the same
escaping as the template did (a cell is escaped unless it is already safe HTML, built
with `format_html`).

    {% load reports_tags %}<tbody>{% report_rows page.object_list %}</tbody>

The cell helpers write what the template filters wrote: `short_date()` is
`{{ value|date:"SHORT_DATE_FORMAT" }}`, `short_datetime()` its date and time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Cell:
    """A cell with a class of its own: `Cell(case.number, "mono")` is
    `<td class="mono">…</td>`."""

    content: Any
    css_class: str


def table_rows(rows: Iterable[tuple[str, Sequence[Any]]]) -> SafeString:
    """`<tr{attributes}><td>…</td>…</tr>` for each (attributes, cells): `attributes` is
    safe text written into the opening tag as it is (' class="overdue"' or ""), each cell
    is escaped unless it is safe HTML; None is written as an empty cell."""
    lines: list[str] = []
    for attributes, cells in rows:
        parts = [f"<tr{attributes}>"]
        for cell in cells:
            if isinstance(cell, Cell):
                parts.append(
                    f'<td class="{conditional_escape(cell.css_class)}">'
                    f"{conditional_escape(cell.content)}</td>"
                )
            else:
                parts.append(f"<td>{'' if cell is None else conditional_escape(cell)}</td>")
        parts.append("</tr>")
        lines.append("".join(parts))
    return mark_safe("\n".join(lines))  # every cell is escaped above


def short_date(value: Any) -> str:
    """`{{ value|date:"SHORT_DATE_FORMAT" }}`: the date in the page's language and time
    zone, "" for None."""
    return str(date_filter(template_localtime(value), "SHORT_DATE_FORMAT"))


def short_datetime(value: Any) -> str:
    """`{{ value|date:"SHORT_DATETIME_FORMAT" }}`."""
    return str(date_filter(template_localtime(value), "SHORT_DATETIME_FORMAT"))
