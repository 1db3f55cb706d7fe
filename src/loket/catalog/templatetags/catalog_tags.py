"""Template helpers of the catalogue and cases pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language

from loket.catalog.texts import localized
from loket.catalog.vocabulary import RequestChannel, term_get

register = template.Library()


@register.filter
def euro(cents: Any) -> str:
    """An amount of cents in the reader's notation: € 12,50 (nl, fr) or €12.50 (en)."""
    if cents in (None, ""):
        return ""
    amount = formats.number_format(Decimal(int(cents)) / 100, 2, use_l10n=True, force_grouping=True)
    return f"€{amount}" if (get_language() or "nl").startswith("en") else f"€ {amount}"


@register.filter
def term_label(code: str) -> str:
    """The label of a theme or life event in the active language."""
    term = term_get(code)
    return term.label if term is not None else code


@register.filter
def channel_label(code: str) -> str:
    return str(RequestChannel(code).label) if code in RequestChannel.values else code


@register.filter
def in_language(texts: Any) -> str:
    """A {"nl", "fr", "en"} text in the active language."""
    return localized(texts, get_language())
