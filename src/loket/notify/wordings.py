"""The wording of a message: a municipality's override, or the default shipped in code."""

from __future__ import annotations

from loket.notify.events import EventType, Wording
from loket.notify.models import TemplateOverride


def wording_for(*, municipality_id: int, event_type: EventType, language: str) -> Wording:
    override = (
        TemplateOverride.objects.filter(
            municipality_id=municipality_id, event=event_type.code, language=language
        )
        .values_list("subject", "body", "sms")
        .first()
    )
    if override is not None:
        subject, body, sms = override
        return Wording(subject=subject, body=body, sms=sms)
    return event_type.wordings.get(language) or event_type.wordings["nl"]
