"""Telling payers about their payment requests through the notification service: the
request itself (with the EPC QR code attached), a receipt for every payment received, and
one reminder per due date for overdue requests. Called inside the business transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from loket.config.links import absolute_url
from loket.notify.channels.base import AttachmentFile
from loket.notify.services import notification_send
from loket.payments.history import payment_event_append
from loket.payments.models import (
    MunicipalityPaymentSettings,
    PaymentEventKind,
    PaymentMovement,
    PaymentReminder,
    PaymentRequest,
)
from loket.payments.money import cents_to_display
from loket.payments.selectors import payment_requests_overdue
from loket.payments.slip import payment_slip_pdf
from loket.payments.structured_communication import StructuredCommunication
from loket.payments.transfer_details import TransferDetails, transfer_details_for
from loket.payments.workflow import PaymentStatus
from loket.people.models import Person

QR_FILE_NAME = "payment-qr.png"
SLIP_FILE_NAME = "payment-slip.pdf"


def _recipient(payment_request: PaymentRequest) -> Person | None:
    """The payer, or for an organisation its first representative (None: nobody to tell)."""
    if payment_request.payer_person is not None:
        return payment_request.payer_person
    if payment_request.payer_organisation is not None:
        return payment_request.payer_organisation.representatives.order_by("pk").first()
    return None


def _transfer(payment_request: PaymentRequest) -> TransferDetails | None:
    settings_row = MunicipalityPaymentSettings.objects.filter(
        municipality_id=payment_request.municipality_id
    ).first()
    return transfer_details_for(payment_request=payment_request, settings_row=settings_row)


def _to_pay_context(
    payment_request: PaymentRequest, language: str
) -> tuple[dict[str, str], list[AttachmentFile]]:
    transfer = _transfer(payment_request)
    context = {
        "description": payment_request.description,
        "amount_due": cents_to_display(payment_request.outstanding_cents, language),
        "due_date": payment_request.due_date.isoformat(),
        "structured_communication": StructuredCommunication(
            payment_request.structured_communication
        ).formatted,
        "iban": transfer.iban_display if transfer else "",
        "beneficiary_name": transfer.beneficiary_name if transfer else "",
        "pay_url": absolute_url(reverse("payments:pay", args=[payment_request.pk])),
    }
    attachments: list[AttachmentFile] = []
    if transfer is not None:
        attachments = [
            AttachmentFile(
                filename=QR_FILE_NAME, content_type="image/png", content=transfer.qr_png()
            ),
            AttachmentFile(
                filename=SLIP_FILE_NAME,
                content_type="application/pdf",
                content=payment_slip_pdf(
                    payment_request=payment_request, details=transfer, language=language
                ),
            ),
        ]
    return context, attachments


def payment_request_notify(*, payment_request: PaymentRequest) -> None:
    """Send the payer the new request, with the transfer details and the QR code."""
    recipient = _recipient(payment_request)
    if recipient is None:
        return
    context, attachments = _to_pay_context(payment_request, recipient.preferred_language)
    notification_send(
        recipient=recipient,
        event="payment.requested",
        context=context,
        municipality=payment_request.municipality,
        idempotency_key=f"payment-{payment_request.pk}-requested",
        attachments=attachments,
    )


def payment_receipt_send(*, payment_request: PaymentRequest, movement: PaymentMovement) -> None:
    """Tell the payer their payment arrived (inside the transaction that booked it)."""
    recipient = _recipient(payment_request)
    if recipient is None:
        return
    language = recipient.preferred_language
    with translation.override(language):
        status = str(PaymentStatus(payment_request.status).label)
    notification_send(
        recipient=recipient,
        event="payment.received",
        context={
            "description": payment_request.description,
            "amount_received": cents_to_display(movement.amount_cents, language),
            "amount_paid": cents_to_display(payment_request.net_paid_cents, language),
            "amount_due": cents_to_display(payment_request.outstanding_cents, language),
            "status": status,
            "pay_url": absolute_url(reverse("payments:pay", args=[payment_request.pk])),
        },
        municipality=payment_request.municipality,
        idempotency_key=f"payment-movement-{movement.pk}",
    )
    payment_event_append(payment_request=payment_request, kind=PaymentEventKind.RECEIPT_SENT)


def payment_reminder_send(*, payment_request: PaymentRequest) -> bool:
    """Remind the payer of one overdue request, once per due date. True when sent now."""
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)
        if request.status not in {PaymentStatus.OPEN, PaymentStatus.PARTIALLY_PAID}:
            return False
        _reminder, created = PaymentReminder.objects.get_or_create(
            payment_request=request, due_date=request.due_date
        )
        if not created:
            return False
        recipient = _recipient(request)
        if recipient is not None:
            context, attachments = _to_pay_context(request, recipient.preferred_language)
            notification_send(
                recipient=recipient,
                event="payment.reminder",
                context=context,
                municipality=request.municipality,
                idempotency_key=f"payment-{request.pk}-reminder-{request.due_date.isoformat()}",
                attachments=attachments,
            )
        payment_event_append(payment_request=request, kind=PaymentEventKind.REMINDER_SENT)
        return True


def payment_reminders_send(*, today: dt.date) -> int:
    """Remind every overdue request that was not reminded for its due date yet."""
    sent = 0
    for payment_request in payment_requests_overdue(today=today).iterator(chunk_size=500):
        if payment_reminder_send(payment_request=payment_request):
            sent += 1
    return sent
