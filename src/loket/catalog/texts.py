"""Content carried in Dutch, French and English, and how to pick the right one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language

LANGUAGES = ("nl", "fr", "en")
_FALLBACKS = {"nl": ("nl", "fr", "en"), "fr": ("fr", "nl", "en"), "en": ("en", "nl", "fr")}


def language_order(language: str | None) -> tuple[str, ...]:
    """The languages to try for `language` (default: the active one), best first."""
    code = (language or get_language() or "nl")[:2]
    return _FALLBACKS.get(code, _FALLBACKS["nl"])


def text_in(obj: Any, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>`, falling back to the other languages when empty."""
    for code in language_order(language):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return str(value)
    return ""


def localized(texts: Mapping[str, str] | str | None, language: str | None = None) -> str:
    """A {"nl": ..., "fr": ..., "en": ...} text of a form definition in one language."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    for code in language_order(language):
        value = texts.get(code)
        if value:
            return str(value)
    return ""
