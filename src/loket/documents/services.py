"""Every write of dossier documents: upload, new version, text extraction.

The caller (the owning domain, e.g. cases) decides whether the actor may touch the owner;
these services check the document permissions and the tenant, validate the file by its
content and store it. Nothing is stored when a file is refused.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_check
from loket.documents.content_types import (
    FORMATS_BY_CONTENT_TYPE,
    DocumentFormat,
    document_format_detect,
)
from loket.documents.extraction import ExtractionError, text_extract
from loket.documents.languages import SEARCH_CONFIGS, language_detect, search_config_for
from loket.documents.models import (
    Document,
    DocumentSearchEntry,
    ExtractionStatus,
    UploaderKind,
)
from loket.documents.owners import owner_exists_in
from loket.documents.storage import storage_get
from loket.documents.workflow import EXTRACTION_LIFECYCLE
from loket.people.models import Person
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

logger = logging.getLogger(__name__)

# Files up to this size may be extracted inside the upload request when the caller asks.
SYNC_EXTRACTION_MAX_BYTES = 2 * 1024 * 1024
_OWNER_TYPE = re.compile(r"^[a-z][a-z0-9_.-]{0,39}$")


def upload_max_bytes() -> int:
    return int(settings.LOKET_UPLOAD_MAX_BYTES)


def _too_large() -> ValidationError:
    return ValidationError(
        _("A document may be at most %(size)s.") % {"size": filesizeformat(upload_max_bytes())},
        code="document_too_large",
    )


def document_content_read(content: bytes | IO[bytes]) -> bytes:
    """The bytes of an upload, refused (ValidationError) when empty or over the size limit,
    without reading more than one byte past the limit."""
    limit = upload_max_bytes()
    if isinstance(content, bytes | bytearray):
        data = bytes(content)
    else:
        declared = getattr(content, "size", None)
        if isinstance(declared, int) and declared > limit:
            raise _too_large()
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read(limit + 1)
    if len(data) > limit:
        raise _too_large()
    if not data:
        raise ValidationError(_("The file is empty."), code="document_empty")
    return data


def document_content_check(
    *, content: bytes | IO[bytes], allowed: Iterable[str] | None = None
) -> DocumentFormat:
    """Would this file be accepted (size and format, judged by its bytes; `allowed`
    narrows the formats)? Stores nothing: a form checks every file together with its other
    answers, so all errors come back at once."""
    return document_format_detect(document_content_read(content), allowed)


def file_name_clean(file_name: str, document_format: DocumentFormat) -> str:
    """A safe file name to show and to download under: no folders, no control characters,
    and the extension of what the file really is."""
    name = unicodedata.normalize("NFC", file_name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem[:200] or _("document")
    allowed = {"jpg", "jpeg"} if document_format.extension == "jpg" else {document_format.extension}
    if extension.lower() not in allowed:
        extension = document_format.extension
    return f"{stem}.{extension}"


def _uploader(
    actor: Actor, municipality: Municipality, concerns_person: Person | None
) -> dict[str, object]:
    """Who uploads, after checking they may: staff and integrations need documents.upload in
    the municipality; a resident may add documents about themselves only."""
    if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        if not actor.has(Permission.DOCUMENTS_UPLOAD, municipality.pk):
            raise PermissionDenied
        if actor.kind is ActorKind.STAFF:
            return {"uploaded_by_kind": UploaderKind.STAFF, "uploaded_by_user": actor.user}
        return {
            "uploaded_by_kind": UploaderKind.INTEGRATION,
            "uploaded_by_api_client_id": actor.api_client_id,
        }
    if actor.is_resident and concerns_person is not None and concerns_person.pk == actor.person_id:
        return {"uploaded_by_kind": UploaderKind.RESIDENT, "uploaded_by_person_id": actor.person_id}
    raise PermissionDenied


_SEARCH_ENTRY_REFRESH = """
INSERT INTO documents_documentsearchentry (document_id, municipality_id, created_at, search_vector)
SELECT id, municipality_id, created_at,
       setweight(to_tsvector(search_config::regconfig, title), 'A')
       || setweight(to_tsvector(search_config::regconfig, text), 'B')
FROM documents_document
WHERE id = %s AND is_current
ON CONFLICT (document_id) DO UPDATE SET search_vector = EXCLUDED.search_vector
"""


def _search_entry_refresh(document_id: int) -> None:
    """(Re)index a current version: its title (weight A) and text (weight B) in its own
    text-search configuration. Earlier versions have no entry."""
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH_ENTRY_REFRESH, [document_id])


def _store(document: Document, data: bytes) -> Document:
    """Write the bytes, then the row; undo the write when the row cannot be inserted."""
    storage = storage_get(document.storage_backend)
    storage.save(key=document.storage_key, content=data)
    try:
        with transaction.atomic():
            document.save(force_insert=True)
            _search_entry_refresh(document.pk)
    except Exception:
        storage.delete(key=document.storage_key)
        raise
    return document


def _extraction_plan(
    document: Document, data: bytes, document_format: DocumentFormat, *, extract_now: bool
) -> None:
    """Extract now (small files, when asked) or defer the job in this transaction."""
    if not document_format.has_text_layer:
        transition_check(
            EXTRACTION_LIFECYCLE,
            current=document.extraction_status,
            target=ExtractionStatus.NOT_APPLICABLE,
        )
        Document.objects.filter(pk=document.pk).update(
            extraction_status=ExtractionStatus.NOT_APPLICABLE, extracted_at=timezone.now()
        )
        document.extraction_status = ExtractionStatus.NOT_APPLICABLE
        return
    if extract_now and len(data) <= SYNC_EXTRACTION_MAX_BYTES:
        _extraction_save(document.pk, _extraction_outcome(document, data))
        document.refresh_from_db()
        return
    from loket.documents.tasks import document_text_extract_task

    document_text_extract_task.defer(document_id=document.pk)


def _new_row(
    *,
    municipality: Municipality,
    data: bytes,
    document_format: DocumentFormat,
    file_name: str,
    language: str,
    **fields: object,
) -> Document:
    if language and language not in SEARCH_CONFIGS:
        raise ValidationError(_("Unknown document language."), code="document_language")
    now = timezone.now()
    backend = settings.LOKET_DOCUMENT_STORAGE
    return Document(
        municipality=municipality,
        file_name=file_name_clean(file_name, document_format),
        content_type=document_format.content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_backend=backend,
        storage_key=f"{municipality.nis_code}/{now:%Y/%m}/{uuid.uuid4().hex}",
        language=language,
        search_config=search_config_for(language),
        created_at=now,
        **fields,
    )


@transaction.atomic
def document_upload(
    *,
    actor: Actor,
    municipality: Municipality,
    owner_type: str,
    owner_id: int,
    title: str,
    file_name: str,
    content: bytes | IO[bytes],
    kind: str = "",
    language: str = "",
    concerns_person: Person | None = None,
    visible_to_resident: bool = False,
    extract_now: bool = False,
    titles: Mapping[str, str] | None = None,
) -> Document:
    """Store a new document (version 1) for an owner, e.g. owner_type="case".

    `language` ("nl", "fr", "en") chooses the search configuration; empty: detected from
    the extracted text. `titles` gives the title in other languages, for readers of those.
    Raises PermissionDenied, or ValidationError for a refused file.
    """
    uploader = _uploader(actor, municipality, concerns_person)
    if not _OWNER_TYPE.fullmatch(owner_type):
        raise ValidationError("owner_type must be a short lower-case code", code="owner_type")
    data = document_content_read(content)
    document_format = document_format_detect(data)
    document = _new_row(
        municipality=municipality,
        data=data,
        document_format=document_format,
        file_name=file_name,
        language=language,
        owner_type=owner_type,
        owner_id=owner_id,
        title=(title.strip() or file_name)[:300],
        titles={
            code: text.strip()[:300]
            for code, text in (titles or {}).items()
            if code in {"nl", "fr", "en"} and text.strip()
        },
        kind=kind,
        concerns_person=concerns_person,
        visible_to_resident=visible_to_resident or uploader["uploaded_by_kind"] == "resident",
        **uploader,
    )
    _store(document, data)
    _extraction_plan(document, data, document_format, extract_now=extract_now)
    return document


def document_attach(
    *,
    actor: Actor,
    municipality: Municipality,
    owner_type: str,
    owner_id: int,
    title: str,
    file_name: str,
    content: bytes | IO[bytes],
    kind: str = "",
    language: str = "",
) -> Document:
    """Attach a document from outside (the API) to an existing owner of the municipality,
    e.g. a case. An owner of another municipality answers exactly like an id nobody has;
    nothing is stored."""
    if not owner_exists_in(owner_type, owner_id, municipality.pk):
        raise ValidationError(
            {"owner_id": [_("There is nothing with this id to attach the document to.")]}
        )
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type=owner_type,
        owner_id=owner_id,
        title=title,
        file_name=file_name,
        content=content,
        kind=kind,
        language=language,
    )


@transaction.atomic
def document_version_add(
    *,
    actor: Actor,
    document: Document,
    file_name: str,
    content: bytes | IO[bytes],
    title: str = "",
    language: str = "",
    extract_now: bool = False,
) -> Document:
    """Add a new version of `document`, which must be the current version. The previous
    row stays as it is (only its `is_current` flag is lowered)."""
    current = (
        Document.objects.select_for_update(of=("self",))
        .select_related("municipality", "concerns_person")
        .filter(logical_id=document.logical_id, is_current=True)
        .first()
    )
    if current is None or current.pk != document.pk:
        raise ValidationError(
            _("A newer version of this document exists. Reload the page and try again."),
            code="document_stale",
        )
    uploader = _uploader(actor, current.municipality, current.concerns_person)
    data = document_content_read(content)
    document_format = document_format_detect(data)
    Document.objects.filter(pk=current.pk).update(is_current=False)
    DocumentSearchEntry.objects.filter(document_id=current.pk).delete()
    new_version = _new_row(
        municipality=current.municipality,
        data=data,
        document_format=document_format,
        file_name=file_name,
        language=language or current.language,
        owner_type=current.owner_type,
        owner_id=current.owner_id,
        logical_id=current.logical_id,
        version=current.version + 1,
        previous_version=current,
        title=(title.strip() or current.title)[:300],
        kind=current.kind,
        concerns_person=current.concerns_person,
        visible_to_resident=current.visible_to_resident,
        **uploader,
    )
    _store(new_version, data)
    _extraction_plan(new_version, data, document_format, extract_now=extract_now)
    return new_version


def _extraction_outcome(document: Document, data: bytes) -> tuple[str, str, str]:
    """(status, error, text) of reading the text of `data`, the content of `document`."""
    if hashlib.sha256(data).hexdigest() != document.sha256:
        return ExtractionStatus.FAILED, "stored content does not match its SHA-256", ""
    try:
        text = text_extract(data, FORMATS_BY_CONTENT_TYPE[document.content_type])
    except ExtractionError as problem:
        return ExtractionStatus.FAILED, str(problem)[:300], ""
    except Exception as problem:  # untrusted files break parsers in odd ways
        logger.warning("text extraction of document %s failed", document.pk, exc_info=True)
        return ExtractionStatus.FAILED, f"{type(problem).__name__}: {problem}"[:300], ""
    return ExtractionStatus.DONE, "", text


def _extraction_save(document_id: int, outcome: tuple[str, str, str]) -> None:
    """Store the outcome and index the text, unless another run got there first."""
    document = Document.objects.select_for_update().get(pk=document_id)
    status, error, text = outcome
    if not EXTRACTION_LIFECYCLE.allowed(document.extraction_status, status):
        return
    language = document.language or language_detect(text)
    Document.objects.filter(pk=document_id).update(
        text=text,
        language=language,
        search_config=search_config_for(language),
        extraction_status=status,
        extraction_error=error,
        extracted_at=timezone.now(),
    )
    _search_entry_refresh(document_id)


def document_text_extract(*, document_id: int) -> bool:
    """Extract and index the text of a stored document. Idempotent: a document that is not
    waiting for extraction is left alone. Returns whether the document exists."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return False
    if EXTRACTION_LIFECYCLE.is_final(document.extraction_status):
        return True
    # Read and parse outside the transaction: a large PDF may take seconds.
    data = storage_get(document.storage_backend).read(key=document.storage_key)
    outcome = _extraction_outcome(document, data)
    with transaction.atomic():
        _extraction_save(document_id, outcome)
    return True
