"""The documents and decisions API: tenant-scoped, permission-checked, judged by content."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loket.accounts.services import api_client_create
from loket.audit.models import AccessLogEntry
from loket.documents.models import Document
from loket.documents.services import document_upload
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.documents.files import EXECUTABLE, docx_bytes, pdf_bytes, stored_files
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def _token(municipality: Municipality) -> dict[str, str]:
    _client, token = api_client_create(
        name="Case system", region=municipality.region, municipality=municipality
    )
    return {"Authorization": f"Bearer {token}"}


def _case_id(municipality: Municipality) -> int:
    """A real case of the municipality (documents are attached to an existing owner)."""
    catalog_product("residence-certificate")
    resident = PersonFactory(municipality=municipality)
    return certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    ).pk


def _document(municipality: Municipality, text: str, **extra: Any) -> Document:
    return document_upload(
        actor=actor_for_user(staff_member(municipality, Role.HANDLER)),
        municipality=municipality,
        owner_type="case",
        owner_id=extra.pop("owner_id", 5),
        title="Bijlage",
        file_name="bijlage.docx",
        content=docx_bytes(text),
        extract_now=True,
        **extra,
    )


def test_an_integration_uploads_a_document_judged_by_content(
    client: Client, municipality: Municipality
) -> None:
    data = pdf_bytes("Attest van de werkgever")
    case_id = _case_id(municipality)

    response = client.post(
        "/api/v1/documents",
        {
            "municipality_nis_code": municipality.nis_code,
            "owner_type": "case",
            "owner_id": str(case_id),
            "title": "Attest",
            "file": SimpleUploadedFile("attest.png", data),
        },
        headers=_token(municipality),
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["content_type"], body["file_name"], body["version"]) == (
        "application/pdf",
        "attest.pdf",
        1,
    )
    assert (body["owner_type"], body["owner_id"]) == ("case", case_id)
    document = Document.objects.get()
    assert (document.uploaded_by_kind, document.uploaded_by_api_client_id) == (
        "integration",
        document.uploaded_by_api_client_id,
    )
    assert document.uploaded_by_api_client_id is not None


def test_a_refused_file_answers_422_and_nothing_is_stored(
    client: Client, municipality: Municipality, document_folder: Path
) -> None:
    response = client.post(
        "/api/v1/documents?lang=en",
        {
            "municipality_nis_code": municipality.nis_code,
            "owner_type": "case",
            "owner_id": str(_case_id(municipality)),
            "file": SimpleUploadedFile("invoice.pdf", EXECUTABLE),
        },
        headers=_token(municipality),
    )

    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("This type of file is not accepted.")
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_an_integration_cannot_upload_into_another_municipality(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    response = client.post(
        "/api/v1/documents",
        {
            "municipality_nis_code": other_municipality.nis_code,
            "owner_type": "case",
            "owner_id": "77",
            "file": SimpleUploadedFile("a.pdf", pdf_bytes("x")),
        },
        headers=_token(municipality),
    )

    assert response.status_code == 404
    assert not Document.objects.exists()


def test_a_document_is_attached_to_no_case_of_another_municipality_nor_a_missing_one(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    foreign_case = _case_id(other_municipality)

    def attach(owner_type: str, owner_id: int) -> tuple[int, Any]:
        response = client.post(
            "/api/v1/documents",
            {
                "municipality_nis_code": municipality.nis_code,
                "owner_type": owner_type,
                "owner_id": str(owner_id),
                "file": SimpleUploadedFile("a.pdf", pdf_bytes("x")),
            },
            headers=_token(municipality),
        )
        return response.status_code, response.json()

    foreign = attach("case", foreign_case)
    assert foreign == attach("case", foreign_case + 1000)
    assert foreign == attach("nothing", foreign_case)
    assert foreign[0] == 422
    assert not Document.objects.filter(owner_id=foreign_case).exists()
    assert Document.objects.filter(uploaded_by_api_client__isnull=False).count() == 0


def test_documents_of_an_owner_detail_content_and_versions(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    person = PersonFactory(municipality=municipality)
    document = _document(municipality, "Huurcontract", concerns_person=person)
    foreign = _document(other_municipality, "Huurcontract")
    headers = _token(municipality)

    listed = client.get("/api/v1/documents?owner_type=case&owner_id=5", headers=headers).json()
    detail = client.get(f"/api/v1/documents/{document.pk}", headers=headers)
    content = client.get(f"/api/v1/documents/{document.pk}/content", headers=headers)
    version = client.post(
        f"/api/v1/documents/{document.pk}/versions",
        {"file": SimpleUploadedFile("v2.pdf", pdf_bytes("Tweede versie"))},
        headers=headers,
    )

    assert [item["id"] for item in listed] == [document.pk]
    assert detail.json()["sha256"] == document.sha256
    downloaded = b"".join(content.streaming_content)  # type: ignore[attr-defined]
    assert hashlib.sha256(downloaded).hexdigest() == document.sha256
    assert AccessLogEntry.objects.get().api_client_name == "Case system"
    assert version.status_code == 201
    assert (version.json()["version"], version.json()["previous_version_id"]) == (2, document.pk)
    assert client.get(f"/api/v1/documents/{foreign.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/documents/{foreign.pk}/content", headers=headers).status_code == 404


def test_search_through_the_api(client: Client, municipality: Municipality) -> None:
    _document(municipality, "Verslag over de schuldbemiddeling van het gezin.")
    client.force_login(staff_member(municipality, Role.CLERK))

    body = client.get("/api/v1/documents/search?q=schuldbemiddeling").json()

    assert [hit["snippet"] for hit in body["hits"]] == [
        "Verslag over de <mark>schuldbemiddeling</mark> van het gezin"
    ]
    assert body["has_next"] is False


def test_search_needs_the_search_permission(client: Client, municipality: Municipality) -> None:
    response = client.get("/api/v1/documents/search?q=verslag", headers=_token(municipality))

    assert response.status_code == 403
