"""Online payment providers: a small interface, a registry and the plugins."""

from loket.payments.providers.base import (
    PROVIDERS,
    Checkout,
    InvalidWebhook,
    PaymentProvider,
    ProviderError,
    Refund,
    WebhookEvent,
    WebhookOutcome,
    provider_codes,
    provider_get,
    provider_register,
)

__all__ = [
    "PROVIDERS",
    "Checkout",
    "InvalidWebhook",
    "PaymentProvider",
    "ProviderError",
    "Refund",
    "WebhookEvent",
    "WebhookOutcome",
    "provider_codes",
    "provider_get",
    "provider_register",
]
