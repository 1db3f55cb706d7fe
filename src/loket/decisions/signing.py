"""PAdES signatures (PDF Advanced Electronic Signatures, baseline B-B) with pyHanko, made
with the municipality's certificate and key from LOKET_SIGNING_DIR (see pki.py)."""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from loket.decisions.pki import SigningError, municipality_credential_paths
from loket.tenancy.models import Municipality

SIGNATURE_FIELD = "Signature"


def _asn1_certificates(pem: bytes) -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
        for certificate in x509.load_pem_x509_certificates(pem)
    ]


def municipality_signer(municipality: Municipality) -> signers.SimpleSigner:
    """A pyHanko signer with the municipality's key, certificate and chain."""
    paths = municipality_credential_paths(municipality)
    try:
        certificate = _asn1_certificates(paths.certificate.read_bytes())[0]
        key = serialization.load_pem_private_key(paths.key.read_bytes(), password=None)
        chain = _asn1_certificates(paths.chain.read_bytes()) if paths.chain.exists() else []
    except (OSError, ValueError, IndexError) as error:
        raise SigningError(
            f"no usable signing certificate for {municipality.nis_code} in "
            f"{paths.certificate.parent} ({error}); for a demo run `loket decisions_demo_pki`"
        ) from error
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(chain),  # type: ignore[no-untyped-call]
    )


def pdf_sign(
    pdf: bytes, *, municipality: Municipality, reason: str, location: str, signer_name: str
) -> bytes:
    """`pdf` with a PAdES signature of the municipality over the whole file."""
    signer = municipality_signer(municipality)
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer_name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = signers.PdfSigner(metadata, signer=signer).sign_pdf(writer)
    return output.getvalue()  # type: ignore[no-any-return]
