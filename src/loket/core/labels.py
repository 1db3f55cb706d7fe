"""A label followed by its value, punctuated the way the language writes it."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _


def labelled(label: str, value: str, language: str | None = None) -> str:
    """ "Label: value" in `language` (default: the active one). French puts a no-break space
    before the colon ("Date : 3 mars 2026"); the translation catalogues say how."""
    with translation.override(language or translation.get_language()):
        return _("%(label)s: %(value)s") % {"label": label, "value": value}
