"""A municipality's contact details: opening hours as data, how they are checked and shown.

Opening hours are stored per weekday as `{"mon": {"periods": [["08:30", "12:00"], ...],
"note": {"nl": "...", "fr": "...", "en": "..."}}, ...}`: periods in order, each ending after
it starts and not overlapping the next; a day without periods is closed. The note says what
the hours cannot ("only by appointment"), per language, so that every page shows it in its
own language (falling back to the municipality's official languages, then any filled one).

Older data stored the note as one string ("note": "..."); migration tenancy 0006 converts
it, and it is still read (as the note in the municipality's first official language) and
saved in the per-language shape on the next change of the contact details.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.core.labels import labelled

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NOTE_LANGUAGES = ("nl", "fr", "en")
NOTE_MAX_LENGTH = 200
_PERIOD = re.compile(r"^(\d{1,2})[:.hu](\d{2})\s*[-\u2013]\s*(\d{1,2})[:.hu](\d{2})$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ./-]{7,18}[0-9]$",
    gettext_lazy("Enter a phone number of digits, such as 056 27 80 00 or +32 56 27 80 00."),
    code="invalid_phone",
)
postal_code_validator = RegexValidator(
    r"^\d{4}$", gettext_lazy("A Belgian postal code has four digits."), code="invalid_postal_code"
)


def weekday_name(code: str) -> str:
    """The weekday's name in the active language ("maandag", "lundi", "Monday")."""
    return str(WEEKDAYS[WEEKDAY_CODES.index(code)])


def periods_parse(text: str, *, day: str) -> list[list[str]]:
    """ "08:30-12:00, 13:30-16:00" as [["08:30", "12:00"], ["13:30", "16:00"]]."""
    periods = []
    for part in (piece.strip() for piece in re.split(r"[,;]", text)):
        if not part:
            continue
        match = _PERIOD.match(part)
        if match is None:
            raise ValidationError(
                _(
                    "%(day)s: write the hours as 08:30-12:00, separated by commas "
                    "(\u201c%(text)s\u201d is not understood)."
                )
                % {"day": weekday_name(day), "text": part},
                code="invalid_hours",
            )
        start_hour, start_minute, end_hour, end_minute = match.groups()
        periods.append(
            [f"{int(start_hour):02d}:{start_minute}", f"{int(end_hour):02d}:{end_minute}"]
        )
    return periods


def periods_text(periods: list[list[str]]) -> str:
    return ", ".join(f"{start}-{end}" for start, end in periods)


def note_texts(note: Any, languages: Sequence[str] = ("nl",)) -> dict[str, str]:
    """A day's note as {"nl": ..., "fr": ..., "en": ...}, whichever shape it was stored in:
    an older plain string is the note in the first of `languages` (the official ones)."""
    texts = dict.fromkeys(NOTE_LANGUAGES, "")
    if isinstance(note, Mapping):
        for code in NOTE_LANGUAGES:
            texts[code] = str(note.get(code) or "").strip()
    elif note:
        first = next((code for code in languages if code in NOTE_LANGUAGES), "nl")
        texts[first] = str(note).strip()
    return texts


def note_in(note: Any, language: str, languages: Sequence[str] = ("nl",)) -> str:
    """The note in `language`, else in an official language of the municipality
    (`languages`), else in any language it was written in; "" only when there is none."""
    texts = note_texts(note, languages)
    for code in (language[:2], *languages, *NOTE_LANGUAGES):
        if texts.get(code):
            return texts[code]
    return ""


def _day_clean(day: str, value: Any, languages: Sequence[str]) -> dict[str, Any]:
    name = weekday_name(day)
    if not isinstance(value, Mapping):
        raise ValidationError(_("%(day)s: the hours are not readable.") % {"day": name})
    periods = value.get("periods") or []
    raw_note = value.get("note")
    if isinstance(raw_note, Mapping) and set(raw_note) - set(NOTE_LANGUAGES):
        raise ValidationError(
            _("%(day)s: a note is given in Dutch, French or English (nl, fr, en).") % {"day": name}
        )
    note = note_texts(raw_note, languages)
    if any(len(text) > NOTE_MAX_LENGTH for text in note.values()):
        raise ValidationError(
            _("%(day)s: keep the note under %(count)d characters.")
            % {"day": name, "count": NOTE_MAX_LENGTH}
        )
    clean: list[list[str]] = []
    for period in periods:
        if (
            not isinstance(period, list | tuple)
            or len(period) != 2
            or not all(isinstance(time, str) and _TIME.match(time) for time in period)
        ):
            raise ValidationError(
                _("%(day)s: a time is written as 08:30, between 00:00 and 23:59.") % {"day": name}
            )
        start, end = period
        if end <= start:
            raise ValidationError(
                _("%(day)s: a period must end after it starts (%(start)s-%(end)s).")
                % {"day": name, "start": start, "end": end}
            )
        if clean and start < clean[-1][1]:
            raise ValidationError(
                _("%(day)s: the periods must follow each other without overlapping.")
                % {"day": name}
            )
        clean.append([start, end])
    return {"periods": clean, "note": note}


def opening_hours_clean(
    value: Mapping[str, Any], languages: Sequence[str] = ("nl",)
) -> dict[str, dict[str, Any]]:
    """The opening hours checked and normalised; every error at once, keyed "hours_<day>".
    `languages` are the municipality's official ones (to read a note stored as one string)."""
    unknown = set(value) - set(WEEKDAY_CODES)
    if unknown:
        raise ValidationError(_("Opening hours are given per weekday (mon to sun)."))
    errors: dict[str, list[str]] = {}
    clean = {}
    for day in WEEKDAY_CODES:
        try:
            clean[day] = _day_clean(day, value.get(day, {}), languages)
        except ValidationError as error:
            errors[f"hours_{day}"] = error.messages
    if errors:
        raise ValidationError(errors)
    return clean


@dataclass(frozen=True)
class OpeningDay:
    code: str
    name: str
    hours: str  # "08:30-12:00, 13:30-16:00" (en dashes) or "closed"
    is_open: bool
    note: str


def opening_days(
    hours: Mapping[str, Any], language: str | None = None, languages: Sequence[str] = ("nl",)
) -> list[OpeningDay]:
    """The week in the language asked (default: the active one), Monday first; `languages`
    are the municipality's official ones, the notes' fallback."""
    if not hours:
        return []
    language = language or translation.get_language() or "nl"
    with translation.override(language):
        days = []
        for code in WEEKDAY_CODES:
            day = hours.get(code) or {}
            periods = day.get("periods") or []
            text = (
                ", ".join(f"{start}\u2013{end}" for start, end in periods)
                if periods
                else _("closed")
            )
            days.append(
                OpeningDay(
                    code,
                    weekday_name(code),
                    text,
                    bool(periods),
                    note_in(day.get("note"), language, languages),
                )
            )
        return days


def opening_hours_sentence(
    hours: Mapping[str, Any], language: str, languages: Sequence[str] = ("nl",)
) -> str:
    """The week as one line per day: "maandag: 08:30-12:00 (note)"."""
    lines = []
    for day in opening_days(hours, language, languages):
        line = labelled(day.name, day.hours, language)
        if day.note:
            line += f" ({day.note})"
        lines.append(line)
    return "\n".join(lines)
