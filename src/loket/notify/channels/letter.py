"""Letters by post: each letter joins the printable PDF batch of its municipality and day
(see loket.notify.letters), for residents who chose paper."""

from __future__ import annotations

from django.utils import timezone

from loket.notify.channels.base import (
    CHANNELS,
    DeliveryChannel,
    DeliveryReceipt,
    OutgoingMessage,
    Recipient,
)
from loket.notify.models import Letter
from loket.people.selectors import address_current


def postal_address_lines(recipient: Recipient) -> list[str] | None:
    if recipient.person is None:
        return None
    address = address_current(person=recipient.person)
    if address is None:
        return None
    box = f" {address.box}" if address.box else ""
    return [
        f"{address.street} {address.number}{box}",
        f"{address.postal_code} {address.municipality.name_in(recipient.language)}",
    ]


@CHANNELS.register
class LetterChannel(DeliveryChannel):
    code = "letter"

    @property
    def transactional(self) -> bool:
        return True

    def address_of(self, recipient: Recipient) -> str | None:
        lines = postal_address_lines(recipient)
        return "\n".join(lines) if lines else None

    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        stored = Letter.objects.create(
            notification_id=message.notification_id,
            municipality_id=message.municipality_id,
            day=timezone.localdate(),
            recipient_name=message.recipient.name,
            address_lines=message.address.split("\n"),
            language=message.language,
            subject=message.subject,
            body=message.body,
        )
        return DeliveryReceipt(provider_reference=f"letter-{stored.pk}")
