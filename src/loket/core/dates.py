"""Dates as a reader reads them: written out in the page's (or the recipient's) language.

Stored and exchanged dates stay ISO text (`2026-03-14`); everything a person reads goes
through `date_display`, so a form, an error, a page and a message write the same date the
same way ("14 maart 1986", "14 mars 1986", "March 14, 1986").
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation
from django.utils.dateparse import parse_date


def date_parse(value: object) -> dt.date | None:
    """A date from a date, a datetime or ISO text; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip()[:10])
        except ValueError:
            return None
    return None


def date_display(value: object, language: str | None = None) -> str:
    """`value` written out in `language` (default: the active language). Anything that is
    not a date comes back as text, unchanged."""
    day = date_parse(value)
    if day is None:
        return "" if value is None else str(value)
    if language is None:
        return formats.date_format(day, "DATE_FORMAT")
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")
