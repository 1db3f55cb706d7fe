"""Signing certificates of the municipalities, and the demo certificate authority.

Layout under LOKET_SIGNING_DIR (default LOKET_DATA_DIR/signing; never in the repository):
    demo-ca/certificate.pem, demo-ca/key.pem           the demo CA (`make demo` only)
    municipalities/<NIS code>/certificate.pem           the municipality's certificate
    municipalities/<NIS code>/key.pem                   its private key (mode 0600)
    municipalities/<NIS code>/chain.pem                 the issuing CA certificates

In production a municipality's real certificate, key and chain (e.g. from a qualified
trust service provider) go in the same place; the demo CA is neither created nor trusted.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings

from loket.config.env import Mode
from loket.tenancy.models import Municipality

DEMO_CA_NAME = "Loket Demo Certificate Authority"
CA_VALIDITY = dt.timedelta(days=3650)
CERTIFICATE_VALIDITY = dt.timedelta(days=825)
# Renew a demo certificate this long before it expires.
RENEW_BEFORE = dt.timedelta(days=30)


class SigningError(Exception):
    """No usable signing certificate (missing, unreadable, expired)."""


@dataclass(frozen=True)
class CredentialPaths:
    certificate: Path
    key: Path
    chain: Path


def signing_dir() -> Path:
    return Path(settings.LOKET_SIGNING_DIR)


def demo_ca_paths() -> CredentialPaths:
    folder = signing_dir() / "demo-ca"
    return CredentialPaths(folder / "certificate.pem", folder / "key.pem", folder / "chain.pem")


def municipality_credential_paths(municipality: Municipality) -> CredentialPaths:
    folder = signing_dir() / "municipalities" / municipality.nis_code
    return CredentialPaths(folder / "certificate.pem", folder / "key.pem", folder / "chain.pem")


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def _load_ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    paths = demo_ca_paths()
    if not (paths.certificate.exists() and paths.key.exists()):
        return None
    certificate = x509.load_pem_x509_certificate(paths.certificate.read_bytes())
    key = serialization.load_pem_private_key(paths.key.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningError("the demo CA key is not an EC key")
    return certificate, key


def demo_ca_ensure() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey, bool]:
    """The demo CA, created when missing. Returns (certificate, key, created)."""
    loaded = _load_ca()
    if loaded is not None:
        return (*loaded, False)
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Loket demo"),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CA_NAME),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signing=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    paths = demo_ca_paths()
    _write_private(paths.key, _key_pem(key))
    paths.certificate.write_bytes(_certificate_pem(certificate))
    return certificate, key, True


def _current_demo_certificate(paths: CredentialPaths, ca_certificate: x509.Certificate) -> bool:
    if not (paths.certificate.exists() and paths.key.exists()):
        return False
    certificate = x509.load_pem_x509_certificate(paths.certificate.read_bytes())
    fresh = certificate.not_valid_after_utc - RENEW_BEFORE > dt.datetime.now(dt.UTC)
    return fresh and certificate.issuer == ca_certificate.subject


def demo_certificate_ensure(municipality: Municipality) -> bool:
    """Give the municipality a signing certificate from the demo CA, unless it has a
    current one from it. Returns whether a certificate was created."""
    ca_certificate, ca_key, _ = demo_ca_ensure()
    paths = municipality_credential_paths(municipality)
    if _current_demo_certificate(paths, ca_certificate):
        return False
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    organisation = municipality.name_in(
        municipality.languages[0] if municipality.languages else "nl"
    )
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"NIS-{municipality.nis_code}"),
            x509.NameAttribute(NameOID.COMMON_NAME, organisation),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + CERTIFICATE_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write_private(paths.key, _key_pem(key))
    paths.certificate.write_bytes(_certificate_pem(certificate))
    paths.chain.write_bytes(_certificate_pem(ca_certificate))
    return True


def trust_root_files() -> list[Path]:
    """The certificates a signature must chain to: LOKET_SIGNING_TRUST_ROOTS, plus the demo
    CA outside production mode."""

    roots = [Path(path) for path in settings.LOKET_SIGNING_TRUST_ROOTS]
    demo = demo_ca_paths().certificate
    if settings.LOKET_MODE is not Mode.PRODUCTION and demo.exists():
        roots.append(demo)
    return roots
