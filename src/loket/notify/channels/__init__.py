"""The registry of delivery channels, one per code of `loket.people.models.Channel`."""

from __future__ import annotations

from loket.notify.channels.base import DeliveryChannel
from loket.notify.channels.email import EmailChannel
from loket.notify.channels.letter import LetterChannel
from loket.notify.channels.portal import PortalChannel
from loket.notify.channels.sms import SmsChannel

CHANNELS: dict[str, DeliveryChannel] = {
    channel.code: channel
    for channel in (EmailChannel(), SmsChannel(), PortalChannel(), LetterChannel())
}


def channel_get(code: str) -> DeliveryChannel:
    return CHANNELS[code]
