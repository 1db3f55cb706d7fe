"""The inbox on the resident's "my page"."""

from __future__ import annotations

from loket.notify.channels.base import (
    CHANNELS,
    DeliveryChannel,
    DeliveryReceipt,
    OutgoingMessage,
    Recipient,
)
from loket.notify.models import InboxMessage


@CHANNELS.register
class PortalChannel(DeliveryChannel):
    code = "portal"

    @property
    def transactional(self) -> bool:
        return True

    def address_of(self, recipient: Recipient) -> str | None:
        return f"person:{recipient.person.pk}" if recipient.person is not None else None

    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        person = message.recipient.person
        assert person is not None  # address_of() only reaches residents
        stored = InboxMessage.objects.create(
            person=person,
            notification_id=message.notification_id,
            subject=message.subject,
            body=message.body,
        )
        return DeliveryReceipt(provider_reference=f"inbox-{stored.pk}")
