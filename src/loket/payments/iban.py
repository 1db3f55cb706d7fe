"""IBAN (ISO 13616) and BIC (ISO 9362) validation.

An IBAN is a country code, two check digits and the national account number (BBAN); it
is valid when, with the first four characters moved to the end and letters replaced by
numbers (A=10 ... Z=35), the number modulo 97 is 1. Lengths per country follow the SWIFT
IBAN registry for the countries of the Single Euro Payments Area. A Belgian BBAN has its
own check: the last two digits are the first ten modulo 97 (97 when the remainder is 0).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Countries of the Single Euro Payments Area and their IBAN length.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}  # fmt: skip

_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
_BIC_SHAPE = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def iban_normalise(value: str) -> str:
    """Upper case without spaces: how IBANs are stored and compared."""
    return re.sub(r"[\s\-]", "", value or "").upper()


def _iban_checksum_is_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def _belgian_bban_is_valid(iban: str) -> bool:
    bban = iban[4:]
    if not bban.isdigit():
        return False
    remainder = int(bban[:10]) % 97
    return (remainder or 97) == int(bban[10:])


def iban_parse(value: str) -> str:
    """Validate an IBAN; return it normalised. Raises ValidationError when it is wrong."""
    iban = iban_normalise(value)
    if not _IBAN_SHAPE.match(iban):
        raise ValidationError(
            _("An IBAN starts with a country code and two check digits, like BE68 5390 0754 7034."),
            code="iban_format",
        )
    country = iban[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is None:
        raise ValidationError(
            _("%(country)s is not a country of the Single Euro Payments Area.")
            % {"country": country},
            code="iban_country",
        )
    if len(iban) != expected:
        raise ValidationError(
            _("An IBAN of this country has %(expected)d characters, not %(length)d.")
            % {"expected": expected, "length": len(iban)},
            code="iban_length",
        )
    if not _iban_checksum_is_valid(iban):
        raise ValidationError(
            _("This IBAN is not valid: the check digits do not match."), code="iban_checksum"
        )
    if country == "BE" and not _belgian_bban_is_valid(iban):
        raise ValidationError(
            _("This Belgian account number is not valid: its own check digits do not match."),
            code="iban_national_checksum",
        )
    return iban


def iban_is_valid(value: str) -> bool:
    try:
        iban_parse(value)
    except ValidationError:
        return False
    return True


def iban_validator(value: str) -> None:
    iban_parse(value)


def iban_format(iban: str) -> str:
    """Groups of four for people: BE68 5390 0754 7034."""
    normalised = iban_normalise(iban)
    return " ".join(normalised[index : index + 4] for index in range(0, len(normalised), 4))


def bic_parse(value: str) -> str:
    """Validate a BIC (8 or 11 characters); return it upper case without spaces."""
    bic = re.sub(r"\s", "", value or "").upper()
    if not _BIC_SHAPE.match(bic):
        raise ValidationError(
            _("A BIC has 8 or 11 letters and digits, like GEBABEBB."), code="bic_format"
        )
    return bic


def bic_validator(value: str) -> None:
    bic_parse(value)
