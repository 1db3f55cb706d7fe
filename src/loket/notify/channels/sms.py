"""Text messages through an SMS gateway plugin: `http` (a generic HTTP gateway), `demo`
(messages stored and shown in the back office) or `disabled` (no SMS channel)."""

from __future__ import annotations

import abc
import json
import urllib.error
import urllib.request
from typing import ClassVar

from django.conf import settings

from loket.core.plugins import Registry
from loket.notify.channels.base import (
    CHANNELS,
    DeliveryChannel,
    DeliveryReceipt,
    OutgoingMessage,
    PermanentFailure,
    Recipient,
    TemporaryFailure,
)
from loket.notify.models import DemoSmsMessage

HTTP_TIMEOUT_SECONDS = 10


class SmsGateway(abc.ABC):
    code: ClassVar[str]

    @property
    @abc.abstractmethod
    def transactional(self) -> bool:
        """True when the gateway only writes Loket's database (see DeliveryChannel)."""

    @abc.abstractmethod
    def send(self, *, to: str, text: str, message: OutgoingMessage) -> DeliveryReceipt:
        """Hand the text to the gateway; raise TemporaryFailure or PermanentFailure."""


SMS_GATEWAYS: Registry[SmsGateway] = Registry("SMS gateway")


@SMS_GATEWAYS.register
class DemoSmsGateway(SmsGateway):
    """Keeps the messages in the database; the back office lists them."""

    code = "demo"
    is_demo = True

    @property
    def transactional(self) -> bool:
        return True

    def send(self, *, to: str, text: str, message: OutgoingMessage) -> DeliveryReceipt:
        stored = DemoSmsMessage.objects.create(
            notification_id=message.notification_id or None,
            municipality_id=message.municipality_id,
            to=to,
            text=text,
        )
        return DeliveryReceipt(provider_reference=f"demo-{stored.pk}")


@SMS_GATEWAYS.register
class HttpSmsGateway(SmsGateway):
    """POSTs {"to", "text", "sender", "reference"} as JSON to LOKET_SMS_GATEWAY_URL.

    2xx is accepted (a JSON "id" in the answer is kept as the provider's reference);
    408, 429 and 5xx are temporary; any other 4xx is permanent.
    """

    code = "http"

    @property
    def transactional(self) -> bool:
        return False

    def send(self, *, to: str, text: str, message: OutgoingMessage) -> DeliveryReceipt:
        payload = json.dumps(
            {
                "to": to,
                "text": text,
                "sender": settings.LOKET_SMS_SENDER,
                "reference": message.message_id,
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if settings.LOKET_SMS_GATEWAY_TOKEN:
            headers[settings.LOKET_SMS_GATEWAY_AUTH_HEADER] = settings.LOKET_SMS_GATEWAY_TOKEN
        request = urllib.request.Request(
            settings.LOKET_SMS_GATEWAY_URL, data=payload, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
                answer = response.read()
        except urllib.error.HTTPError as error:
            detail = f"HTTP {error.code}: {error.read()[:300].decode('utf-8', 'replace')}"
            if error.code in (408, 429) or error.code >= 500:
                raise TemporaryFailure(detail) from error
            raise PermanentFailure(detail) from error
        except (urllib.error.URLError, OSError) as error:
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from error
        reference = ""
        try:
            parsed = json.loads(answer or b"{}")
            if isinstance(parsed, dict):
                reference = str(parsed.get("id", ""))[:200]
        except ValueError:
            reference = ""
        return DeliveryReceipt(provider_reference=reference)


def sms_gateway() -> SmsGateway | None:
    """The configured gateway; None when SMS is disabled."""
    if settings.LOKET_SMS_GATEWAY in (None, "", "disabled"):
        return None
    return SMS_GATEWAYS.create(settings.LOKET_SMS_GATEWAY)


def phone_normalise(phone: str) -> str:
    """+32470123456 from '0470 12 34 56' or '+32 470/12.34.56' (Belgian numbers)."""
    digits = "".join(character for character in phone if character.isdigit())
    if phone.strip().startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+32{digits[1:]}"
    return f"+{digits}" if digits else ""


@CHANNELS.register
class SmsChannel(DeliveryChannel):
    code = "sms"

    @property
    def transactional(self) -> bool:
        gateway = sms_gateway()
        return gateway is not None and gateway.transactional

    def address_of(self, recipient: Recipient) -> str | None:
        if sms_gateway() is None or not recipient.phone:
            return None
        return phone_normalise(recipient.phone) or None

    def deliver(self, message: OutgoingMessage) -> DeliveryReceipt:
        gateway = sms_gateway()
        if gateway is None:
            raise PermanentFailure("SMS is disabled (LOKET_SMS_GATEWAY=disabled)")
        return gateway.send(to=message.address, text=message.sms, message=message)
