"""Is this PDF signed by a municipality, and unchanged since? (pyHanko)

A signature is accepted only when
- the signed bytes are intact (the digest matches) and the cryptography checks out,
- the signer's certificate chains to a trusted root (LOKET_SIGNING_TRUST_ROOTS; the demo CA
  outside production), and
- the signature covers the whole file: nothing was appended after signing.
Revocation is checked "soft": with no revocation information available (the demo CA has
none, and no network is used) the certificate is not considered revoked.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from loket.decisions.pki import trust_root_files

logger = logging.getLogger(__name__)


class VerificationStatus(StrEnum):
    VALID = "valid"
    NOT_PDF = "not_pdf"
    UNREADABLE = "unreadable"
    NO_SIGNATURE = "no_signature"
    MODIFIED = "modified"
    UNTRUSTED = "untrusted"
    INVALID = "invalid"


@dataclass(frozen=True)
class VerificationResult:
    status: VerificationStatus
    signer_name: str = ""
    signer_organisation: str = ""
    issuer_name: str = ""
    signed_at: dt.datetime | None = None
    signature_count: int = 0

    @property
    def valid(self) -> bool:
        return self.status is VerificationStatus.VALID


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    for path in trust_root_files():
        try:
            certificates = x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError):
            logger.warning("trust root %s cannot be read; it is ignored", path)
            continue
        roots += [
            asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
            for certificate in certificates
        ]
    return roots


def _status_of(status: PdfSignatureStatus, *, last: bool) -> VerificationStatus:
    if not status.intact:
        return VerificationStatus.MODIFIED
    if last and status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        return VerificationStatus.MODIFIED
    if not status.valid:
        return VerificationStatus.INVALID
    if not status.trusted:
        return VerificationStatus.UNTRUSTED
    return VerificationStatus.VALID


def _name_part(name: Any, part: str) -> str:
    value = name.native.get(part, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def pdf_signature_verify(data: bytes) -> VerificationResult:
    """Check every signature of the PDF in `data`; the result describes the last one (the
    one that covers the most) and is valid only when all of them are."""
    if not data.startswith(b"%PDF-"):
        return VerificationResult(status=VerificationStatus.NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:  # an altered file breaks the parser in many ways
        logger.info("a PDF to verify could not be read", exc_info=True)
        return VerificationResult(status=VerificationStatus.UNREADABLE)
    if not signatures:
        return VerificationResult(status=VerificationStatus.NO_SIGNATURE)
    context = ValidationContext(
        trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail"
    )
    outcome = VerificationStatus.VALID
    status: PdfSignatureStatus | None = None
    for index, signature in enumerate(signatures):
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # damaged signature structures fail in many ways
            logger.info("a signature could not be validated", exc_info=True)
            return VerificationResult(
                status=VerificationStatus.INVALID, signature_count=len(signatures)
            )
        verdict = _status_of(status, last=index == len(signatures) - 1)
        if outcome is VerificationStatus.VALID:
            outcome = verdict
    assert status is not None
    certificate = status.signing_cert
    return VerificationResult(
        status=outcome,
        signer_name=_name_part(certificate.subject, "common_name"),
        signer_organisation=_name_part(certificate.subject, "organization_name"),
        issuer_name=_name_part(certificate.issuer, "common_name"),
        signed_at=status.signer_reported_dt,
        signature_count=len(signatures),
    )
