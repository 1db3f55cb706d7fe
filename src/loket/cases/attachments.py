"""Files of a request (form uploads, message attachments) kept as dossier documents.

The documents domain validates each file by its content, stores it through its storage
plugin with a SHA-256 and indexes its text; this module only says whose file it is: a case
(`owner_type="case"`) or a portal draft not yet submitted (`"case_draft"`). A value in a
case's answers or messages refers to a document as {"document_id": …, "name": …}.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError

from loket.catalog.formdefs.schema import FieldType, FormSpec
from loket.documents.models import Document
from loket.documents.selectors import (
    document_content_open,
    document_get_visible,
    documents_of_owner,
)
from loket.documents.services import document_content_check, document_upload
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality

CASE_OWNER = "case"
DRAFT_OWNER = "case_draft"
ATTACHMENT_KIND = "attachment"
MESSAGE_KIND = "message"


@dataclass(frozen=True)
class Upload:
    """A file sent with a form (for field `field_key`) or a message (field_key "")."""

    field_key: str
    file_name: str
    content: bytes | IO[bytes]


def document_reference(document: Document) -> dict[str, Any]:
    return {"document_id": document.pk, "name": document.file_name}


def uploads_check(form: FormSpec, uploads: Sequence[Upload]) -> dict[str, list[str]]:
    """The errors of a form's new files, per field (a file the field does not accept, too
    large or empty), checked before anything is stored."""
    errors: dict[str, list[str]] = {}
    for upload in uploads:
        spec = form.field_get(upload.field_key)
        if spec is None or spec.type is not FieldType.FILE:
            continue
        try:
            document_content_check(content=upload.content, allowed=spec.accept or None)
        except ValidationError as error:
            for message in error.messages:
                named = f"{upload.file_name}: {message}"
                if named not in errors.get(spec.key, []):
                    errors.setdefault(spec.key, []).append(named)
    return errors


def attachment_store(
    *,
    actor: Actor,
    municipality: Municipality,
    owner_type: str,
    owner_id: int,
    upload: Upload,
    concerns_person: Person,
    title: str,
    kind: str = ATTACHMENT_KIND,
    language: str = "",
    titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Store one file; a refused file raises ValidationError on its form field. `titles`:
    the title in every language, so each reader sees it in theirs."""
    try:
        document = document_upload(
            actor=actor,
            municipality=municipality,
            owner_type=owner_type,
            owner_id=owner_id,
            title=title,
            file_name=upload.file_name,
            content=upload.content,
            kind=kind,
            language=language,
            concerns_person=concerns_person,
            visible_to_resident=True,
            titles=titles,
        )
    except ValidationError as error:
        raise ValidationError({upload.field_key or "attachments": error.messages}) from error
    return document_reference(document)


def attachment_copy_to_case(
    *,
    actor: Actor,
    reference: dict[str, Any],
    case_id: int,
    municipality: Municipality,
    concerns_person: Person,
    title: str,
    titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A draft's file, stored again as a document of the submitted case."""
    source = document_get_visible(actor=actor, document_id=int(reference["document_id"]))
    with document_content_open(document=source) as content:
        data = content.read()
    return attachment_store(
        actor=actor,
        municipality=municipality,
        owner_type=CASE_OWNER,
        owner_id=case_id,
        upload=Upload(field_key="", file_name=source.file_name, content=data),
        concerns_person=concerns_person,
        title=title,
        language=source.language,
        titles=titles,
    )


def case_documents(*, actor: Actor, case_id: int) -> list[Document]:
    return list(documents_of_owner(actor=actor, owner_type=CASE_OWNER, owner_id=case_id))
