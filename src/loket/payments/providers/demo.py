"""The demo provider: its "bank page" is served by Loket itself (under /payments/demo-bank/,
clearly marked as a demonstration), so payments work offline in `make demo`.

It behaves like a real provider: the bank page approves or refuses, then sends a webhook
signed with HMAC-SHA256 over the body, which goes through the same verification as any
other provider's. It is not available in production mode.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping

from django.urls import reverse
from django.utils.crypto import salted_hmac

from loket.core.plugins import demo_plugins_allowed
from loket.payments.providers.base import (
    Checkout,
    InvalidWebhook,
    PaymentProvider,
    Refund,
    WebhookEvent,
    WebhookOutcome,
    provider_register,
)

SIGNATURE_HEADER = "X-Loket-Demo-Signature"


def demo_provider_is_allowed() -> bool:
    return demo_plugins_allowed()


def _signing_key() -> bytes:
    return salted_hmac("loket.payments.demo-provider", "webhook", algorithm="sha256").digest()


def demo_webhook_sign(body: bytes) -> str:
    """The signature header value the demo bank sends with a webhook body."""
    return "sha256=" + hmac.new(_signing_key(), body, hashlib.sha256).hexdigest()


def demo_webhook_body(
    *, provider_reference: str, outcome: WebhookOutcome, amount_cents: int
) -> bytes:
    event = {
        "event_id": "demo_evt_" + secrets.token_hex(8),
        "payment": provider_reference,
        "status": outcome.value,
        "amount_cents": amount_cents,
        "payment_reference": provider_reference,
    }
    return json.dumps(event, separators=(",", ":")).encode("utf-8")


@provider_register
class DemoProvider(PaymentProvider):
    code = "demo"
    label = "Demo bank (no real money)"
    is_demo = True

    def checkout_create(
        self,
        *,
        amount_cents: int,
        description: str,
        reference: str,
        return_url: str,
        webhook_url: str,
        account: str = "",
    ) -> Checkout:
        provider_reference = "demo_" + secrets.token_urlsafe(18)
        return Checkout(
            provider_reference=provider_reference,
            redirect_url=reverse("payments:demo-bank", args=[provider_reference]),
        )

    def webhook_verify(self, *, body: bytes, headers: Mapping[str, str]) -> WebhookEvent | None:
        signature = headers.get(SIGNATURE_HEADER, "")
        if not hmac.compare_digest(signature.encode(), demo_webhook_sign(body).encode()):
            raise InvalidWebhook("bad signature")
        try:
            event = json.loads(body)
            if not isinstance(event, dict):
                raise InvalidWebhook("the event is not an object")
            outcome = WebhookOutcome(event["status"])
            amount = event["amount_cents"]
            if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
                raise InvalidWebhook("the amount is not a positive number of cents")
            return WebhookEvent(
                event_id=str(event["event_id"]),
                provider_reference=str(event["payment"]),
                outcome=outcome,
                amount_cents=amount,
                payment_reference=str(event.get("payment_reference", "")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidWebhook(f"unreadable event: {error}") from None

    def refund(
        self,
        *,
        provider_reference: str,
        payment_reference: str,
        amount_cents: int,
        account: str = "",
    ) -> Refund:
        return Refund(refund_reference="demo_refund_" + secrets.token_hex(8))
