"""Uploads: judged by content, size-limited, hashed, stored once, refused without a trace."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, transaction
from django.utils import translation
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.accounts.models import User
from loket.documents.models import Document, ExtractionStatus, UploaderKind
from loket.documents.services import document_upload
from loket.documents.storage import storage_get
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.documents.files import (
    EXECUTABLE,
    docm_bytes,
    docx_bytes,
    image_bytes,
    odt_bytes,
    pdf_bytes,
    stored_files,
)
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

REFUSED_TYPE = (
    "This type of file is not accepted. Accepted files: PDF, JPEG, PNG, "
    "Word document (.docx) or OpenDocument text (.odt)."
)


def _upload(actor: Actor, municipality: Municipality, content: object, name: str, **extra: object):  # type: ignore[no-untyped-def]
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type="case",
        owner_id=41,
        title="Bijlage",
        file_name=name,
        content=content,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def _jobs() -> list[ProcrastinateJob]:
    return list(ProcrastinateJob.objects.filter(task_name="documents.text_extract"))


def test_a_pdf_renamed_png_is_still_a_pdf(
    clerk_actor: Actor, municipality: Municipality, clerk: User
) -> None:
    data = pdf_bytes("Aanvraag bewonerskaart")

    document = _upload(clerk_actor, municipality, data, "scan.png")

    assert document.content_type == "application/pdf"
    assert document.file_name == "scan.pdf"
    assert document.size_bytes == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.version == 1
    assert document.is_current is True
    assert document.uploaded_by_kind == UploaderKind.STAFF
    assert document.uploaded_by_user == clerk
    assert document.municipality == municipality
    assert (document.owner_type, document.owner_id) == ("case", 41)


def test_the_stored_bytes_are_the_uploaded_bytes(
    clerk_actor: Actor, municipality: Municipality, document_folder: Path
) -> None:
    data = docx_bytes("Plan van de carport")

    document = _upload(
        clerk_actor, municipality, SimpleUploadedFile("plan.docx", data), "plan.docx"
    )

    stored = storage_get("local").read(key=document.storage_key)
    assert stored == data
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert stored_files(document_folder) == [document_folder / document.storage_key]
    assert document.storage_key.startswith(f"{municipality.nis_code}/")


@pytest.mark.parametrize(
    ("maker", "content_type", "file_name"),
    [
        (lambda: image_bytes("JPEG"), "image/jpeg", "photo.jpg"),
        (lambda: image_bytes("PNG"), "image/png", "photo.png"),
        (
            lambda: docx_bytes("tekst"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "photo.docx",
        ),
        (lambda: odt_bytes("tekst"), "application/vnd.oasis.opendocument.text", "photo.odt"),
    ],
)
def test_every_accepted_format_is_recognised_whatever_its_name(
    clerk_actor: Actor,
    municipality: Municipality,
    maker,
    content_type: str,
    file_name: str,  # type: ignore[no-untyped-def]
) -> None:
    document = _upload(clerk_actor, municipality, maker(), "photo.txt")

    assert document.content_type == content_type
    assert document.file_name == file_name


def test_images_have_no_text_to_extract(clerk_actor: Actor, municipality: Municipality) -> None:
    document = _upload(clerk_actor, municipality, image_bytes("PNG"), "kaart.png")

    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.NOT_APPLICABLE
    assert _jobs() == []


def test_an_executable_renamed_pdf_is_refused_with_a_translated_message(
    clerk_actor: Actor, municipality: Municipality, document_folder: Path
) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _upload(clerk_actor, municipality, EXECUTABLE, "invoice.pdf")

    assert error.value.code == "document_type"
    assert error.value.messages == [REFUSED_TYPE]
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []
    assert _jobs() == []


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04 not really a zip file",
        docm_bytes("macro"),
        b"GIF89a\x01\x00\x01\x00",
        b"<html><script>alert(1)</script></html>",
        b"hello %PDF-1.7 later in the file",
    ],
)
def test_other_content_is_refused_and_nothing_is_stored(
    clerk_actor: Actor, municipality: Municipality, document_folder: Path, content: bytes
) -> None:
    with pytest.raises(ValidationError) as error:
        _upload(clerk_actor, municipality, content, "document.pdf")

    assert error.value.code == "document_type"
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_an_oversized_file_is_refused_and_nothing_is_stored(
    clerk_actor: Actor,
    municipality: Municipality,
    document_folder: Path,
    settings: Any,
) -> None:
    settings.LOKET_UPLOAD_MAX_BYTES = 2048
    data = pdf_bytes("x" * 40) + b"%" * 3000

    with translation.override("en"), pytest.raises(ValidationError) as error:
        _upload(clerk_actor, municipality, SimpleUploadedFile("big.pdf", data), "big.pdf")

    assert error.value.code == "document_too_large"
    assert error.value.messages == ["A document may be at most 2.0\xa0KB."]
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_a_file_at_the_limit_is_accepted(
    clerk_actor: Actor, municipality: Municipality, settings: Any
) -> None:
    data = pdf_bytes("x")
    settings.LOKET_UPLOAD_MAX_BYTES = len(data)

    assert _upload(clerk_actor, municipality, data, "limit.pdf").size_bytes == len(data)


def test_an_empty_file_is_refused(clerk_actor: Actor, municipality: Municipality) -> None:
    with pytest.raises(ValidationError) as error:
        _upload(clerk_actor, municipality, b"", "empty.pdf")

    assert error.value.code == "document_empty"
    assert not Document.objects.exists()


def test_staff_of_another_municipality_cannot_upload(
    municipality: Municipality, other_municipality: Municipality, document_folder: Path
) -> None:
    outsider = actor_for_user(staff_member(other_municipality, Role.CLERK))

    with pytest.raises(PermissionDenied):
        _upload(outsider, municipality, pdf_bytes("x"), "x.pdf")

    assert not Document.objects.exists()
    assert stored_files(document_folder) == []
    assert _jobs() == []


def test_a_role_without_the_upload_permission_cannot_upload(
    municipality: Municipality, document_folder: Path
) -> None:
    officer = actor_for_user(staff_member(municipality, Role.PRIVACY_OFFICER))

    with pytest.raises(PermissionDenied):
        _upload(officer, municipality, pdf_bytes("x"), "x.pdf")

    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_a_resident_uploads_about_themselves_only(
    municipality: Municipality, resident: Person, document_folder: Path
) -> None:
    actor = actor_for_resident(resident.pk)
    neighbour = PersonFactory(municipality=municipality)

    with pytest.raises(PermissionDenied):
        _upload(actor, municipality, pdf_bytes("x"), "x.pdf", concerns_person=neighbour)
    with pytest.raises(PermissionDenied):
        _upload(actor, municipality, pdf_bytes("x"), "x.pdf")
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []

    document = _upload(actor, municipality, pdf_bytes("x"), "x.pdf", concerns_person=resident)

    assert document.uploaded_by_kind == UploaderKind.RESIDENT
    assert document.uploaded_by_person_id == resident.pk
    assert document.visible_to_resident is True


def test_the_extraction_job_is_deferred_in_the_upload_transaction(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    document = _upload(clerk_actor, municipality, pdf_bytes("tekst"), "a.pdf")

    jobs = _jobs()
    assert [(job.queue_name, job.args, job.status) for job in jobs] == [
        ("documents", {"document_id": document.pk}, "todo")
    ]


def test_a_rolled_back_upload_leaves_no_row_and_no_job(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    def upload_then_fail() -> None:
        with transaction.atomic():
            _upload(clerk_actor, municipality, pdf_bytes("tekst"), "a.pdf")
            raise RuntimeError("the caller failed after the upload")

    with pytest.raises(RuntimeError):
        upload_then_fail()

    assert not Document.objects.exists()
    assert _jobs() == []


def test_a_row_that_cannot_be_inserted_leaves_no_file(
    clerk_actor: Actor, municipality: Municipality, document_folder: Path
) -> None:
    with pytest.raises(DataError):
        document_upload(
            actor=clerk_actor,
            municipality=municipality,
            owner_type="case",
            owner_id=2**63,  # out of range for the owner_id column: the INSERT fails
            title="x",
            file_name="x.pdf",
            content=pdf_bytes("x"),
        )

    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_an_unknown_language_is_refused(clerk_actor: Actor, municipality: Municipality) -> None:
    with pytest.raises(ValidationError) as error:
        _upload(clerk_actor, municipality, pdf_bytes("x"), "x.pdf", language="de")

    assert error.value.code == "document_language"
    assert not Document.objects.exists()
