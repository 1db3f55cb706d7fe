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
`{{ value|date:"SHORT_DATE_FORMAT" }}`, `short_datetime()` its date and time. For a long
list, `datetime_writer()` does the same for many values at the cost of one: the page's
time zone, the format and its translated words are looked up once, and the format is
turned once into a function of the date (`escape_cell()` is `conditional_escape` without
its lazy-text wrapping, for cells written by hand).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.dateformat import format as dateformat_format
from django.utils.dateformat import re_formatchars
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext


@dataclass(frozen=True)
class Cell:
    """A cell with a class of its own: `Cell(case.number, "mono")` is
    `<td class="mono">…</td>`."""

    content: Any
    css_class: str


def escape_cell(value: Any) -> str:
    """`conditional_escape(value)` as text: safe HTML as it is, anything else escaped;
    None is ""."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


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
                    f'<td class="{escape_cell(cell.css_class)}">{escape_cell(cell.content)}</td>'
                )
            else:
                parts.append(f"<td>{escape_cell(cell)}</td>")
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


DateTimeWriter = Callable[[dt.datetime], tuple[str, str]]


def datetime_writer(format_name: str = "SHORT_DATETIME_FORMAT") -> DateTimeWriter:
    """A function of an aware datetime giving `(iso, shown)`: what
    `{{ value|date:"c" }}` and `{{ value|date:format_name }}` write, in the page's time
    zone and language, looked up once for many values."""
    zone = timezone.get_current_timezone()
    shown = _compiled(str(get_format(format_name)), _words())

    def write(value: dt.datetime) -> tuple[str, str]:
        local = value.astimezone(zone) if timezone.is_aware(value) else value
        return local.isoformat(), shown(local)

    return write


def _words() -> tuple[str, str, str, str]:
    # what Django's `P` and `a` write, in the active language
    return (
        gettext("midnight"),
        gettext("noon"),
        gettext("a.m."),
        gettext("p.m."),
    )


def _twelve(value: dt.datetime) -> str:
    hour = value.hour % 12 or 12
    return str(hour) if value.minute == 0 else f"{hour}:{value.minute:02d}"


_PARTS: dict[str, Callable[[dt.datetime, tuple[str, str, str, str]], str]] = {
    "d": lambda value, _words: f"{value.day:02d}",
    "j": lambda value, _words: str(value.day),
    "m": lambda value, _words: f"{value.month:02d}",
    "n": lambda value, _words: str(value.month),
    "Y": lambda value, _words: f"{value.year:04d}",
    "y": lambda value, _words: f"{value.year % 100:02d}",
    "H": lambda value, _words: f"{value.hour:02d}",
    "G": lambda value, _words: str(value.hour),
    "i": lambda value, _words: f"{value.minute:02d}",
    "s": lambda value, _words: f"{value.second:02d}",
    "a": lambda value, words: words[3] if value.hour > 11 else words[2],
    "P": lambda value, words: (
        words[0]
        if (value.hour, value.minute) == (0, 0)
        else words[1]
        if (value.hour, value.minute) == (12, 0)
        else f"{_twelve(value)} {words[3] if value.hour > 11 else words[2]}"
    ),
}


@functools.lru_cache(maxsize=64)
def _compiled(format_string: str, words: tuple[str, str, str, str]) -> Callable[[dt.datetime], str]:
    """`dateformat.format(value, format_string)` as a function; formats with a character
    it does not know are left to Django."""
    pieces = re_formatchars.split(format_string)
    if any(piece not in _PARTS for piece in pieces[1::2]):
        return functools.partial(_django_format, format_string=format_string)
    steps: list[Callable[[dt.datetime, tuple[str, str, str, str]], str] | str] = [
        _PARTS[piece] if index % 2 else piece.replace("\\", "")
        for index, piece in enumerate(pieces)
    ]

    def shown(value: dt.datetime) -> str:
        return "".join(step if isinstance(step, str) else step(value, words) for step in steps)

    return shown


def _django_format(value: dt.datetime, *, format_string: str) -> str:
    return str(dateformat_format(value, format_string))
