"""What every delivery channel (e-mail, SMS, portal inbox, letter) implements."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import ClassVar

from loket.core.plugins import Registry
from loket.people.models import Person


@dataclass(frozen=True)
class AttachmentFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Recipient:
    """Who a notification goes to, as the channels need it."""

    name: str
    language: str
    email: str = ""
    phone: str = ""
    person: Person | None = None


@dataclass(frozen=True)
class OutgoingMessage:
    notification_id: int
    municipality_id: int
    municipality_name: str
    recipient: Recipient
    address: str  # what the channel's address_of() returned
    language: str
    subject: str
    body: str
    html: str
    sms: str
    message_id: str
    attachments: tuple[AttachmentFile, ...] = field(default_factory=tuple)
    in_reply_to: str = ""
    references: str = ""
    reply_to: str = ""


@dataclass(frozen=True)
class DeliveryReceipt:
    provider_reference: str = ""
    detail: str = ""


class DeliveryError(Exception):
    """A channel could not deliver; `detail` says why (kept in the delivery log)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class TemporaryFailure(DeliveryError):
    """Worth trying again later on the same channel (server down, rate limit, time-out)."""


class PermanentFailure(DeliveryError):
    """This channel will never work for this message (unknown address, refused, bounced)."""


class DeliveryChannel(abc.ABC):
    code: ClassVar[str]

    @property
    @abc.abstractmethod
    def transactional(self) -> bool:
        """True when delivering only writes Loket's own database: the worker then delivers
        and records the outcome in one transaction, so the message goes out exactly once."""

    @abc.abstractmethod
    def address_of(self, recipient: Recipient) -> str | None:
        """Where this channel reaches the recipient, or None when it cannot reach them."""

    @abc.abstractmethod
    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        """Send the message; raise TemporaryFailure or PermanentFailure when it fails."""


# The delivery channels, one per code of `loket.people.models.Channel`. The modules are
# imported on first use, so the built-in channels register themselves.
CHANNELS: Registry[DeliveryChannel] = Registry(
    "delivery channel",
    modules=(
        "loket.notify.channels.email",
        "loket.notify.channels.sms",
        "loket.notify.channels.portal",
        "loket.notify.channels.letter",
        "loket.notify.channels.ebox",
    ),
)
