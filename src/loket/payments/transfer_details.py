"""How a resident pays a request by bank transfer: the account, the structured
communication and the EPC QR code, for pages, letters and e-mails."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from loket.payments.epc_qr import EpcPayloadError, EpcTransfer, epc_payload, epc_qr_png, epc_qr_svg
from loket.payments.iban import iban_format
from loket.payments.models import MunicipalityPaymentSettings, PaymentRequest
from loket.payments.structured_communication import StructuredCommunication


@dataclass(frozen=True)
class TransferDetails:
    beneficiary_name: str
    iban: str
    iban_display: str
    bic: str
    amount_cents: int
    communication: str
    epc_payload: str

    def qr_svg(self) -> str:
        return epc_qr_svg(
            self.epc_payload,
            title=_("QR code to pay %(communication)s with a banking app")
            % {"communication": self.communication},
        )

    def qr_png(self) -> bytes:
        return epc_qr_png(self.epc_payload)


def transfer_details_for(
    *, payment_request: PaymentRequest, settings_row: MunicipalityPaymentSettings | None
) -> TransferDetails | None:
    """None when the municipality has no account set up or nothing is due."""
    if settings_row is None or not settings_row.accepts_bank_transfers:
        return None
    amount = payment_request.outstanding_cents
    if amount <= 0:
        return None
    communication = StructuredCommunication(payment_request.structured_communication).formatted
    try:
        payload = epc_payload(
            EpcTransfer(
                beneficiary_name=settings_row.beneficiary_name,
                iban=settings_row.iban,
                bic=settings_row.bic,
                amount_cents=amount,
                unstructured_text=communication,
            )
        )
    except EpcPayloadError:
        return None
    return TransferDetails(
        beneficiary_name=settings_row.beneficiary_name,
        iban=settings_row.iban,
        iban_display=iban_format(settings_row.iban),
        bic=settings_row.bic,
        amount_cents=amount,
        communication=communication,
        epc_payload=payload,
    )
