"""Text extraction from PDF, DOCX and ODT, language detection and indexing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.contrib.postgres.search import SearchQuery
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.documents.content_types import DOCX, ODT
from loket.documents.extraction import ExtractionError, docx_text, odt_text
from loket.documents.languages import language_detect
from loket.documents.models import Document, DocumentSearchEntry, ExtractionStatus
from loket.documents.services import document_text_extract, document_upload
from loket.documents.tasks import document_text_extract_task
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.documents.files import docx_bytes, odt_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

DUTCH = "De aanvrager vraagt een parkeerkaart voor bewoners van de binnenstad aan."
FRENCH = "Le demandeur sollicite une carte de stationnement pour les riverains du centre."


def _upload(actor: Actor, municipality: Municipality, data: bytes, **extra: object) -> Document:
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type="case",
        owner_id=1,
        title="Bijlage",
        file_name="bijlage",
        content=data,
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("maker", "language", "config"),
    [
        (pdf_bytes, "nl", "dutch"),
        (docx_bytes, "nl", "dutch"),
        (odt_bytes, "nl", "dutch"),
    ],
)
def test_the_job_extracts_and_indexes_the_text(
    clerk_actor: Actor,
    municipality: Municipality,
    maker,
    language: str,
    config: str,  # type: ignore[no-untyped-def]
) -> None:
    document = _upload(clerk_actor, municipality, maker(DUTCH, "Tweede alinea over de wagen."))
    assert document.extraction_status == ExtractionStatus.PENDING
    job = ProcrastinateJob.objects.get(task_name="documents.text_extract")

    document_text_extract_task(**job.args)

    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.DONE
    assert DUTCH in document.text
    assert "Tweede alinea over de wagen." in document.text
    assert (document.language, document.search_config) == (language, config)
    assert document.extracted_at is not None
    words = SearchQuery("parkeerkaarten", config="dutch")
    assert DocumentSearchEntry.objects.filter(pk=document.pk, search_vector=words).exists()


def test_a_french_document_is_indexed_in_french(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    document = _upload(clerk_actor, municipality, odt_bytes(FRENCH), extract_now=True)

    assert (document.language, document.search_config) == ("fr", "french")
    assert document.extraction_status == ExtractionStatus.DONE
    assert not ProcrastinateJob.objects.exists()


def test_a_given_language_wins_over_detection(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    document = _upload(
        clerk_actor, municipality, docx_bytes(FRENCH), language="en", extract_now=True
    )

    assert (document.language, document.search_config) == ("en", "english")


def test_small_files_can_be_extracted_during_the_upload(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    document = _upload(clerk_actor, municipality, pdf_bytes(DUTCH), extract_now=True)

    assert document.extraction_status == ExtractionStatus.DONE
    assert DUTCH in document.text
    assert not ProcrastinateJob.objects.exists()


def test_extraction_is_idempotent(clerk_actor: Actor, municipality: Municipality) -> None:
    document = _upload(clerk_actor, municipality, docx_bytes(DUTCH))
    document_text_extract(document_id=document.pk)
    extracted_at = Document.objects.get(pk=document.pk).extracted_at

    assert document_text_extract(document_id=document.pk) is True
    assert document_text_extract(document_id=0) is False
    assert Document.objects.get(pk=document.pk).extracted_at == extracted_at


def test_an_unreadable_pdf_is_recorded_as_failed_and_still_found_by_title(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    document = document_upload(
        actor=clerk_actor,
        municipality=municipality,
        owner_type="case",
        owner_id=1,
        title="Kapotte scan",
        file_name="scan.pdf",
        content=b"%PDF-1.7\nthis is not a PDF at all",
    )

    document_text_extract(document_id=document.pk)

    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.FAILED
    assert document.extraction_error != ""
    assert document.text == ""
    assert DocumentSearchEntry.objects.filter(pk=document.pk, search_vector="scan").exists()


def test_docx_paragraphs_tabs_and_breaks() -> None:
    text = docx_text(docx_bytes("één", "twee & drie"))

    assert text == "één\ntwee & drie"


def test_odt_spaces_and_nested_spans() -> None:
    data = BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            "<office:body><office:text><text:h>Titel</text:h>"
            '<text:p>a<text:s text:c="3"/>b<text:span>c</text:span><text:tab/>d</text:p>'
            "</office:text></office:body></office:document-content>",
        )

    assert odt_text(data.getvalue()) == "Titel\na   bc\td"


def test_xml_with_a_document_type_declaration_is_not_parsed() -> None:
    data = BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document/>',
        )

    with pytest.raises(ExtractionError, match="document type declarations"):
        docx_text(data.getvalue())
    assert DOCX.code == "docx"
    assert ODT.code == "odt"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (DUTCH, "nl"),
        (FRENCH, "fr"),
        ("The applicant asks for a parking card for the residents of the old town.", "en"),
        ("12345 67890 BE68 5390 0754 7034", ""),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert language_detect(text) == language
