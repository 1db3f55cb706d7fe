"""The EPC QR code (European Payments Council, EPC069-12, "SCT" QR), which banking apps
read to fill in a SEPA credit transfer.

Payload: elements separated by a line feed, in this order, nothing after the last element
that is given:

    1  Service tag            BCD
    2  Version                002 (the BIC may be left empty inside the EEA)
    3  Character set          1 (UTF-8)
    4  Identification         SCT
    5  BIC                    8 or 11 characters, or empty
    6  Beneficiary name       at most 70 characters
    7  Beneficiary IBAN
    8  Amount                 EUR + amount with a dot, EUR0.01 to EUR999999999.99
    9  Purpose                at most 4 characters, optional
    10 Structured reference   at most 35 characters (ISO 11649 creditor reference)
    11 Unstructured text      at most 140 characters (either 10 or 11, never both)
    12 Information for payer  at most 70 characters, optional

The whole payload is at most 331 bytes; the QR code uses error correction level M.

The Belgian structured communication goes into element 11 written as +++123/4567/89002+++.
Element 10 is specified for ISO 11649 creditor references ("RF..."), which many banking
apps check as such and would refuse a twelve-digit Belgian number in; Belgian banking apps
recognise the +++ form in the message and turn it into a structured communication, and
an app of another country still shows it to the payer as the message to send.
See docs/payments.md.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno

from loket.payments.iban import bic_parse, iban_parse
from loket.payments.money import cents_to_plain

SERVICE_TAG = "BCD"
VERSION = "002"
CHARACTER_SET_UTF8 = "1"
IDENTIFICATION = "SCT"
MINIMUM_CENTS = 1
MAXIMUM_CENTS = 99_999_999_999
MAXIMUM_PAYLOAD_BYTES = 331
MAXIMUM_QR_VERSION = 13


class EpcPayloadError(ValueError):
    """The data cannot go into an EPC QR code as given."""


@dataclass(frozen=True)
class EpcTransfer:
    beneficiary_name: str
    iban: str
    amount_cents: int | None = None
    bic: str = ""
    purpose: str = ""
    structured_reference: str = ""
    unstructured_text: str = ""
    payer_information: str = ""


def _check_length(label: str, value: str, maximum: int) -> None:
    if len(value) > maximum:
        raise EpcPayloadError(f"{label} has {len(value)} characters, at most {maximum}")


def epc_payload(transfer: EpcTransfer) -> str:
    """The text to encode in the QR code. Raises EpcPayloadError when a rule is broken."""
    name = " ".join(transfer.beneficiary_name.split())
    if not name:
        raise EpcPayloadError("the beneficiary name is required")
    _check_length("the beneficiary name", name, 70)
    try:
        iban = iban_parse(transfer.iban)
        bic = bic_parse(transfer.bic) if transfer.bic else ""
    except Exception as error:
        raise EpcPayloadError(str(error)) from error
    amount = ""
    if transfer.amount_cents is not None:
        if not MINIMUM_CENTS <= transfer.amount_cents <= MAXIMUM_CENTS:
            raise EpcPayloadError("the amount must be between EUR0.01 and EUR999999999.99")
        amount = f"EUR{cents_to_plain(transfer.amount_cents)}"
    purpose = transfer.purpose.strip().upper()
    if purpose and not (purpose.isalnum() and len(purpose) <= 4):
        raise EpcPayloadError("the purpose is a code of at most 4 letters and digits")
    if transfer.structured_reference and transfer.unstructured_text:
        raise EpcPayloadError("give a structured reference or a text, not both")
    _check_length("the structured reference", transfer.structured_reference, 35)
    _check_length("the text", transfer.unstructured_text, 140)
    _check_length("the information for the payer", transfer.payer_information, 70)
    elements = [
        SERVICE_TAG,
        VERSION,
        CHARACTER_SET_UTF8,
        IDENTIFICATION,
        bic,
        name,
        iban,
        amount,
        purpose,
        transfer.structured_reference,
        transfer.unstructured_text,
        transfer.payer_information,
    ]
    while elements and not elements[-1]:
        elements.pop()
    payload = "\n".join(elements)
    if len(payload.encode("utf-8")) > MAXIMUM_PAYLOAD_BYTES:
        raise EpcPayloadError(f"the payload is longer than {MAXIMUM_PAYLOAD_BYTES} bytes")
    return payload


def epc_qr_code(payload: str) -> segno.QRCode:
    """The QR code for a payload: error correction M, version 13 at most, UTF-8 bytes."""
    code = segno.make_qr(payload, error="m", boost_error=False, encoding="utf-8", mode="byte")
    if not isinstance(code.version, int) or code.version > MAXIMUM_QR_VERSION:
        raise EpcPayloadError("the payload needs a QR code larger than version 13")
    return code


def epc_qr_svg(payload: str, *, title: str) -> str:
    """Inline SVG markup for a page (dark modules on white, a quiet zone of four modules)."""
    return epc_qr_code(payload).svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="epc-qr"
    )


def epc_qr_png(payload: str, *, scale: int = 6) -> bytes:
    """PNG bytes, for letters and e-mails."""
    buffer = io.BytesIO()
    epc_qr_code(payload).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
