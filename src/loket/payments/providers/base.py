"""The interface every online payment provider implements, and the registry.

A checkout sends the resident to the provider's page (a redirect), the provider tells
Loket the outcome with a signed webhook (server to server), and staff may refund.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from loket.core.plugins import PluginNotFound, Registry


class ProviderError(Exception):
    """The provider could not do what was asked (network error, refusal, bad answer)."""


class InvalidWebhook(Exception):
    """A webhook whose signature or content does not check out: answer 400, change nothing."""


class WebhookOutcome(StrEnum):
    PAID = "paid"
    FAILED = "failed"


@dataclass(frozen=True)
class Checkout:
    provider_reference: str
    redirect_url: str


@dataclass(frozen=True)
class WebhookEvent:
    event_id: str
    provider_reference: str
    outcome: WebhookOutcome
    amount_cents: int  # what the provider received (0 when a failure names no amount)
    payment_reference: str = ""


@dataclass(frozen=True)
class Refund:
    refund_reference: str


class PaymentProvider(abc.ABC):
    """An online payment service. Instances are cheap; make one per use."""

    code: ClassVar[str]
    label: ClassVar[str]

    @abc.abstractmethod
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
        """Start a payment of `amount_cents`; return where to send the payer.

        `reference` is Loket's own reference (the structured communication), `account` the
        municipality's account at the provider when the provider serves several.
        Raises ProviderError.
        """

    @abc.abstractmethod
    def webhook_verify(self, *, body: bytes, headers: Mapping[str, str]) -> WebhookEvent | None:
        """Check the signature and read the event; None for events Loket does not use.

        Raises InvalidWebhook when the signature or the content is wrong.
        """

    @abc.abstractmethod
    def refund(
        self,
        *,
        provider_reference: str,
        payment_reference: str,
        amount_cents: int,
        account: str = "",
    ) -> Refund:
        """Pay `amount_cents` of a completed payment back to the payer. Raises ProviderError."""


PROVIDERS: Registry[PaymentProvider] = Registry(
    "online payment provider",
    modules=("loket.payments.providers.demo", "loket.payments.providers.stripe"),
)


def provider_register(provider: type[PaymentProvider]) -> type[PaymentProvider]:
    """Class decorator: make a provider available under its code (a taken code is refused)."""
    return PROVIDERS.register(provider)


def provider_codes() -> list[str]:
    """The providers available in this mode (the demo bank only outside production)."""
    return PROVIDERS.codes()


def provider_get(code: str) -> PaymentProvider:
    """The provider with this code. Raises ProviderError for an unknown or disabled one."""
    try:
        return PROVIDERS.create(code)
    except PluginNotFound as error:
        raise ProviderError(str(error)) from None
