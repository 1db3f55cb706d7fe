"""What an uploaded file really is, read from its bytes, never from its name.

Accepted: PDF, JPEG, PNG, Word (DOCX) and OpenDocument text (ODT). DOCX and ODT are ZIP
files; they are recognised by the entries a word processor writes, not by the extension.
Macro-enabled Word files (DOCM) are refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
# The manifest of the packaging entries is small; anything bigger is not a real document.
_MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class DocumentFormat:
    code: str
    content_type: str
    extension: str
    has_text_layer: bool


PDF = DocumentFormat("pdf", "application/pdf", "pdf", has_text_layer=True)
JPEG = DocumentFormat("jpeg", "image/jpeg", "jpg", has_text_layer=False)
PNG = DocumentFormat("png", "image/png", "png", has_text_layer=False)
DOCX = DocumentFormat(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    has_text_layer=True,
)
ODT = DocumentFormat("odt", ODT_MIMETYPE, "odt", has_text_layer=True)

ACCEPTED_FORMATS = (PDF, JPEG, PNG, DOCX, ODT)
FORMATS_BY_CONTENT_TYPE = {item.content_type: item for item in ACCEPTED_FORMATS}
# For the `accept` attribute of file inputs (a hint to the browser; the server decides).
ACCEPT_ATTRIBUTE = ",".join(
    [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt"]
    + [item.content_type for item in ACCEPTED_FORMATS]
)


def _refused() -> ValidationError:
    return ValidationError(
        _(
            "This type of file is not accepted. Send a PDF, JPEG or PNG file, a Word "
            "document (.docx) or an OpenDocument text (.odt)."
        ),
        code="document_type",
    )


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > _MAX_MANIFEST_BYTES:
        raise _refused()
    return archive.read(info)


def _zip_format(data: bytes) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                mimetype = _read_entry(archive, "mimetype").decode("ascii", "replace").strip()
                if mimetype == ODT_MIMETYPE:
                    return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                manifest = _read_entry(archive, "[Content_Types].xml")
                if b"macroEnabled" not in manifest and b"vbaProject" not in manifest:
                    return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError) as error:
        raise _refused() from error
    raise _refused()


def document_format_detect(data: bytes) -> DocumentFormat:
    """The format of `data`, judged by its content. Raises ValidationError when it is not
    one of the accepted formats."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data)
    raise _refused()
