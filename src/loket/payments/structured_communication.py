"""The Belgian structured communication (gestructureerde mededeling, communication
structurée, OGM/VCS): +++123/4567/89002+++.

Twelve digits: ten digits chosen by the creditor, then two check digits, which are the
ten-digit number modulo 97, or 97 when that remainder is 0. Written as +++ddd/dddd/ddddd+++
(some banks and letters use *** instead of +++). Banks carry only the twelve digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BASE_DIGITS = 10
MAXIMUM_BASE = 10**BASE_DIGITS - 1

# What a person may type: optional +++ or *** around, slashes, dots, dashes and spaces between.
_DECORATION = re.compile(r"^\s*(\+{3}|\*{3})?\s*(?P<body>[\d\s/.\-]+?)\s*(\+{3}|\*{3})?\s*$")
# Where a structured communication hides in a free-text bank message.
_IN_TEXT = re.compile(
    r"(?:\+{3}|\*{3})\s*(\d{3})\s*/?\s*(\d{4})\s*/?\s*(\d{5})\s*(?:\+{3}|\*{3})"
    r"|(?<!\d)(\d{3})/(\d{4})/(\d{5})(?!\d)"
    r"|(?<![\d/])(\d{12})(?![\d/])"
)


def check_digits(base: int) -> int:
    """The two check digits of a ten-digit base number (97 when the remainder is 0)."""
    if not 0 <= base <= MAXIMUM_BASE:
        raise ValueError(f"the base of a structured communication has ten digits: {base}")
    remainder = base % 97
    return remainder or 97


@dataclass(frozen=True)
class StructuredCommunication:
    """Twelve digits with valid check digits."""

    digits: str

    @property
    def formatted(self) -> str:
        """+++123/4567/89002+++"""
        d = self.digits
        return f"+++{d[0:3]}/{d[3:7]}/{d[7:12]}+++"

    @property
    def base(self) -> int:
        return int(self.digits[:BASE_DIGITS])

    def __str__(self) -> str:
        return self.formatted


def structured_communication_from_base(base: int) -> StructuredCommunication:
    return StructuredCommunication(digits=f"{base:010d}{check_digits(base):02d}")


def structured_communication_is_valid_digits(digits: str) -> bool:
    if len(digits) != 12 or not digits.isdigit():
        return False
    return check_digits(int(digits[:BASE_DIGITS])) == int(digits[BASE_DIGITS:])


def structured_communication_parse(text: str) -> StructuredCommunication:
    """Validate a structured communication as a person typed or a bank sent it.

    Accepts "+++123/4567/89002+++", "***123/4567/89002***", "123/4567/89002",
    "123456789002" and the same with spaces. Raises ValidationError when it is not one.
    """
    match = _DECORATION.match(text or "")
    if match is None:
        raise ValidationError(
            _("A structured communication has 12 digits, like +++123/4567/89002+++."),
            code="structured_communication_format",
        )
    digits = re.sub(r"[\s/.\-]", "", match["body"])
    if len(digits) != 12 or not digits.isdigit():
        raise ValidationError(
            _("A structured communication has 12 digits, like +++123/4567/89002+++."),
            code="structured_communication_length",
        )
    if not structured_communication_is_valid_digits(digits):
        raise ValidationError(
            _("This structured communication is not valid: the check digits do not match."),
            code="structured_communication_checksum",
        )
    return StructuredCommunication(digits=digits)


def structured_communication_validator(value: str) -> None:
    structured_communication_parse(value)


def structured_communications_in_text(text: str) -> list[StructuredCommunication]:
    """Every valid structured communication written somewhere in a free-text message.

    A bare run of twelve digits only counts when its check digits are right; numbers with
    wrong check digits are left out (the caller falls back to other ways of matching).
    """
    found: list[StructuredCommunication] = []
    for match in _IN_TEXT.finditer(text or ""):
        digits = "".join(group for group in match.groups() if group)
        if structured_communication_is_valid_digits(digits):
            communication = StructuredCommunication(digits=digits)
            if communication not in found:
                found.append(communication)
    return found
