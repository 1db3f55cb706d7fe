"""Decision letters: rendered in the letter's language, signed (PAdES), verified; a letter
changed by one byte, or extended after signing, is rejected."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from django.core.management import CommandError, call_command
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from loket.config.env import Mode
from loket.decisions.pki import SigningError, demo_ca_paths, municipality_credential_paths
from loket.decisions.services import decision_letter_sign
from loket.decisions.verification import VerificationStatus, pdf_signature_verify
from loket.tenancy.models import Municipality
from tests.decisions.helpers import byte_flipped, first_stream_offset, pdf_text, signed_ranges
from tests.documents.files import pdf_bytes
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

CONTEXT = {
    "resident_name": "Marie Dubois",
    "product_name": "Bewonerskaart",
    "motivation": "U woont in de zone Binnenstad.",
}


def _letter(municipality: Municipality, language: str = "nl", **extra: Any) -> bytes:
    return decision_letter_sign(
        municipality=municipality,
        language=language,
        context={**CONTEXT, **extra.pop("context", {})},
        product_code="resident-parking-card",
        reference="KORTRIJK-2026-000123",
        addressee_name="Marie Dubois",
        addressee_address=["Kerkstraat 1", "8500 Kortrijk"],
        decided_on=dt.date(2026, 3, 3),
        **extra,
    )


def test_the_demo_pki_command_makes_a_ca_and_a_certificate_per_municipality(
    municipality: Municipality, other_municipality: Municipality, signing_folder: Path
) -> None:
    call_command("decisions_demo_pki", stdout=io.StringIO())

    ca = x509.load_pem_x509_certificate(demo_ca_paths().certificate.read_bytes())
    for member in (municipality, other_municipality):
        paths = municipality_credential_paths(member)
        certificate = x509.load_pem_x509_certificate(paths.certificate.read_bytes())
        assert certificate.issuer == ca.subject
        assert member.name_nl in certificate.subject.rfc4514_string()
        assert stat.S_IMODE(paths.key.stat().st_mode) == 0o600
        assert paths.chain.read_bytes() == demo_ca_paths().certificate.read_bytes()
    assert stat.S_IMODE(demo_ca_paths().key.stat().st_mode) == 0o600
    before = municipality_credential_paths(municipality).certificate.read_bytes()

    output = io.StringIO()
    call_command("decisions_demo_pki", stdout=output)

    assert "0 gemeentecertificaten aangemaakt, 2 behouden" in output.getvalue()
    assert municipality_credential_paths(municipality).certificate.read_bytes() == before


def test_the_demo_pki_is_refused_in_production(
    municipality: Municipality, settings: Any, signing_folder: Path
) -> None:
    settings.LOKET_MODE = Mode.PRODUCTION

    with pytest.raises(CommandError, match="productiemodus"):
        call_command("decisions_demo_pki", stdout=io.StringIO())

    assert not signing_folder.exists()


def test_a_signed_letter_is_valid_and_names_the_signer(
    signing_municipality: Municipality,
) -> None:
    before = timezone.now().replace(microsecond=0)

    result = pdf_signature_verify(_letter(signing_municipality))

    assert result.status is VerificationStatus.VALID
    assert result.valid is True
    assert result.signer_name == signing_municipality.name_nl
    assert result.issuer_name == "Loket Demo Certificate Authority"
    assert result.signature_count == 1
    assert result.signed_at is not None
    assert before <= result.signed_at <= timezone.now()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "Onderwerp: Beslissing over uw aanvraag: Bewonerskaart",
                "Ons kenmerk: KORTRIJK-2026-000123",
                "Datum: 3 maart 2026",
                "keurt uw aanvraag goed",
                "Beroepsmogelijkheden",
                "binnen 30 dagen",
                "Raad van State",
            ],
        ),
        (
            "fr",
            [
                "Objet : Décision concernant votre demande : Bewonerskaart",
                "Notre référence : KORTRIJK-2026-000123",
                "Date : 3 mars 2026",
                "accepte votre demande",
                "Voies de recours",
                "dans les 30 jours",
                "Conseil d'État",
            ],
        ),
        (
            "en",
            [
                "Subject: Decision on your request: Bewonerskaart",
                "Our reference: KORTRIJK-2026-000123",
                "Date: 3 March 2026",
                "approves your request",
                "How to appeal",
                "within 30 days",
                "Council of State",
            ],
        ),
    ],
)
def test_the_letter_is_written_in_its_language(
    signing_municipality: Municipality, language: str, expected: list[str]
) -> None:
    text = pdf_text(_letter(signing_municipality, language))

    assert text.startswith(signing_municipality.name_in(language))
    assert "Marie Dubois Kerkstraat 1 8500 Kortrijk" in text
    assert "U woont in de zone Binnenstad." in text
    for phrase in expected:
        assert phrase in text


def test_a_rejection_letter_states_the_reason(signing_municipality: Municipality) -> None:
    text = pdf_text(
        _letter(
            signing_municipality,
            "en",
            outcome="rejected",
            context={"motivation": "The address is outside the parking zone."},
        )
    )

    assert "refuses your request for the following reason:" in text
    assert "The address is outside the parking zone." in text


def test_one_byte_changed_inside_the_signed_range_is_rejected(
    signing_municipality: Municipality,
) -> None:
    signed = _letter(signing_municipality)
    (first_start, first_end), _ = signed_ranges(signed)
    offset = first_stream_offset(signed)
    assert first_start <= offset < first_end

    result = pdf_signature_verify(byte_flipped(signed, offset))

    assert result.status is VerificationStatus.MODIFIED
    assert result.valid is False


def test_a_change_anywhere_in_the_signed_ranges_is_rejected(
    signing_municipality: Municipality,
) -> None:
    signed = _letter(signing_municipality)
    (first_start, first_end), (second_start, second_end) = signed_ranges(signed)
    offsets = [
        first_start + 9,
        (first_start + first_end) // 2,
        first_end - 2,
        second_start + 3,
        (second_start + second_end) // 2,
        second_end - 10,
    ]

    results = {offset: pdf_signature_verify(byte_flipped(signed, offset)) for offset in offsets}

    assert {offset: result.valid for offset, result in results.items()} == dict.fromkeys(
        offsets, False
    )


def test_content_added_after_signing_is_rejected(signing_municipality: Municipality) -> None:
    signed = _letter(signing_municipality)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.document_meta.title = "Goedgekeurd (gewijzigd)"
    writer.update_root()
    extended = io.BytesIO()
    writer.write(extended)

    result = pdf_signature_verify(extended.getvalue())

    assert result.status is VerificationStatus.MODIFIED


def test_a_certificate_outside_the_trusted_roots_is_not_trusted(
    signing_municipality: Municipality, settings: Any, tmp_path: Path
) -> None:
    signed = _letter(signing_municipality)
    trusted_ca = demo_ca_paths().certificate.read_bytes()
    (tmp_path / "roots.pem").write_bytes(trusted_ca)
    settings.LOKET_SIGNING_DIR = tmp_path / "another-installation"

    assert pdf_signature_verify(signed).status is VerificationStatus.UNTRUSTED

    settings.LOKET_SIGNING_TRUST_ROOTS = [tmp_path / "roots.pem"]
    assert pdf_signature_verify(signed).status is VerificationStatus.VALID


def test_production_does_not_trust_the_demo_ca(
    signing_municipality: Municipality, settings: Any
) -> None:
    signed = _letter(signing_municipality)
    settings.LOKET_MODE = Mode.PRODUCTION

    assert pdf_signature_verify(signed).status is VerificationStatus.UNTRUSTED


def test_unsigned_and_non_pdf_files(signing_municipality: Municipality) -> None:
    assert pdf_signature_verify(pdf_bytes("geen handtekening")).status is (
        VerificationStatus.NO_SIGNATURE
    )
    assert pdf_signature_verify(b"MZ\x90\x00").status is VerificationStatus.NOT_PDF
    assert pdf_signature_verify(b"%PDF-1.7 garbage").status is VerificationStatus.UNREADABLE


def test_without_a_certificate_nothing_is_signed() -> None:
    municipality = MunicipalityFactory()

    with pytest.raises(SigningError, match="decisions_demo_pki"):
        _letter(municipality)
