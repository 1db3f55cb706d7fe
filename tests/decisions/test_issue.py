"""Issuing a decision letter into a dossier, per-product templates, and the public
verification page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.decisions.models import DecisionTemplate
from loket.decisions.services import decision_letter_issue, decision_template_save
from loket.decisions.verification import pdf_signature_verify
from loket.documents.models import Document, ExtractionStatus
from loket.documents.selectors import document_content_open
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.decisions.helpers import byte_flipped, first_stream_offset, pdf_text
from tests.documents.files import pdf_bytes
from tests.factories import regional_staff_member, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def _issue(actor: Actor, municipality: Municipality, person: Person | None = None, **extra: Any):  # type: ignore[no-untyped-def]
    return decision_letter_issue(
        actor=actor,
        municipality=municipality,
        owner_type="case",
        owner_id=123,
        language=extra.pop("language", "nl"),
        context={"product_name": "Bewonerskaart", **extra.pop("context", {})},
        product_code="resident-parking-card",
        reference="KORTRIJK-2026-000123",
        concerns_person=person,
        addressee_name="Marie Dubois",
        decided_on=dt.date(2026, 3, 3),
        **extra,
    )


def test_an_issued_letter_is_a_signed_dossier_document_for_the_resident(
    signing_municipality: Municipality, resident: Person, client: Client
) -> None:
    handler = staff_member(signing_municipality, Role.HANDLER)

    document = _issue(actor_for_user(handler), signing_municipality, resident)

    assert (document.kind, document.owner_type, document.owner_id) == ("decision", "case", 123)
    assert document.title == "Beslissing over uw aanvraag: Bewonerskaart"
    assert document.file_name == "KORTRIJK-2026-000123.pdf"
    assert (document.concerns_person, document.visible_to_resident) == (resident, True)
    assert document.uploaded_by_user == handler
    assert (document.extraction_status, document.language) == (ExtractionStatus.DONE, "nl")
    assert "Raad van State" in document.text
    with document_content_open(document=document) as stream:
        stored = stream.read()
    assert pdf_signature_verify(stored).valid is True

    sign_in_resident(client, resident)
    response = client.get(reverse("documents:my-download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.DISPATCHER, Role.MUNICIPAL_ADMIN])
def test_only_deciding_roles_issue_letters(
    signing_municipality: Municipality, resident: Person, role: Role
) -> None:
    actor = actor_for_user(staff_member(signing_municipality, role))

    with pytest.raises(PermissionDenied):
        _issue(actor, signing_municipality, resident)

    assert not Document.objects.exists()


def test_staff_of_another_municipality_cannot_issue_letters(
    signing_municipality: Municipality, other_municipality: Municipality, resident: Person
) -> None:
    outsider = actor_for_user(staff_member(other_municipality, Role.HANDLER))

    with pytest.raises(PermissionDenied):
        _issue(outsider, signing_municipality, resident)

    assert not Document.objects.exists()


def test_a_missing_placeholder_value_stops_the_letter(
    signing_municipality: Municipality, resident: Person
) -> None:
    region_admin = actor_for_user(
        regional_staff_member(signing_municipality.region, Role.REGIONAL_ADMIN)
    )
    decision_template_save(
        actor=region_admin,
        region=signing_municipality.region,
        product_code="resident-parking-card",
        outcome="approved",
        texts={"body_nl": "Uw kaart kost {{ fee }} euro per jaar."},
    )

    with translation.override("en"), pytest.raises(ValidationError) as error:
        _issue(region_admin, signing_municipality, resident)

    assert error.value.messages == ["The letter needs a value for: fee."]
    assert not Document.objects.exists()


def test_a_municipality_template_overrides_the_region_template_per_part(
    signing_municipality: Municipality, resident: Person
) -> None:
    region_admin = actor_for_user(
        regional_staff_member(signing_municipality.region, Role.REGIONAL_ADMIN)
    )
    head = actor_for_user(staff_member(signing_municipality, Role.DEPARTMENT_HEAD))
    decision_template_save(
        actor=region_admin,
        region=signing_municipality.region,
        product_code="resident-parking-card",
        outcome="approved",
        texts={
            "subject_nl": "Uw bewonerskaart ({{ reference }})",
            "body_nl": "Tekst van de regio.",
            "appeal_fr": "Recours régional.",
        },
        appeal_days=45,
    )
    decision_template_save(
        actor=head,
        region=signing_municipality.region,
        municipality=signing_municipality,
        product_code="resident-parking-card",
        outcome="approved",
        texts={"body_nl": "Uw kaart kost {{ fee }} euro. Beroep binnen {{ appeal_days }} dagen."},
        appeal_days=60,
    )

    document = _issue(head, signing_municipality, resident, context={"fee": 25})
    with document_content_open(document=document) as stream:
        text = pdf_text(stream.read())

    assert "Onderwerp: Uw bewonerskaart (KORTRIJK-2026-000123)" in text
    assert "Uw kaart kost 25 euro. Beroep binnen 60 dagen." in text
    assert "Tekst van de regio." not in text
    assert "binnen 60 dagen na de kennisgeving ervan een bezwaar" in text  # default, own days
    assert document.title == "Uw bewonerskaart (KORTRIJK-2026-000123)"


def test_templates_are_edited_only_with_the_permission(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    head = actor_for_user(staff_member(municipality, Role.DEPARTMENT_HEAD))
    arguments = {"product_code": "eid-card", "outcome": "approved", "texts": {"body_nl": "x"}}

    with pytest.raises(PermissionDenied):
        decision_template_save(actor=clerk, region=municipality.region, **arguments)
    with pytest.raises(PermissionDenied):
        decision_template_save(
            actor=clerk, region=municipality.region, municipality=municipality, **arguments
        )
    with pytest.raises(PermissionDenied):  # the region's template needs a region-wide grant
        decision_template_save(actor=head, region=municipality.region, **arguments)
    with pytest.raises(PermissionDenied):
        decision_template_save(
            actor=head, region=municipality.region, municipality=other_municipality, **arguments
        )
    assert not DecisionTemplate.objects.exists()

    with pytest.raises(ValidationError) as error:
        decision_template_save(
            actor=head,
            region=municipality.region,
            municipality=municipality,
            product_code="eid-card",
            outcome="approved",
            texts={"body_nl": "Kost {{ prijs in euro }}"},
        )
    assert error.value.code == "letter_placeholder"
    assert not DecisionTemplate.objects.exists()


# --- the public verification page ---------------------------------------------------------


def _verify(client: Client, data: bytes, name: str = "brief.pdf") -> str:
    response = client.post(
        reverse("decisions:verify"), {"document": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_verification_page_is_a_plain_form(client: Client) -> None:
    response = client.get("/verificatie/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" enctype="multipart/form-data" action="/verificatie/"' in html
    assert 'type="file" name="document"' in html
    assert "csrfmiddlewaretoken" in html


def test_the_verification_page_accepts_a_signed_letter_and_rejects_a_changed_one(
    client: Client, signing_municipality: Municipality, resident: Person
) -> None:
    handler = actor_for_user(staff_member(signing_municipality, Role.HANDLER))
    with document_content_open(document=_issue(handler, signing_municipality, resident)) as stream:
        signed = stream.read()

    client.post("/language/", {"language": "en", "next": "/"})  # read the page in English
    with translation.override("en"):
        accepted = _verify(client, signed)
        rejected = _verify(client, byte_flipped(signed, first_stream_offset(signed)))
        unsigned = _verify(client, pdf_bytes("geen handtekening"))
        not_pdf = _verify(client, b"MZ\x90\x00 executable", "brief.pdf")

    assert "The signature is valid" in accepted
    assert f"<dd>{signing_municipality.name_nl}</dd>" in accepted
    assert "Loket Demo Certificate Authority" in accepted
    assert "The signature is not valid" in rejected
    assert "The document was changed after it was signed." in rejected
    assert "The signature is valid" not in rejected
    assert "This PDF document carries no electronic signature." in unsigned
    assert 'class="error-summary"' in not_pdf
    assert "This file is not a PDF document." in not_pdf


def test_the_verification_api_is_public(
    client: Client, signing_municipality: Municipality, resident: Person
) -> None:
    handler = actor_for_user(staff_member(signing_municipality, Role.HANDLER))
    with document_content_open(document=_issue(handler, signing_municipality, resident)) as stream:
        signed = stream.read()

    valid = client.post("/api/v1/decisions/verify", {"file": SimpleUploadedFile("a.pdf", signed)})
    changed = client.post(
        "/api/v1/decisions/verify",
        {"file": SimpleUploadedFile("a.pdf", byte_flipped(signed, first_stream_offset(signed)))},
    )

    assert valid.status_code == 200
    assert (valid.json()["valid"], valid.json()["status"], valid.json()["signer_name"]) == (
        True,
        "valid",
        signing_municipality.name_nl,
    )
    assert (changed.json()["valid"], changed.json()["status"]) == (False, "modified")
