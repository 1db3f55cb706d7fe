"""Belgian identifiers: national register numbers and enterprise numbers.

National register number (rijksregisternummer, numéro de registre national):
YYMMDD-SSS-CC. The check digits CC are 97 - (YYMMDDSSS mod 97); for people born from
2000 on, a 2 is put in front of the nine digits first (97 - (2YYMMDDSSS mod 97)).
The day counter SSS is odd for men and even for women (001-998). A BIS number (for
people not in the national register) adds 20 (sex unknown) or 40 (sex known) to the
month. Month or day 00 means "unknown" for some people born abroad.

Enterprise number (ondernemingsnummer, numéro d'entreprise): 10 digits starting with 0
or 1; the last two are 97 - (first eight mod 97).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-/]")


@dataclass(frozen=True)
class NationalNumber:
    digits: str
    birth_date: dt.date | None
    sex: str | None  # "M", "F" or None when unknown (BIS number with +20)
    is_bis: bool

    @property
    def formatted(self) -> str:
        d = self.digits
        return f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:11]}"


def _check_digits(number: int) -> int:
    return 97 - (number % 97)


def national_number_parse(value: str, *, today: dt.date | None = None) -> NationalNumber:
    """Parse and validate a national register number; raise ValidationError when wrong."""
    digits = _SEPARATORS.sub("", str(value or ""))
    if not digits.isdigit() or len(digits) != 11:
        raise ValidationError(
            _("A national register number has exactly 11 digits."), code="national_number_length"
        )
    base, check = digits[:9], int(digits[9:])
    if _check_digits(int("2" + base)) == check:
        century = 2000
    elif _check_digits(int(base)) == check:
        century = 1900
    else:
        raise ValidationError(
            _("This national register number is not valid: the check digits do not match."),
            code="national_number_checksum",
        )
    year, month, day, counter = int(base[0:2]), int(base[2:4]), int(base[4:6]), int(base[6:9])
    if counter in (0, 999):
        raise ValidationError(
            _("This national register number is not valid: the day counter is out of range."),
            code="national_number_counter",
        )
    is_bis = month > 12 and month != 0
    sex: str | None = "M" if counter % 2 else "F"
    if month >= 40:
        month -= 40
    elif month >= 20:
        month -= 20
        sex = None
    if month > 12 or day > 31:
        raise ValidationError(
            _("This national register number is not valid: it holds no real birth date."),
            code="national_number_date",
        )
    birth_date: dt.date | None = None
    if month and day:
        try:
            birth_date = dt.date(century + year, month, day)
        except ValueError:
            raise ValidationError(
                _("This national register number is not valid: it holds no real birth date."),
                code="national_number_date",
            ) from None
        if birth_date > (today or timezone.localdate()):
            raise ValidationError(
                _("This national register number is not valid: the birth date is in the future."),
                code="national_number_future",
            )
    return NationalNumber(digits=digits, birth_date=birth_date, sex=sex, is_bis=is_bis)


def national_number_validator(value: str) -> None:
    national_number_parse(value)


def national_number_normalise(value: str) -> str:
    return national_number_parse(value).digits


def national_number_build(birth_date: dt.date, counter: int) -> str:
    """The valid national register number for a birth date and day counter."""
    base = f"{birth_date:%y%m%d}{counter:03d}"
    prefix = "2" if birth_date.year >= 2000 else ""
    return f"{base}{_check_digits(int(prefix + base)):02d}"


def enterprise_number_normalise(value: str) -> str:
    """Validate an enterprise number and return its 10 digits; raise ValidationError."""
    text = _SEPARATORS.sub("", str(value or "")).upper().removeprefix("BE")
    if text.isdigit() and len(text) == 9:
        text = "0" + text  # numbers issued before 2005 were written with nine digits
    if not text.isdigit() or len(text) != 10:
        raise ValidationError(
            _("An enterprise number has 10 digits, for example 0123.456.749."),
            code="enterprise_number_length",
        )
    if text[0] not in "01":
        raise ValidationError(
            _("An enterprise number starts with 0 or 1."), code="enterprise_number_prefix"
        )
    if _check_digits(int(text[:8])) != int(text[8:]):
        raise ValidationError(
            _("This enterprise number is not valid: the check digits do not match."),
            code="enterprise_number_checksum",
        )
    return text


def enterprise_number_validator(value: str) -> None:
    enterprise_number_normalise(value)


def enterprise_number_format(digits: str) -> str:
    return f"{digits[0:4]}.{digits[4:7]}.{digits[7:10]}"


def enterprise_number_build(first_eight: int) -> str:
    base = f"{first_eight:08d}"
    return f"{base}{_check_digits(int(base)):02d}"
