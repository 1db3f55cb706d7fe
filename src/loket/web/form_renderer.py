"""Django's form renderer with Loket's cheaper widget templates in front of Django's own.

Django renders a `<select>` option by option, each option through two included templates
(`select_option.html`, `attrs.html`): a routing form with a department list rendered about
250 templates. `form_templates/django/forms/widgets/select.html` writes the options inline,
with the same markup, and falls back to the include for a widget with another option
template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

FORM_TEMPLATES = Path(__file__).resolve().parent / "form_templates"


class FormRenderer(DjangoTemplates):
    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    FORM_TEMPLATES,
                    Path(django.forms.__file__).resolve().parent / "templates",
                ],
                "NAME": "loketforms",
                "OPTIONS": {},
            }
        )
