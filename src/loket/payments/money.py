"""Money is a whole number of euro cents. These helpers turn text into cents and back,
with string and integer operations only (no binary fractions, no rounding)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

_PLAIN_AMOUNT = re.compile(r"^(?P<euros>\d{1,12})(?:[.,](?P<fraction>\d{1,2}))?$")
_GROUPED_AMOUNT = re.compile(
    r"^(?P<euros>\d{1,3}(?:(?P<group>[.,\s\u202f\u00a0'])\d{3})+)"
    r"(?:(?P<separator>[.,])(?P<fraction>\d{1,2}))?$"
)
_NARROW_SPACE = "\u202f"
_NO_BREAK_SPACE = "\u00a0"
_DECIMAL_TEXT = re.compile(r"^(?P<euros>\d{1,15})(?:\.(?P<fraction>\d{1,10}))?$")


def cents_from_input(text: str) -> int:
    """Parse an amount typed by a person: "12", "12.5", "12,50", "1.234,56", "1 234,56".

    Raises ValidationError for anything else (negative amounts, three decimals, letters).
    """
    value = (text or "").strip().removeprefix("€").removesuffix("€").strip()
    value = value.removeprefix("EUR").removesuffix("EUR").strip()
    match = _PLAIN_AMOUNT.match(value)
    euros: str
    if match is not None:
        euros = match["euros"]
    else:
        match = _GROUPED_AMOUNT.match(value)
        if (
            match is None
            or match["separator"] == match["group"]
            or (match["group"] == "," and match["separator"] != ".")
        ):
            raise ValidationError(
                _("Give an amount in euro, for example 12,50."), code="amount_format"
            )
        euros = re.sub(r"\D", "", match["euros"])
    fraction = (match["fraction"] or "").ljust(2, "0")
    return int(euros) * 100 + int(fraction or "0")


def cents_from_decimal_text(text: str) -> int:
    """Parse an XML decimal amount ("25", "25.5", "25.50", "25.500") into cents, exactly.

    Digits beyond the cent must be zeros; anything else raises ValueError.
    """
    match = _DECIMAL_TEXT.match((text or "").strip())
    if match is None:
        raise ValueError(f"not a decimal amount: {text!r}")
    fraction = match["fraction"] or ""
    if fraction[2:].strip("0"):
        raise ValueError(f"amount has fractions of a cent: {text!r}")
    return int(match["euros"]) * 100 + int(fraction[:2].ljust(2, "0"))


def cents_from_thousandths(digits: str) -> int:
    """Parse a CODA amount: 15 digits, the last three of which are decimals."""
    if len(digits) != 15 or not digits.isdigit():
        raise ValueError(f"not a CODA amount: {digits!r}")
    thousandths = int(digits)
    if thousandths % 10:
        raise ValueError(f"amount has fractions of a cent: {digits!r}")
    return thousandths // 10


def cents_to_plain(cents: int) -> str:
    """1230 -> "12.30": a dot and two decimals, for files and machines (CSV, EPC QR)."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


def _grouped(whole: int, separator: str) -> str:
    text = str(whole)
    groups: list[str] = []
    while len(text) > 3:
        groups.insert(0, text[-3:])
        text = text[:-3]
    groups.insert(0, text)
    return separator.join(groups)


def cents_to_display(cents: int, language: str | None = None) -> str:
    """1234567 -> "€ 12.345,67" (nl), "12 345,67 €" (fr), "€12,345.67" (en)."""
    language = (language or get_language() or "nl")[:2]
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    if language == "fr":
        return f"{sign}{_grouped(whole, _NARROW_SPACE)},{fraction:02d}{_NO_BREAK_SPACE}€"
    if language == "en":
        return f"{sign}€{_grouped(whole, ',')}.{fraction:02d}"
    return f"{sign}€{_NO_BREAK_SPACE}{_grouped(whole, '.')},{fraction:02d}"
