"""Decision templates now use the one placeholder syntax (`loket.core.placeholders`), in
which `{%` and `{#` start a tag or a comment. Texts saved before could only hold plain
`{{ name }}` placeholders, so a `{%` or `{#` in them was meant literally: keep it literal by
writing `{ %` and `{ #`."""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

_TAG_OPENERS = re.compile(r"\{([%#])")
_FIELDS = [
    f"{part}_{language}" for part in ("subject", "body", "appeal") for language in ("nl", "fr", "en")
]


def _literal_braces_keep(apps: Any, schema_editor: Any) -> None:
    decision_template = apps.get_model("decisions", "DecisionTemplate")
    for template in decision_template.objects.all():
        changed = []
        for field in _FIELDS:
            text = getattr(template, field)
            kept = _TAG_OPENERS.sub(r"{ \1", text)
            if kept != text:
                setattr(template, field, kept)
                changed.append(field)
        if changed:
            template.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]

    operations = [migrations.RunPython(_literal_braces_keep, migrations.RunPython.noop)]
