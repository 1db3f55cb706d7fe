"""Stripe Checkout (cards, Bancontact, iDEAL ...) over its HTTP API, without an SDK.

Settings: LOKET_STRIPE_SECRET_KEY, LOKET_STRIPE_WEBHOOK_SECRET and LOKET_STRIPE_API_BASE
(https://api.stripe.com). A municipality with its own connected account puts its id
("acct_...") in its payment settings; requests then carry the Stripe-Account header.

- checkout: POST /v1/checkout/sessions (form encoded) -> {"id", "url"}
- webhook: header Stripe-Signature "t=<unix time>,v1=<hex>", where v1 is HMAC-SHA256 of
  "<t>.<body>" with the webhook secret; events checkout.session.completed and
  checkout.session.async_payment_succeeded (paid), async_payment_failed and expired (failed)
- refund: POST /v1/refunds with payment_intent and amount
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from loket.payments.providers.base import (
    Checkout,
    InvalidWebhook,
    PaymentProvider,
    ProviderError,
    Refund,
    WebhookEvent,
    WebhookOutcome,
    provider_register,
)

SIGNATURE_HEADER = "Stripe-Signature"
SIGNATURE_TOLERANCE_SECONDS = 300
TIMEOUT_SECONDS = 15
_PAID_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
_FAILED_EVENTS = {"checkout.session.async_payment_failed", "checkout.session.expired"}


def _setting(name: str, default: str = "") -> str:
    return str(getattr(settings, name, default) or default)


def stripe_signature(*, secret: str, body: bytes, timestamp: int) -> str:
    """The Stripe-Signature header value for a body (used to verify, and by tests)."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@provider_register
class StripeProvider(PaymentProvider):
    code = "stripe"
    label = "Stripe"

    def _call(self, path: str, fields: Mapping[str, str], *, account: str) -> dict[str, Any]:
        secret_key = _setting("LOKET_STRIPE_SECRET_KEY")
        if not secret_key:
            raise ProviderError("LOKET_STRIPE_SECRET_KEY is not set")
        base = _setting("LOKET_STRIPE_API_BASE", "https://api.stripe.com").rstrip("/")
        request = urllib.request.Request(
            f"{base}{path}",
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {secret_key}",
                "Content-Type": "application/x-www-form-urlencoded",
                **({"Stripe-Account": account} if account else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                answer = json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise ProviderError(f"Stripe answered {error.code} to {path}") from None
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise ProviderError(f"Stripe could not be reached for {path}: {error}") from None
        if not isinstance(answer, dict):
            raise ProviderError(f"Stripe answered {path} with something else than an object")
        return answer

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
        answer = self._call(
            "/v1/checkout/sessions",
            {
                "mode": "payment",
                "success_url": return_url,
                "cancel_url": return_url,
                "client_reference_id": reference,
                "line_items[0][quantity]": "1",
                "line_items[0][price_data][currency]": "eur",
                "line_items[0][price_data][unit_amount]": str(amount_cents),
                "line_items[0][price_data][product_data][name]": description[:250],
                "metadata[loket_reference]": reference,
            },
            account=account,
        )
        session_id, url = answer.get("id"), answer.get("url")
        if not isinstance(session_id, str) or not isinstance(url, str):
            raise ProviderError("Stripe's checkout session has no id or url")
        return Checkout(provider_reference=session_id, redirect_url=url)

    def webhook_verify(self, *, body: bytes, headers: Mapping[str, str]) -> WebhookEvent | None:
        secret = _setting("LOKET_STRIPE_WEBHOOK_SECRET")
        if not secret:
            raise InvalidWebhook("LOKET_STRIPE_WEBHOOK_SECRET is not set")
        parts: dict[str, list[str]] = {}
        for item in headers.get(SIGNATURE_HEADER, "").split(","):
            key, _, value = item.strip().partition("=")
            parts.setdefault(key, []).append(value)
        try:
            timestamp = int(parts.get("t", [""])[0])
        except ValueError:
            raise InvalidWebhook("no timestamp in the signature") from None
        if abs(time.time() - timestamp) > SIGNATURE_TOLERANCE_SECONDS:
            raise InvalidWebhook("the signature is too old")
        expected = stripe_signature(secret=secret, body=body, timestamp=timestamp)
        expected_digest = expected.split("v1=", 1)[1]
        if not any(hmac.compare_digest(expected_digest, given) for given in parts.get("v1", [])):
            raise InvalidWebhook("bad signature")
        try:
            event = json.loads(body)
            event_type = event["type"]
            session = event["data"]["object"]
            if event_type in _PAID_EVENTS and session.get("payment_status") == "paid":
                outcome = WebhookOutcome.PAID
            elif event_type in _FAILED_EVENTS:
                outcome = WebhookOutcome.FAILED
            else:
                return None
            amount = session.get("amount_total") or 0
            if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
                raise InvalidWebhook("amount_total is not a number of cents")
            if outcome is WebhookOutcome.PAID and amount == 0:
                raise InvalidWebhook("a paid session without an amount")
            return WebhookEvent(
                event_id=str(event["id"]),
                provider_reference=str(session["id"]),
                outcome=outcome,
                amount_cents=amount,
                payment_reference=str(session.get("payment_intent") or ""),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InvalidWebhook(f"unreadable event: {error}") from None

    def refund(
        self,
        *,
        provider_reference: str,
        payment_reference: str,
        amount_cents: int,
        account: str = "",
    ) -> Refund:
        if not payment_reference:
            raise ProviderError("the payment has no Stripe payment intent to refund")
        answer = self._call(
            "/v1/refunds",
            {"payment_intent": payment_reference, "amount": str(amount_cents)},
            account=account,
        )
        refund_id = answer.get("id")
        if not isinstance(refund_id, str) or answer.get("status") == "failed":
            raise ProviderError("Stripe refused the refund")
        return Refund(refund_reference=refund_id)
