"""What an uploaded file really is, read from its bytes, never from its name.

Accepted: the formats of `loket.core.file_formats` (PDF, JPEG, PNG, Word (DOCX) and
OpenDocument text (ODT)). DOCX and ODT are ZIP
files; they are recognised by the entries a word processor writes, not by the extension.
Macro-enabled Word files (DOCM) are refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loket.core.file_formats import (
    ACCEPTED_FORMATS,
    DOCX,
    JPEG,
    ODT,
    PDF,
    PNG,
    DocumentFormat,
    accept_attribute,
    formats_sentence,
)

__all__ = [
    "ACCEPTED_FORMATS",
    "ACCEPT_ATTRIBUTE",
    "DOCX",
    "FORMATS_BY_CONTENT_TYPE",
    "JPEG",
    "ODT",
    "PDF",
    "PNG",
    "DocumentFormat",
    "document_format_detect",
]

ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = ODT.content_type
# The manifest of the packaging entries is small; anything bigger is not a real document.
_MAX_MANIFEST_BYTES = 1024 * 1024


FORMATS_BY_CONTENT_TYPE = {item.content_type: item for item in ACCEPTED_FORMATS}
# For the `accept` attribute of file inputs (a hint to the browser; the server decides).
ACCEPT_ATTRIBUTE = accept_attribute()


def _refused(codes: Iterable[str] | None = None) -> ValidationError:
    return ValidationError(
        _("This type of file is not accepted. Accepted files: %(formats)s.")
        % {"formats": formats_sentence(codes)},
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


def _detect(data: bytes) -> DocumentFormat:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data)
    raise _refused()


def document_format_detect(data: bytes, allowed: Iterable[str] | None = None) -> DocumentFormat:
    """The format of `data`, judged by its content. Raises ValidationError, naming the
    formats that are allowed, when it is not one of them (default: every accepted one)."""
    try:
        found = _detect(data)
    except ValidationError:
        raise _refused(allowed) from None
    if allowed is not None and found.code not in set(allowed):
        raise _refused(allowed)
    return found
