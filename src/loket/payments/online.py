"""Online payments (through a provider plugin) and refunds."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_check
from loket.payments.models import (
    MovementKind,
    MovementSource,
    OnlinePayment,
    OnlinePaymentStatus,
    PaymentMovement,
    PaymentRequest,
)
from loket.payments.providers import (
    InvalidWebhook,
    ProviderError,
    WebhookOutcome,
    provider_get,
)
from loket.payments.services import (
    cents_check,
    payment_movement_append,
    payment_settings_for,
)
from loket.payments.workflow import ONLINE_LIFECYCLE, OUTSTANDING_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

logger = logging.getLogger(__name__)


def _may_pay(actor: Actor, request: PaymentRequest) -> bool:
    if actor.is_resident:
        if actor.person_id is None:
            return False
        if request.payer_person_id is not None:
            return request.payer_person_id == actor.person_id
        return (
            request.payer_organisation is not None
            and request.payer_organisation.representatives.filter(pk=actor.person_id).exists()
        )
    return actor.has(Permission.PAYMENTS_MANAGE, request.municipality_id)


def online_payment_start(
    *, actor: Actor, payment_request: PaymentRequest, return_url: str, webhook_url: str
) -> OnlinePayment:
    """Start paying what is still due with the municipality's provider; the caller sends the
    payer to `checkout_url`.

    The provider is called before the transaction that stores the checkout, so no row lock
    is held during a network call; a checkout that is never stored simply expires.
    """
    if not _may_pay(actor, payment_request):
        raise PermissionDenied
    request = PaymentRequest.objects.get(pk=payment_request.pk)
    if request.status not in OUTSTANDING_STATUSES:
        raise ValidationError(_("Nothing is due on this payment request."))
    settings_row = payment_settings_for(municipality_id=request.municipality_id)
    if not settings_row.online_provider:
        raise ValidationError(_("This municipality does not take online payments."))
    try:
        provider = provider_get(settings_row.online_provider)
        checkout = provider.checkout_create(
            amount_cents=request.outstanding_cents,
            description=request.description,
            reference=request.structured_communication,
            return_url=return_url,
            webhook_url=webhook_url,
            account=settings_row.online_provider_account,
        )
    except ProviderError as error:
        logger.warning("online payment could not start for request %s: %s", request.pk, error)
        raise ValidationError(
            _("The online payment service cannot be reached. Try again later or pay by transfer.")
        ) from error
    with transaction.atomic():
        return OnlinePayment.objects.create(
            payment_request=request,
            municipality_id=request.municipality_id,
            provider=provider.code,
            provider_reference=checkout.provider_reference,
            amount_cents=request.outstanding_cents,
            checkout_url=checkout.redirect_url,
        )


def online_payment_webhook_handle(
    *, provider_code: str, body: bytes, headers: Mapping[str, str]
) -> OnlinePayment | None:
    """Verify and apply a provider's webhook. Idempotent: the same event twice books once.

    Raises InvalidWebhook (answer 400) when the signature or content is wrong; nothing is
    changed then. Returns None for events about nothing Loket knows.
    """
    try:
        provider = provider_get(provider_code)
    except ProviderError:
        raise InvalidWebhook(f"unknown provider {provider_code!r}") from None
    event = provider.webhook_verify(body=body, headers=headers)
    if event is None:
        return None
    with transaction.atomic():
        online = (
            OnlinePayment.objects.select_for_update()
            .filter(provider=provider.code, provider_reference=event.provider_reference)
            .first()
        )
        if online is None:
            logger.warning("webhook for an unknown %s payment %s", provider.code, event.event_id)
            return None
        if event.outcome is WebhookOutcome.FAILED:
            if ONLINE_LIFECYCLE.allowed(online.status, OnlinePaymentStatus.FAILED):
                online.status = OnlinePaymentStatus.FAILED
                online.save(update_fields=["status", "updated_at"])
            return online
        if not ONLINE_LIFECYCLE.allowed(online.status, OnlinePaymentStatus.PAID):
            return online  # already booked: a repeated webhook changes nothing
        online.status = OnlinePaymentStatus.PAID
        online.amount_cents = event.amount_cents
        if event.payment_reference:
            online.provider_payment_reference = event.payment_reference
        online.save(
            update_fields=["status", "amount_cents", "provider_payment_reference", "updated_at"]
        )
        request = online.payment_request
        payment_movement_append(
            payment_request=request,
            kind=MovementKind.PAYMENT,
            amount_cents=event.amount_cents,
            source=MovementSource.ONLINE,
            booked_at=timezone.now(),
            reference=f"{provider.code}:{online.provider_reference}",
            payer_name=request.payer_name,
            online_payment=online,
        )
        return online


@transaction.atomic
def payment_refund(
    *, actor: Actor, payment_request: PaymentRequest, amount_cents: int, note: str
) -> PaymentMovement:
    """Pay money back. Online payments are refunded through their provider (most recent
    first); what remains is recorded as paid back by the municipality's own transfer."""
    cents_check(amount_cents)
    if not actor.has(Permission.PAYMENTS_MANAGE, payment_request.municipality_id):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Say why the money is paid back.")})
    request = PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)
    if amount_cents > request.net_paid_cents:
        raise ValidationError(_("A refund cannot be more than what was paid."))
    online = (
        OnlinePayment.objects.select_for_update()
        .filter(payment_request=request, status=OnlinePaymentStatus.PAID)
        .order_by("-created_at")
        .first()
    )
    reference = ""
    if online is not None and online.amount_cents - online.refunded_cents >= amount_cents:
        settings_row = payment_settings_for(municipality_id=request.municipality_id)
        try:
            refund = provider_get(online.provider).refund(
                provider_reference=online.provider_reference,
                payment_reference=online.provider_payment_reference,
                amount_cents=amount_cents,
                account=settings_row.online_provider_account,
            )
        except ProviderError as error:
            raise ValidationError(
                _("The online payment service refused the refund: %(error)s") % {"error": error}
            ) from error
        online.refunded_cents += amount_cents
        if online.refunded_cents == online.amount_cents:
            transition_check(
                ONLINE_LIFECYCLE, current=online.status, target=OnlinePaymentStatus.REFUNDED
            )
            online.status = OnlinePaymentStatus.REFUNDED
        online.save(update_fields=["refunded_cents", "status", "updated_at"])
        reference = f"{online.provider}:{refund.refund_reference}"
    movement = payment_movement_append(
        payment_request=request,
        kind=MovementKind.REFUND,
        amount_cents=amount_cents,
        source=MovementSource.REFUND,
        booked_at=timezone.now(),
        reference=reference,
        payer_name=request.payer_name,
        recorded_by_id=actor.user_id,
        note=note.strip(),
        online_payment=online if reference else None,
    )
    payment_request.refresh_from_db()
    return movement
