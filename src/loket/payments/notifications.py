"""Telling payers about their payment requests through the notification service: the
request itself (with the EPC QR code attached), a receipt for every payment received, and
one reminder per due date for overdue requests. Called inside the business transaction.

The event types are registered at start-up (the notify app loads this module). Every
event is essential (it is about money the resident owes or paid).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.notify.channels.base import AttachmentFile
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
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

_DESCRIPTION = Variable(_("What the payment is for"), "Parkeerkaart voor bewoners")
_AMOUNT_DUE = Variable(_("Amount still to pay, in euro"), "€ 25,00")
_DUE_DATE = Variable(_("Due date"), "2026-04-30", VariableKind.DATE)
_COMMUNICATION = Variable(_("Structured communication"), "+++123/4000/00148+++")
_IBAN = Variable(
    _("Account of the municipality (empty when it has none set up)"), "BE68 5390 0754 7034"
)
_BENEFICIARY = Variable(_("Holder of that account"), "Gemeente Voorbeeld")
_PAY_URL = Variable(
    _("Link to the payment page"), "https://loket.example/betalingen/12/", VariableKind.URL
)

PAYMENT_REQUESTED = event_register(
    EventType(
        code="payment.requested",
        label=_("A payment is asked"),
        essential=True,
        variables={
            "description": _DESCRIPTION,
            "amount_due": _AMOUNT_DUE,
            "due_date": _DUE_DATE,
            "structured_communication": _COMMUNICATION,
            "iban": _IBAN,
            "beneficiary_name": _BENEFICIARY,
            "pay_url": _PAY_URL,
        },
        wordings={
            "nl": Wording(
                subject="Te betalen: {{ description }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Voor “{{ description }}” vraagt {{ municipality_name }} {{ amount_due }}, "
                    "te betalen tegen {{ due_date }}.\n\n"
                    "Betaal online op {{ pay_url }}"
                    "{% if iban %} of schrijf over naar {{ iban }} ({{ beneficiary_name }}) "
                    "met de gestructureerde mededeling {{ structured_communication }}. "
                    "Met de QR-code in bijlage vult uw bankapp alles voor u in{% endif %}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: te betalen {{ amount_due }} voor {{ description }} "
                    "tegen {{ due_date }}. {{ pay_url }}"
                ),
            ),
            "fr": Wording(
                subject="À payer : {{ description }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Pour « {{ description }} », {{ municipality_name }} vous demande "
                    "{{ amount_due }}, à payer pour le {{ due_date }}.\n\n"
                    "Payez en ligne sur {{ pay_url }}"
                    "{% if iban %} ou virez le montant sur {{ iban }} ({{ beneficiary_name }}) "
                    "avec la communication structurée {{ structured_communication }}. "
                    "Le code QR en annexe remplit tout dans votre application bancaire"
                    "{% endif %}.\n\nCordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : {{ amount_due }} à payer pour {{ description }} "
                    "pour le {{ due_date }}. {{ pay_url }}"
                ),
            ),
            "en": Wording(
                subject="To pay: {{ description }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "For “{{ description }}”, {{ municipality_name }} asks {{ amount_due }}, "
                    "due by {{ due_date }}.\n\n"
                    "Pay online at {{ pay_url }}"
                    "{% if iban %} or transfer it to {{ iban }} ({{ beneficiary_name }}) "
                    "with the structured communication {{ structured_communication }}. "
                    "The attached QR code fills in everything in your banking app{% endif %}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: {{ amount_due }} to pay for {{ description }} "
                    "by {{ due_date }}. {{ pay_url }}"
                ),
            ),
        },
    )
)

PAYMENT_RECEIVED = event_register(
    EventType(
        code="payment.received",
        label=_("A payment was received (receipt)"),
        essential=True,
        variables={
            "description": _DESCRIPTION,
            "amount_received": Variable(_("Amount received, in euro"), "€ 25,00"),
            "amount_paid": Variable(_("Paid in total, in euro"), "€ 25,00"),
            "amount_due": Variable(_("Still to pay, in euro (€ 0,00 when paid)"), "€ 0,00"),
            "status": Variable(_("Status of the payment request"), "Betaald"),
            "pay_url": _PAY_URL,
        },
        wordings={
            "nl": Wording(
                subject="Ontvangen: {{ amount_received }} voor {{ description }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "{{ municipality_name }} ontving {{ amount_received }} voor "
                    "“{{ description }}”. U betaalde in totaal {{ amount_paid }}; nog te betalen: "
                    "{{ amount_due }}. Status: {{ status }}.\n\n"
                    "Dit bericht is uw betalingsbewijs. Alle details op {{ pay_url }}\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: {{ amount_received }} ontvangen voor "
                    "{{ description }}. Nog te betalen: {{ amount_due }}."
                ),
            ),
            "fr": Wording(
                subject="Reçu : {{ amount_received }} pour {{ description }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "{{ municipality_name }} a reçu {{ amount_received }} pour "
                    "« {{ description }} ». Vous avez payé au total {{ amount_paid }} ; reste à "
                    "payer : {{ amount_due }}. Statut : {{ status }}.\n\n"
                    "Ce message est votre preuve de paiement. Tous les détails sur "
                    "{{ pay_url }}\n\nCordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : {{ amount_received }} reçus pour "
                    "{{ description }}. Reste à payer : {{ amount_due }}."
                ),
            ),
            "en": Wording(
                subject="Received: {{ amount_received }} for {{ description }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "{{ municipality_name }} received {{ amount_received }} for "
                    "“{{ description }}”. You paid {{ amount_paid }} in total; still to pay: "
                    "{{ amount_due }}. Status: {{ status }}.\n\n"
                    "This message is your receipt. All details at {{ pay_url }}\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: {{ amount_received }} received for "
                    "{{ description }}. Still to pay: {{ amount_due }}."
                ),
            ),
        },
    )
)

PAYMENT_REMINDER = event_register(
    EventType(
        code="payment.reminder",
        label=_("Reminder: a payment is overdue"),
        essential=True,
        variables={
            "description": _DESCRIPTION,
            "amount_due": _AMOUNT_DUE,
            "due_date": _DUE_DATE,
            "structured_communication": _COMMUNICATION,
            "iban": _IBAN,
            "beneficiary_name": _BENEFICIARY,
            "pay_url": _PAY_URL,
        },
        wordings={
            "nl": Wording(
                subject="Herinnering: {{ description }} is nog niet betaald",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Voor “{{ description }}” is nog {{ amount_due }} te betalen; de vervaldag "
                    "was {{ due_date }}. Hebt u intussen betaald, dan mag u dit bericht "
                    "vergeten.\n\nBetaal online op {{ pay_url }}"
                    "{% if iban %} of schrijf over naar {{ iban }} ({{ beneficiary_name }}) "
                    "met de gestructureerde mededeling {{ structured_communication }} "
                    "(of scan de QR-code in bijlage){% endif %}.\n\n"
                    "Met vriendelijke groeten,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: herinnering, nog {{ amount_due }} te betalen voor "
                    "{{ description }}. {{ pay_url }}"
                ),
            ),
            "fr": Wording(
                subject="Rappel : {{ description }} n'est pas encore payé",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Pour « {{ description }} », il reste {{ amount_due }} à payer ; "
                    "l'échéance était le {{ due_date }}. Si vous avez payé entre-temps, "
                    "ignorez ce message.\n\nPayez en ligne sur {{ pay_url }}"
                    "{% if iban %} ou virez le montant sur {{ iban }} ({{ beneficiary_name }}) "
                    "avec la communication structurée {{ structured_communication }} "
                    "(ou scannez le code QR en annexe){% endif %}.\n\n"
                    "Cordialement,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }} : rappel, {{ amount_due }} à payer pour "
                    "{{ description }}. {{ pay_url }}"
                ),
            ),
            "en": Wording(
                subject="Reminder: {{ description }} is not paid yet",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "For “{{ description }}”, {{ amount_due }} is still to pay; it was due on "
                    "{{ due_date }}. If you paid in the meantime, please ignore this message."
                    "\n\nPay online at {{ pay_url }}"
                    "{% if iban %} or transfer it to {{ iban }} ({{ beneficiary_name }}) "
                    "with the structured communication {{ structured_communication }} "
                    "(or scan the attached QR code){% endif %}.\n\n"
                    "Kind regards,\n{{ municipality_name }}"
                ),
                sms=(
                    "{{ municipality_name }}: reminder, {{ amount_due }} to pay for "
                    "{{ description }}. {{ pay_url }}"
                ),
            ),
        },
    )
)


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
        "description": payment_request.description_in(language),
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
        event=PAYMENT_REQUESTED.code,
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
        event=PAYMENT_RECEIVED.code,
        context={
            "description": payment_request.description_in(language),
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
                event=PAYMENT_REMINDER.code,
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
