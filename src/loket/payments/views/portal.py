"""Resident pages: my payments, a payment page with the transfer details and EPC QR code,
online payment, the demo provider's bank page and the providers' webhook."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from loket.payments.models import OnlinePayment, OnlinePaymentStatus
from loket.payments.online import online_payment_start, online_payment_webhook_handle
from loket.payments.providers import InvalidWebhook, WebhookOutcome, provider_codes
from loket.payments.providers.demo import (
    SIGNATURE_HEADER,
    demo_provider_is_allowed,
    demo_webhook_body,
    demo_webhook_sign,
)
from loket.payments.selectors import (
    payment_request_get_visible,
    payment_requests_visible_to,
    payment_settings_public,
)
from loket.payments.transfer_details import transfer_details_for
from loket.payments.workflow import OUTSTANDING_STATUSES
from loket.tenancy.access import Actor, actor_from_request
from loket.web.resident_sign_in import resident_sign_in_redirect

logger = logging.getLogger(__name__)


def _resident(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def my_payments(request: HttpRequest) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    requests = list(payment_requests_visible_to(actor=actor).order_by("-created_at")[:100])
    return render(request, "payments/portal/list.html", {"payment_requests": requests})


def payment_page(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    settings_row = payment_settings_public(municipality_id=payment_request.municipality_id)
    details = transfer_details_for(payment_request=payment_request, settings_row=settings_row)
    latest_online = payment_request.online_payments.order_by("-created_at").first()
    return render(
        request,
        "payments/portal/pay.html",
        {
            "payment_request": payment_request,
            "details": details,
            "qr_svg": details.qr_svg() if details else "",
            "is_outstanding": payment_request.status in OUTSTANDING_STATUSES,
            "pays_online": bool(settings_row and settings_row.online_provider in provider_codes()),
            "online_pending": latest_online is not None
            and latest_online.status == OnlinePaymentStatus.PENDING
            and payment_request.status in OUTSTANDING_STATUSES,
            "online_failed": latest_online is not None
            and latest_online.status == OnlinePaymentStatus.FAILED
            and payment_request.status in OUTSTANDING_STATUSES,
        },
    )


def payment_qr_png(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    """The EPC QR code as PNG, for printing or saving."""
    actor = _resident(request)
    if actor is None:
        raise Http404
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    settings_row = payment_settings_public(municipality_id=payment_request.municipality_id)
    details = transfer_details_for(payment_request=payment_request, settings_row=settings_row)
    if details is None:
        raise Http404
    response = HttpResponse(details.qr_png(), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def pay_online(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    actor = _resident(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    page_url = reverse("payments:pay", args=[payment_request.pk])
    try:
        online = online_payment_start(
            actor=actor,
            payment_request=payment_request,
            return_url=request.build_absolute_uri(page_url),
            webhook_url=request.build_absolute_uri(
                reverse("payments:webhook", args=[_provider_of(payment_request.municipality_id)])
            ),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(page_url)
    return HttpResponseRedirect(online.checkout_url)


def _provider_of(municipality_id: int) -> str:
    settings_row = payment_settings_public(municipality_id=municipality_id)
    return (settings_row.online_provider if settings_row else "") or "none"


@csrf_exempt
@require_POST
def provider_webhook(request: HttpRequest, provider: str) -> HttpResponse:
    """Server-to-server notice of a provider. A bad signature answers 400 and changes nothing."""
    try:
        online_payment_webhook_handle(
            provider_code=provider, body=request.body, headers=request.headers
        )
    except InvalidWebhook as error:
        logger.warning("refused a %s webhook: %s", provider, error)
        return HttpResponseBadRequest("invalid webhook")
    return HttpResponse("ok", content_type="text/plain")


def _demo_online_payment(reference: str) -> OnlinePayment:
    if not demo_provider_is_allowed():
        raise Http404
    online = (
        OnlinePayment.objects.select_related("payment_request", "municipality")
        .filter(provider="demo", provider_reference=reference)
        .first()
    )
    if online is None:
        raise Http404
    return online


def demo_bank(request: HttpRequest, reference: str) -> HttpResponse:
    """The demo provider's "bank page": approve or refuse. It then sends the signed
    webhook exactly as a provider would, and returns the payer to Loket."""
    online = _demo_online_payment(reference)
    if request.method == "POST" and online.status == OnlinePaymentStatus.PENDING:
        outcome = (
            WebhookOutcome.PAID
            if request.POST.get("decision") == "approve"
            else WebhookOutcome.FAILED
        )
        body = demo_webhook_body(
            provider_reference=online.provider_reference,
            outcome=outcome,
            amount_cents=online.amount_cents,
        )
        online_payment_webhook_handle(
            provider_code="demo", body=body, headers={SIGNATURE_HEADER: demo_webhook_sign(body)}
        )
        if outcome is WebhookOutcome.PAID:
            messages.success(request, _("Thank you: your payment is received."))
        else:
            messages.warning(request, _("The payment was not completed. Nothing was charged."))
        return redirect("payments:pay", online.payment_request_id)
    return render(request, "payments/portal/demo_bank.html", {"online": online})
