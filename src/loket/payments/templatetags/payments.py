"""Template helpers of the payment pages."""

from __future__ import annotations

from django import template

from loket.payments.iban import iban_format
from loket.payments.money import cents_to_display
from loket.payments.structured_communication import StructuredCommunication

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    """Cents as an amount in euro in the active language: € 12,50."""
    if cents is None:
        return ""
    return cents_to_display(int(cents))


@register.filter
def structured_communication(digits: str) -> str:
    """Twelve digits as +++123/4567/89002+++."""
    text = str(digits or "")
    if len(text) != 12 or not text.isdigit():
        return text
    return StructuredCommunication(text).formatted


@register.filter
def iban(value: str) -> str:
    return iban_format(value) if value else ""
