"""WS-Security in tests: a self-signed certificate and its key written as PEM files, and
the check the replay servers make of a signed request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml.exceptions import InvalidInput, InvalidSignature
from signxml.verifier import XMLVerifier

from loket.core.wssecurity import SOAP_NS, TIMESTAMP_FORMAT, WSSE_NS, WSU_ID, WSU_NS


def self_signed_write(folder: Path, name: str = "loket-test") -> tuple[Path, Path, str]:
    """(certificate file, key file, certificate PEM) of a new RSA-2048 certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    cert_file, key_file = folder / f"{name}.crt", folder / f"{name}.key"
    cert_file.write_bytes(pem)
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file, pem.decode()


def wssecurity_check(body: bytes, certificate: str) -> None:
    """Raises ValueError unless `body` is signed with WS-Security by `certificate`, over
    its Body and a current Timestamp."""
    envelope = etree.fromstring(body)
    security = envelope.find(f"{{{SOAP_NS}}}Header/{{{WSSE_NS}}}Security")
    timestamp = None if security is None else security.find(f"{{{WSU_NS}}}Timestamp")
    if timestamp is None:
        raise ValueError("no WS-Security timestamp")
    window = [
        dt.datetime.strptime(
            timestamp.findtext(f"{{{WSU_NS}}}{part}", ""), TIMESTAMP_FORMAT
        ).replace(tzinfo=dt.UTC)
        for part in ("Created", "Expires")
    ]
    if not window[0] - dt.timedelta(minutes=1) <= dt.datetime.now(dt.UTC) <= window[1]:
        raise ValueError("WS-Security timestamp outside its validity")
    try:
        results = XMLVerifier().verify(
            envelope, x509_cert=certificate, id_attribute="Id", expect_references=2
        )
    except (InvalidSignature, InvalidInput) as error:
        raise ValueError(f"signature: {error}") from error
    signed = {result.signed_xml.get(WSU_ID) for result in results}  # type: ignore[union-attr]
    wanted = {envelope.find(f"{{{SOAP_NS}}}Body").get(WSU_ID), timestamp.get(WSU_ID)}
    if signed != wanted:
        raise ValueError("the signature does not cover Body and Timestamp")
