"""Message templates: checking what a template uses, and rendering it for one recipient.

Templates use the one placeholder syntax of `loket.core.placeholders` (`{{ variable }}`
with filters, and `{% if %}`): an editor in the back office cannot load tags, include
files or reach anything but the variables the event provides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime

from loket.core.dates import date_display, date_parse
from loket.core.placeholders import placeholders_render
from loket.notify.events import EventType, VariableKind, Wording

SMS_MAX_LENGTH = 480  # three concatenated text messages


def context_for_language(
    event_type: EventType, context: Mapping[str, Any], language: str
) -> dict[str, Any]:
    """The variables as the recipient reads them: dates written out in their language."""
    prepared = dict(context)
    with translation.override(language):
        for name, variable in event_type.all_variables().items():
            value = prepared.get(name)
            if not isinstance(value, str):
                continue
            if variable.kind is VariableKind.DATETIME:
                moment = parse_datetime(value)
                if moment is not None:
                    if timezone.is_naive(moment):
                        moment = timezone.make_aware(moment)
                    prepared[name] = formats.date_format(
                        timezone.localtime(moment), "DATETIME_FORMAT"
                    )
            elif variable.kind is VariableKind.DATE and date_parse(value) is not None:
                prepared[name] = date_display(value)
    return prepared


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    html: str
    sms: str


def message_render(
    *, event_type: EventType, wording: Wording, context: Mapping[str, Any], language: str
) -> RenderedMessage:
    prepared = context_for_language(event_type, context, language)
    subject = " ".join(placeholders_render(wording.subject, prepared).split())[:300]
    body = placeholders_render(wording.body, prepared).strip()
    sms = " ".join(placeholders_render(wording.sms, prepared).split())[:SMS_MAX_LENGTH]
    with translation.override(language):
        html = render_to_string(
            "notify/email/message.html",
            {
                "subject": subject,
                "body": body,
                "municipality_name": prepared.get("municipality_name", ""),
                "language": language,
            },
        )
    return RenderedMessage(subject=subject, body=body, html=html, sms=sms)
