"""The one list of the file formats Loket accepts as documents.

Every place that tells a person which files they may send takes it from here: the
`accept` attribute of a file picker, the hint next to it, the error when a file is
refused (`loket.documents.content_types` recognises a file by its bytes against the same
list), and the kinds a form definition may name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class DocumentFormat:
    code: str
    content_type: str
    extension: str
    has_text_layer: bool
    extensions: tuple[str, ...] = ()
    label: str | Promise = ""

    @property
    def accept_tokens(self) -> tuple[str, ...]:
        """What a file picker's `accept` attribute lists for this format."""
        return (*(f".{name}" for name in self.extensions or (self.extension,)), self.content_type)


PDF = DocumentFormat("pdf", "application/pdf", "pdf", True, ("pdf",), "PDF")
JPEG = DocumentFormat("jpeg", "image/jpeg", "jpg", False, ("jpg", "jpeg"), "JPEG")
PNG = DocumentFormat("png", "image/png", "png", False, ("png",), "PNG")
DOCX = DocumentFormat(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    True,
    ("docx",),
    format_lazy("{} (.docx)", gettext_lazy("Word document")),
)
ODT = DocumentFormat(
    "odt",
    "application/vnd.oasis.opendocument.text",
    "odt",
    True,
    ("odt",),
    format_lazy("{} (.odt)", gettext_lazy("OpenDocument text")),
)

ACCEPTED_FORMATS = (PDF, JPEG, PNG, DOCX, ODT)
FORMATS_BY_CODE = {item.code: item for item in ACCEPTED_FORMATS}


def formats_for(codes: Iterable[str] | None = None) -> tuple[DocumentFormat, ...]:
    """The accepted formats named by `codes` (all of them when None), in the list's order."""
    if codes is None:
        return ACCEPTED_FORMATS
    wanted = set(codes)
    return tuple(item for item in ACCEPTED_FORMATS if item.code in wanted)


def accept_attribute(codes: Iterable[str] | None = None) -> str:
    """The `accept` attribute of a file picker for these formats."""
    return ",".join(token for item in formats_for(codes) for token in item.accept_tokens)


def formats_sentence(codes: Iterable[str] | None = None) -> str:
    """The formats as a reader reads them: "PDF, JPEG or PNG"."""
    labels = [str(item.label) for item in formats_for(codes)]
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def formats_hint(codes: Iterable[str] | None = None) -> str:
    """The hint next to a file picker: which files it takes."""
    return _("Accepted files: %(formats)s.") % {"formats": formats_sentence(codes)}
