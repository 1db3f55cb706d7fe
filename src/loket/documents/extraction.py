"""Text from documents: the text layer of a PDF, the paragraphs of DOCX and ODT files.

DOCX and ODT are read as what they are, ZIP files of XML, with the standard library.
Their XML never carries a document type declaration; a file that does is refused, which
rules out entity-expansion attacks. Images have no text (no OCR).
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from loket.documents.content_types import DOCX, ODT, PDF, DocumentFormat

logger = logging.getLogger(__name__)

# Enough for several hundred pages; PostgreSQL's tsvector is limited to 1 MB.
MAX_TEXT_CHARACTERS = 500_000
# The uncompressed XML of one document part, to resist ZIP bombs.
MAX_XML_BYTES = 64 * 1024 * 1024

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class ExtractionError(Exception):
    """The file could not be read, although its format is accepted."""


def _xml_part(data: bytes, name: str) -> ElementTree.Element:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(name)
            if info.file_size > MAX_XML_BYTES:
                raise ExtractionError(f"{name} is larger than {MAX_XML_BYTES} bytes")
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise ExtractionError(f"unreadable archive: {error}") from error
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ExtractionError("document type declarations are not allowed")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise ExtractionError(f"unreadable XML in {name}: {error}") from error


def _docx_paragraph(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter():
        if element.tag == f"{_WORD}t" and element.text:
            parts.append(element.text)
        elif element.tag == f"{_WORD}tab":
            parts.append("\t")
        elif element.tag in {f"{_WORD}br", f"{_WORD}cr"}:
            parts.append("\n")
    return "".join(parts)


def docx_text(data: bytes) -> str:
    body = _xml_part(data, "word/document.xml")
    return "\n".join(_docx_paragraph(paragraph) for paragraph in body.iter(f"{_WORD}p"))


def _odt_inline(element: ElementTree.Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if child.tag == f"{_ODF_TEXT}s":
            yield " " * int(child.get(f"{_ODF_TEXT}c", "1"))
        elif child.tag == f"{_ODF_TEXT}tab":
            yield "\t"
        elif child.tag == f"{_ODF_TEXT}line-break":
            yield "\n"
        elif child.tag not in {f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"}:
            yield from _odt_inline(child)
        if child.tail:
            yield child.tail


def odt_text(data: bytes) -> str:
    content = _xml_part(data, "content.xml")
    blocks = {f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"}
    return "\n".join(
        "".join(_odt_inline(element)) for element in content.iter() if element.tag in blocks
    )


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("the PDF is encrypted")
        pages: list[str] = []
        length = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            pages.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARACTERS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError(f"unreadable PDF: {error}") from error
    return "\n".join(pages)


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL characters; some PDFs produce them.
    text = text.replace("\x00", " ")
    return text[:MAX_TEXT_CHARACTERS].strip()


def text_extract(data: bytes, document_format: DocumentFormat) -> str:
    """The plain text of a document ("" for images). Raises ExtractionError."""
    if document_format == PDF:
        return _clean(pdf_text(data))
    if document_format == DOCX:
        return _clean(docx_text(data))
    if document_format == ODT:
        return _clean(odt_text(data))
    return ""
