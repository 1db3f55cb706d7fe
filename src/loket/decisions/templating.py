"""Letter templates with `{{ variable }}` placeholders, and nothing else.

Deliberately not the Django template language: staff edit these texts, so they must not be
able to call methods, load tags or reach other data. A placeholder without a value stops
the letter (a legal letter with a hole in it is worse than no letter).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def template_variables(text: str) -> set[str]:
    """The names of the placeholders used in `text`."""
    return set(_PLACEHOLDER.findall(text))


def template_render(text: str, context: Mapping[str, object]) -> str:
    """`text` with every placeholder replaced. Raises ValidationError naming the missing
    variables when the context lacks some."""
    missing = sorted(name for name in template_variables(text) if name not in context)
    if missing:
        raise ValidationError(
            _("The letter needs a value for: %(names)s.") % {"names": ", ".join(missing)},
            code="letter_variable_missing",
        )
    return _PLACEHOLDER.sub(lambda match: str(context[match.group(1)]), text)
