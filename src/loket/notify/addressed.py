"""A message to an address rather than to someone in the register: a follower of a report,
a guest who booked an appointment, a ticket holder who asked for an alert. Such messages
have no `Notification`; the domain keeps its own outbox row and calls this to get exactly
the message a resident would (the municipality's wording, rendering, channels)."""

from __future__ import annotations

from typing import Any

from loket.notify.channels.base import AttachmentFile, OutgoingMessage, Recipient
from loket.notify.events import event_get
from loket.notify.rendering import message_render
from loket.notify.wordings import wording_for
from loket.tenancy.models import Municipality


def addressed_message_build(
    *,
    municipality: Municipality,
    event_code: str,
    language: str,
    context: dict[str, Any],
    channel: str,
    address: str,
    recipient_name: str,
    message_id: str,
    attachments: tuple[AttachmentFile, ...] = (),
) -> OutgoingMessage:
    """The message of event `event_code` for `address` on `channel` ("email" or "sms")."""
    event_type = event_get(event_code)
    municipality_name = municipality.name_in(language)
    rendered = message_render(
        event_type=event_type,
        wording=wording_for(
            municipality_id=municipality.pk, event_type=event_type, language=language
        ),
        context={**context, "municipality_name": municipality_name},
        language=language,
    )
    return OutgoingMessage(
        notification_id=0,  # no Notification: the domain's outbox row is the record
        municipality_id=municipality.pk,
        municipality_name=municipality_name,
        recipient=Recipient(
            name=recipient_name,
            language=language,
            email=address if channel == "email" else "",
            phone=address if channel == "sms" else "",
        ),
        address=address,
        language=language,
        subject=rendered.subject,
        body=rendered.body,
        html=rendered.html,
        sms=rendered.sms,
        message_id=message_id,
        attachments=attachments,
    )
